package cn.yuhao.care.activity;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.volunteer.Specialty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Publishing activities and reading their sign-ups (the organisers' side). A district admin publishes for her
 * district, a street supervisor for her street, the city anywhere; an activity may be for one volunteer team.
 */
public final class ActivityService {
  static final Map<String, String> KINDS = Map.of(
      "PSY_GROUP", "心理团辅",
      "BIRTHDAY", "集体生日",
      "PARENT_CHILD", "亲子活动",
      "PUBLIC_SERVICE", "公益服务",
      "TRAINING", "培训");
  static final int MAX_QUOTA = 1000;

  public record ActivityInput(
      String districtCode,
      String street,
      String teamId,
      String kind,
      String title,
      String place,
      Instant startsAt,
      Instant endsAt,
      Integer quota,
      Boolean needsApproval,
      List<String> specialties,
      String courseId) {}

  public record Activity(
      String id,
      String districtCode,
      String street,
      String teamId,
      String courseId,
      String kind,
      String kindLabel,
      String title,
      String place,
      Instant startsAt,
      Instant endsAt,
      int quota,
      boolean needsApproval,
      List<String> specialties,
      String status,
      int placesTaken,
      int placesLeft,
      int waiting,
      String myStatus) {}

  public record Page(List<Activity> items, String nextCursor) {}

  public record SignupView(String volunteerId, String name, String status, Instant queuedAt) {}

  private final Jdbi jdbi;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;

  public ActivityService(Jdbi jdbi, RegionService regions, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  public Activity create(Caller admin, ActivityInput in) {
    Instant now = clock.instant();
    check(in, now);
    String street =
        in.street() == null || in.street().isBlank() ? null : in.street().strip();
    if (!admin.adminScope().covers(in.districtCode(), street)) {
      throw new AppException(ErrorCode.FORBIDDEN, "只能在自己负责的区县或街道发布活动");
    }
    long id = Ids.next();
    return jdbi.inTransaction(h -> {
      ActivityDao dao = new ActivityDao(h);
      if (in.teamId() != null
          && !dao.teamDistrict(Long.parseLong(in.teamId()))
              .map(in.districtCode()::equals)
              .orElse(false)) {
        throw AppException.invalid("teamId", "该区县没有这个志愿者团队");
      }
      if (in.courseId() != null
          && !dao.courseDistrict(Long.parseLong(in.courseId()))
              .map(d -> d.isEmpty() || d.equals(in.districtCode()))
              .orElse(false)) {
        throw AppException.invalid("courseId", "没有这门课程，或课程不属于该区县");
      }
      ActivityInput clean = new ActivityInput(
          in.districtCode(),
          street,
          in.teamId(),
          in.kind(),
          in.title(),
          in.place(),
          in.startsAt(),
          in.endsAt(),
          in.quota(),
          in.needsApproval(),
          in.specialties(),
          in.courseId());
      dao.insert(id, clean, String.join(",", specialties(in)), admin.userId(), now);
      audit.record(
          h, admin, "activity.create", "activity", Long.toString(id), in.title().strip());
      return view(dao.find(id).orElseThrow(), null);
    });
  }

  private void check(ActivityInput in, Instant now) {
    Fields f = new Fields()
        .require("districtCode", in.districtCode())
        .require("kind", in.kind())
        .require("title", blankToNull(in.title()))
        .require("place", blankToNull(in.place()))
        .require("startsAt", in.startsAt())
        .require("endsAt", in.endsAt())
        .require("quota", in.quota())
        .maxLength("title", in.title(), 64)
        .maxLength("place", in.place(), 100)
        .maxLength("street", in.street(), 64)
        .check(in.kind(), in.kind() == null || KINDS.containsKey(in.kind()), "kind", "没有这种活动类型")
        .check(
            in.quota(),
            in.quota() == null || in.quota() >= 1 && in.quota() <= MAX_QUOTA,
            "quota",
            "名额应为 1–1000")
        .check(
            in.teamId(),
            in.teamId() == null || Ids.parseOr(in.teamId(), -1) > 0,
            "teamId",
            "编号格式不正确");
    f.check(
        in.courseId(),
        in.courseId() == null || Ids.parseOr(in.courseId(), -1) > 0 && "TRAINING".equals(in.kind()),
        "courseId",
        "只有培训活动可以关联课程，编号应为数字");
    if (in.districtCode() != null && !regions.isDistrict(in.districtCode())) {
      f.fail("districtCode", "没有这个区县");
    } else if (in.street() != null
        && !regions.hasStreet(in.districtCode(), in.street().strip())) {
      f.fail("street", "该区县下没有这个街道");
    }
    if (in.startsAt() != null && in.endsAt() != null) {
      f.check(in.startsAt(), in.startsAt().isAfter(now), "startsAt", "开始时间应在将来")
          .check(in.endsAt(), in.endsAt().isAfter(in.startsAt()), "endsAt", "结束时间应晚于开始时间")
          .check(
              in.endsAt(),
              !in.endsAt().isAfter(in.startsAt().plus(Duration.ofHours(24))),
              "endsAt",
              "一次活动最长 24 小时");
    }
    if (in.specialties() != null) {
      Set<String> known =
          Arrays.stream(Specialty.values()).map(Enum::name).collect(Collectors.toSet());
      f.check(in.specialties(), known.containsAll(in.specialties()), "specialties", "没有这种专长");
    }
    f.throwIfAny();
  }

  public Page list(Caller admin, String districtCode, long before, int limit) {
    List<ActivityDao.Row> rows = jdbi.withHandle(
        h -> new ActivityDao(h).list(admin.adminScope(), districtCode, before, limit + 1));
    List<Activity> items = rows.stream().limit(limit).map(r -> view(r, null)).toList();
    return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
  }

  public List<SignupView> signups(Caller admin, long id) {
    return jdbi.withHandle(h -> {
      ActivityDao dao = new ActivityDao(h);
      dao.findInScope(id, admin.adminScope()).orElseThrow(() -> AppException.notFound("活动"));
      return dao.signups(id).stream()
          .map(s ->
              new SignupView(Long.toString(s.volunteerId()), s.name(), s.status(), s.queuedAt()))
          .toList();
    });
  }

  public record PhotosInput(List<String> attachmentIds) {}

  /** Adds photos to an activity (an admin of its district); none is ever taken away. All of them, oldest first. */
  public List<Attachments.FileRef> addPhotos(Caller admin, long id, PhotosInput in) {
    Set<Long> files = Attachments.parse(in.attachmentIds());
    if (files.isEmpty()) {
      throw AppException.invalid("attachmentIds", "请选择照片");
    }
    return jdbi.inTransaction(h -> {
      ActivityDao.Row a = new ActivityDao(h)
          .findInScope(id, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("活动"));
      Attachments.attach(
          h,
          admin.userId(),
          FilePurpose.ACTIVITY,
          id,
          a.districtCode(),
          a.street(),
          files,
          clock.instant());
      audit.record(h, admin, "activity.photos", "activity", Long.toString(id), files.size() + "");
      return Attachments.of(h, FilePurpose.ACTIVITY, id);
    });
  }

  public List<Attachments.FileRef> photos(Caller admin, long id) {
    return jdbi.withHandle(h -> {
      new ActivityDao(h)
          .findInScope(id, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("活动"));
      return Attachments.of(h, FilePurpose.ACTIVITY, id);
    });
  }

  private static List<String> specialties(ActivityInput in) {
    return in.specialties() == null
        ? List.of()
        : in.specialties().stream().distinct().sorted().toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static Activity view(ActivityDao.Row r, String myStatus) {
    return new Activity(
        Long.toString(r.id()),
        r.districtCode(),
        r.street(),
        r.teamId() == null ? null : r.teamId().toString(),
        r.courseId() == null ? null : r.courseId().toString(),
        r.kind(),
        KINDS.getOrDefault(r.kind(), r.kind()),
        r.title(),
        r.place(),
        r.startsAt(),
        r.endsAt(),
        r.quota(),
        r.needsApproval(),
        r.specialties().isEmpty() ? List.of() : List.of(r.specialties().split(",")),
        r.status(),
        r.held(),
        Math.max(0, r.quota() - r.held()),
        r.waiting(),
        myStatus);
  }
}
