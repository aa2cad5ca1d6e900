package cn.yuhao.care.troupe;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Fields;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Pre and post assessments (前测 / 后测) of troupe children, their comparison, and a child's growth archive
 * (成长档案): the troupes she joined, sessions attended with class-hours, performances and assessments.
 */
public final class AssessmentService {
  public record AssessmentInput(
      String childId,
      String phase,
      LocalDate assessedOn,
      String instrument,
      Map<String, Integer> scores) {}

  public record Assessment(
      String id,
      String troupeId,
      String childId,
      String phase,
      String instrument,
      LocalDate assessedOn,
      Map<String, Integer> scores,
      BigDecimal mean,
      Instant recordedAt) {}

  public record ChildChange(
      String childId, String name, BigDecimal pre, BigDecimal post, BigDecimal change) {}

  public record Summary(
      String troupeId,
      String instrument,
      String instrumentName,
      int pairs,
      BigDecimal preAverage,
      BigDecimal postAverage,
      BigDecimal change,
      List<ChildChange> children) {}

  public record TroupeStint(
      String troupeId, String troupeName, String kind, Instant joinedAt, Instant leftAt) {}

  public record Event(Instant at, String kind, String title, String detail) {}

  public record Archive(
      String childId,
      String name,
      List<TroupeStint> troupes,
      int sessionsAttended,
      int classHours,
      List<Event> timeline) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public AssessmentService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** Records (or corrects) a child's PRE or POST assessment; every score on the instrument's scale. */
  public Assessment record(Caller staff, long troupeId, AssessmentInput in) {
    Instruments.Instrument inst =
        in.instrument() == null ? null : Instruments.ALL.get(in.instrument());
    Fields f = new Fields()
        .require("childId", in.childId())
        .require("phase", in.phase())
        .require("assessedOn", in.assessedOn())
        .require("instrument", in.instrument())
        .require("scores", in.scores())
        .check(
            in.phase(),
            in.phase() == null || Set.of("PRE", "POST").contains(in.phase()),
            "phase",
            "应为 PRE（前测）或 POST（后测）")
        .check(in.instrument(), in.instrument() == null || inst != null, "instrument", "没有这个量表")
        .check(
            in.assessedOn(),
            in.assessedOn() == null
                || !in.assessedOn()
                    .isAfter(
                        LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"))),
            "assessedOn",
            "测评日期不能晚于今天");
    if (inst != null && in.scores() != null) {
      if (!in.scores().keySet().equals(inst.items().keySet())) {
        f.fail(
            "scores",
            "应填写量表的全部 " + inst.items().size() + " 项："
                + String.join("、", inst.items().keySet()));
      }
      in.scores()
          .forEach((item, score) -> f.check(
              score,
              score == null || (score >= inst.min() && score <= inst.max()),
              "scores." + item,
              "分值应为 " + inst.min() + " 到 " + inst.max()));
    }
    f.throwIfAny();
    long childId = Ids.parseOr(in.childId(), -1);
    BigDecimal mean = BigDecimal.valueOf(
            in.scores().values().stream().mapToInt(Integer::intValue).sum())
        .divide(BigDecimal.valueOf(in.scores().size()), 2, RoundingMode.HALF_UP);
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.approvedForStaff(h, staff, troupeId);
      boolean member = new SessionDao(h).everMember(t.id(), childId);
      if (!member) {
        throw AppException.notFound("团员");
      }
      Instant now = clock.instant();
      AssessmentDao dao = new AssessmentDao(h);
      dao.upsert(t.id(), childId, in, write(in.scores()), mean, staff.userId(), now);
      audit.record(
          h,
          staff,
          "assessment.record",
          "troupe",
          Long.toString(t.id()),
          childId + " " + in.phase() + " " + mean);
      AssessmentDao.Row r = dao.find(t.id(), childId, in.instrument(), in.phase());
      return new Assessment(
          Long.toString(r.id()),
          Long.toString(r.troupeId()),
          Long.toString(r.childId()),
          r.phase(),
          r.instrument(),
          r.assessedOn(),
          read(r.scoresJson()),
          r.mean(),
          r.recordedAt());
    });
  }

  /** Pre vs post per child and the troupe's average over the children who have both. */
  public Summary summary(Caller staff, long troupeId, String instrument) {
    String code = instrument == null ? "WELLBEING_5" : instrument;
    Instruments.Instrument inst = Instruments.ALL.get(code);
    if (inst == null) {
      throw AppException.invalid("instrument", "没有这个量表");
    }
    return jdbi.withHandle(h -> summary(h, TroupeAccess.forStaff(h, staff, troupeId), inst));
  }

  Summary summary(Handle h, TroupeAccess.Troupe t, Instruments.Instrument inst) {
    Map<Long, BigDecimal[]> byChild = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (AssessmentDao.Mean m : new AssessmentDao(h).means(t.id(), inst.code())) {
      BigDecimal[] pp = byChild.computeIfAbsent(m.childId(), k -> new BigDecimal[2]);
      names.put(m.childId(), m.name());
      pp["PRE".equals(m.phase()) ? 0 : 1] = m.mean();
    }
    List<ChildChange> children = new ArrayList<>();
    BigDecimal preSum = BigDecimal.ZERO;
    BigDecimal postSum = BigDecimal.ZERO;
    int pairs = 0;
    for (var e : byChild.entrySet()) {
      BigDecimal pre = e.getValue()[0];
      BigDecimal post = e.getValue()[1];
      BigDecimal change = pre != null && post != null ? post.subtract(pre) : null;
      if (change != null) {
        pairs++;
        preSum = preSum.add(pre);
        postSum = postSum.add(post);
      }
      children.add(
          new ChildChange(Long.toString(e.getKey()), names.get(e.getKey()), pre, post, change));
    }
    children.sort(Comparator.comparing(ChildChange::childId));
    BigDecimal preAvg =
        pairs == 0 ? null : preSum.divide(BigDecimal.valueOf(pairs), 2, RoundingMode.HALF_UP);
    BigDecimal postAvg =
        pairs == 0 ? null : postSum.divide(BigDecimal.valueOf(pairs), 2, RoundingMode.HALF_UP);
    return new Summary(
        Long.toString(t.id()),
        inst.code(),
        inst.name(),
        pairs,
        preAvg,
        postAvg,
        pairs == 0 ? null : postAvg.subtract(preAvg),
        children);
  }

  /**
   * A child's growth archive, for admins whose scope covers her and coaches of a troupe she is in; audited.
   */
  public Archive archive(Caller staff, long childId) {
    return jdbi.inTransaction(h -> {
      AssessmentDao dao = new AssessmentDao(h);
      AssessmentDao.ChildPlace child =
          dao.child(childId).orElseThrow(() -> AppException.notFound("儿童"));
      List<TroupeStint> stints = dao.stints(childId);
      boolean coach = stints.stream()
          .anyMatch(
              s -> TroupeAccess.coaches(staff, TroupeAccess.find(h, Long.parseLong(s.troupeId()))));
      if (!coach && !staff.adminScope().covers(child.districtCode(), child.street())) {
        throw AppException.notFound("儿童");
      }
      List<Event> timeline = new ArrayList<>();
      for (TroupeStint s : stints) {
        timeline.add(new Event(s.joinedAt(), "JOINED", "加入" + s.troupeName(), null));
        if (s.leftAt() != null) {
          timeline.add(new Event(s.leftAt(), "LEFT", "离开" + s.troupeName(), null));
        }
      }
      int[] totals = new int[2];
      for (AssessmentDao.Attended a : dao.attended(childId)) {
        totals[0]++;
        totals[1] += a.classHours();
        timeline.add(new Event(
            a.startsAt(),
            "TRAINING".equals(a.kind()) ? "ATTENDED" : "PERFORMANCE",
            a.title(),
            a.troupeName() + " · " + a.classHours() + " 课时"));
      }
      for (AssessmentDao.Taken a : dao.taken(childId)) {
        Instruments.Instrument inst = Instruments.ALL.get(a.instrument());
        timeline.add(new Event(
            a.assessedOn().atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant(),
            "ASSESSMENT",
            ("PRE".equals(a.phase()) ? "前测：" : "后测：")
                + (inst == null ? a.instrument() : inst.name()),
            "平均分 " + a.mean()));
      }
      timeline.sort(Comparator.comparing(Event::at));
      audit.record(h, staff, "child.archive.read", "child", Long.toString(childId), null);
      return new Archive(
          Long.toString(childId), child.name(), stints, totals[0], totals[1], timeline);
    });
  }

  private String write(Map<String, Integer> scores) {
    try {
      return json.writeValueAsString(new java.util.TreeMap<>(scores));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Integer> read(String raw) {
    try {
      return json.readValue(
          raw,
          new com.fasterxml.jackson.core.type.TypeReference<
              java.util.TreeMap<String, Integer>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
