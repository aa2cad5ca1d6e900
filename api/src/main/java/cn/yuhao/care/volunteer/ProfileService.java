package cn.yuhao.care.volunteer;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Who a volunteer is: the source tags the programme counts, set by an admin of her district, and the honours
 * she received, with the year, shown in her service record.
 */
public final class ProfileService {
  /** The tags and their labels, in the order the dashboard lists them. */
  public static final Map<String, String> TAGS = tags();

  public record TagsInput(List<String> tags) {}

  public record HonourInput(String title, Integer year, String awardedBy) {}

  public record Honour(String id, String title, int year, String awardedBy) {}

  public record TagCount(String tag, String label, int volunteers) {}

  private final Jdbi jdbi;
  private final VolunteerService volunteers;
  private final AuditLog audit;
  private final Clock clock;

  private final VolunteerCounters counters;

  public ProfileService(
      Jdbi jdbi,
      VolunteerService volunteers,
      VolunteerCounters counters,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.counters = counters;
    this.volunteers = volunteers;
    this.audit = audit;
    this.clock = clock;
  }

  private static Map<String, String> tags() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("EXEC_COMMITTEE", "执委");
    m.put("PARTY_MEMBER", "党员");
    m.put("RED_BANNER", "三八红旗手");
    m.put("WOMEN_VOLUNTEER", "巾帼志愿者");
    m.put("FIVE_ELDERS", "五老");
    m.put("SOCIAL_ORG", "社会组织");
    return java.util.Collections.unmodifiableMap(m);
  }

  public VolunteerView setTags(Caller admin, long volunteerId, TagsInput in) {
    List<String> tags =
        in.tags() == null ? null : in.tags().stream().distinct().sorted().toList();
    Fields f = new Fields().require("tags", tags);
    if (tags != null) {
      for (int i = 0; i < in.tags().size(); i++) {
        f.check(
            in.tags().get(i), TAGS.containsKey(in.tags().get(i)), "tags[" + i + "]", "没有这个身份标签");
      }
    }
    f.throwIfAny();
    jdbi.useTransaction(h -> {
      VolunteerRow v = new VolunteerDao(h)
          .findInScopeForUpdate(volunteerId, adminOf(admin))
          .orElseThrow(() -> AppException.notFound("志愿者"));
      new ProfileDao(h).setTags(v.id(), String.join(",", tags), clock.instant());
      counters.volunteerChanged(h, v.id());
      audit.record(
          h,
          admin,
          "volunteer.tags",
          "volunteer",
          Long.toString(volunteerId),
          String.join(",", tags));
    });
    return volunteers.get(admin, volunteerId);
  }

  public Honour addHonour(Caller admin, long volunteerId, HonourInput in) {
    int thisYear = CarePeriods.day(clock.instant()).getYear();
    new Fields()
        .require("title", in.title() == null || in.title().isBlank() ? null : in.title())
        .maxLength("title", in.title(), 64)
        .require("year", in.year())
        .check(
            in.year(),
            in.year() == null || in.year() >= 1990 && in.year() <= thisYear,
            "year",
            "年份应在 1990 至今年之间")
        .maxLength("awardedBy", in.awardedBy(), 64)
        .throwIfAny();
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      VolunteerRow v = new VolunteerDao(h)
          .findInScopeForUpdate(volunteerId, adminOf(admin))
          .orElseThrow(() -> AppException.notFound("志愿者"));
      long id = Ids.next();
      String awardedBy = in.awardedBy() == null || in.awardedBy().isBlank()
          ? null
          : in.awardedBy().strip();
      if (!new ProfileDao(h)
          .addHonour(id, v.id(), in.title().strip(), in.year(), awardedBy, admin.userId(), now)) {
        throw new AppException(ErrorCode.DUPLICATE, "她已有这一年的这项荣誉");
      }
      audit.record(
          h,
          admin,
          "volunteer.honour",
          "volunteer",
          Long.toString(volunteerId),
          in.year() + " " + in.title());
      return new Honour(Long.toString(id), in.title().strip(), in.year(), awardedBy);
    });
  }

  /** Admitted volunteers of the scope (one district, if given) by tag, every tag listed. */
  /** Every tag with its label and how many admitted volunteers carry it (as the dashboard counts them). */
  public static List<TagCount> counted(Map<String, Long> byTag) {
    List<TagCount> out = new ArrayList<>();
    TAGS.forEach((tag, label) ->
        out.add(new TagCount(tag, label, byTag.getOrDefault(tag, 0L).intValue())));
    return out;
  }

  static List<Honour> honours(org.jdbi.v3.core.Handle h, long volunteerId) {
    return new ProfileDao(h)
        .honours(volunteerId).stream()
            .map(x -> new Honour(Long.toString(x.id()), x.title(), x.year(), x.awardedBy()))
            .toList();
  }

  /** Tags and honours are the district's to keep: its admins and the city's (street supervisors only read). */
  private static Scope adminOf(Caller admin) {
    Scope s = admin.adminScope();
    return new Scope(s.all(), s.districts(), java.util.Set.of());
  }
}
