package cn.yuhao.care.activity;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.FieldError;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.RotatingCode;
import cn.yuhao.care.volunteer.ServiceHours;
import cn.yuhao.care.volunteer.ServiceHoursDao;
import cn.yuhao.care.volunteer.VolunteerCounters;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Check-in and check-out at an activity, the way it is done at troupe sessions: the organiser's phone shows a
 * rotating signed code; a volunteer whose sign-up is confirmed scans it to check in, and again to check out.
 * Each code works once per volunteer. A check-out with a code makes verified service hours (activity:{check-in}),
 * counted from check-in to check-out, capped at the activity's length + 1 h, rounded as everywhere; at a training
 * activity of a course, it also records her completion of the course.
 */
public final class CheckinService {
  private static final Duration OPEN_BEFORE = Duration.ofMinutes(30);
  private static final Duration CLOSE_AFTER = Duration.ofHours(1);

  public record Code(String code, Instant expiresAt) {}

  public record CodeInput(String code) {}

  public record Checkin(
      String id,
      String activityId,
      String activityTitle,
      Instant checkedInAt,
      Instant checkedOutAt,
      String status,
      Integer minutes,
      BigDecimal hours) {}

  private final Jdbi jdbi;
  private final RotatingCode codes;
  private final Duration codeValidity;
  private final VolunteerCounters counters;
  private final AuditLog audit;
  private final Clock clock;

  public CheckinService(
      Jdbi jdbi,
      BlindIndex hmac,
      Duration codeValidity,
      VolunteerCounters counters,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.codes = new RotatingCode(hmac, "activity-checkin-code");
    this.codeValidity = codeValidity;
    this.counters = counters;
    this.audit = audit;
    this.clock = clock;
  }

  /** The organiser's code, from half an hour before the activity to an hour after it. */
  public Code code(Caller organiser, long activityId) {
    Instant now = clock.instant();
    ActivityDao.Row a = jdbi.withHandle(
            h -> new ActivityDao(h).findInScope(activityId, organiser.adminScope()))
        .orElseThrow(() -> AppException.notFound("活动"));
    if (!"OPEN".equals(a.status())) {
      throw new AppException(ErrorCode.CONFLICT, "活动已取消");
    }
    if (now.isBefore(a.startsAt().minus(OPEN_BEFORE))
        || now.isAfter(a.endsAt().plus(CLOSE_AFTER))) {
      throw new AppException(ErrorCode.OUTSIDE_WINDOW, "只能在活动开始前 30 分钟至结束后 1 小时出示签到码");
    }
    Instant expires = now.plus(codeValidity);
    return new Code(codes.issue(a.id(), expires), expires);
  }

  public Checkin checkIn(Caller volunteer, CodeInput in) {
    RotatingCode.Parsed p = parse(in.code());
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      ActivityDao activities = new ActivityDao(h);
      ActivityDao.Member m = activities
          .member(volunteer.userId())
          .filter(x -> "ADMITTED".equals(x.status()))
          .orElseThrow(() -> new AppException(ErrorCode.VOLUNTEER_STATE, "只有已准入的志愿者可以签到"));
      ActivityDao.Row a = activities.find(p.id()).orElseThrow(() -> AppException.notFound("活动"));
      boolean confirmed = activities
          .signup(a.id(), m.id())
          .map(s -> "CONFIRMED".equals(s.status()))
          .orElse(false);
      if (!confirmed) {
        throw new AppException(ErrorCode.FORBIDDEN, "您没有这项活动的已确认报名");
      }
      if (now.isAfter(a.endsAt())) {
        throw new AppException(ErrorCode.OUTSIDE_WINDOW, "活动已经结束，不能再签到");
      }
      CheckinDao dao = new CheckinDao(h);
      fresh(dao, volunteer, p, now);
      long id = Ids.next();
      if (!dao.insert(id, a.id(), m.id(), volunteer.userId(), now)) {
        throw new AppException(ErrorCode.ALREADY_CHECKED_IN, "您已在这项活动签到");
      }
      audit.record(
          h, volunteer, "activity.checkin", "activity", Long.toString(a.id()), Long.toString(id));
      return view(dao.find(id).orElseThrow());
    });
  }

  public Checkin checkOut(Caller volunteer, long checkinId, CodeInput in) {
    RotatingCode.Parsed p = parse(in.code());
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      CheckinDao dao = new CheckinDao(h);
      CheckinDao.Row c = dao.forUpdate(checkinId)
          .filter(r -> r.userId() == volunteer.userId())
          .orElseThrow(() -> AppException.notFound("签到"));
      if (!"OPEN".equals(c.status())) {
        throw new AppException(ErrorCode.CHECKIN_STATE, "这次签到已经结束");
      }
      if (p.id() != c.activityId()) {
        throw new AppException(ErrorCode.CODE_OTHER_SESSION, "这个签到码属于另一项活动");
      }
      fresh(dao, volunteer, p, now);
      long cap = Duration.between(c.activityStartsAt(), c.activityEndsAt())
          .plus(CLOSE_AFTER)
          .toMinutes();
      int minutes =
          (int) Math.min(Math.max(0, Duration.between(c.checkedInAt(), now).toMinutes()), cap);
      BigDecimal hours = ServiceHours.of(minutes);
      dao.close(c.id(), now, minutes, hours);
      if (hours.signum() > 0
          && new ServiceHoursDao(h)
              .add(
                  Ids.next(),
                  "activity:" + c.id(),
                  c.userId(),
                  c.volunteerId(),
                  null,
                  hours,
                  true,
                  CarePeriods.day(c.checkedInAt()),
                  now)) {
        counters.serviceHoursAdded(h, c.volunteerId(), hours);
      }
      if (c.courseId() != null) {
        dao.completeCourse(c, CarePeriods.day(c.checkedInAt()), now);
        // A pre-service course makes her trained, which the dashboard counts.
        counters.volunteerChanged(h, c.volunteerId());
      }
      audit.record(
          h,
          volunteer,
          "activity.checkout",
          "activity",
          Long.toString(c.activityId()),
          hours + " 小时");
      return view(dao.find(c.id()).orElseThrow());
    });
  }

  public cn.yuhao.care.http.Page<Checkin> mine(Caller volunteer, long before, int limit) {
    return jdbi.withHandle(h -> cn.yuhao.care.http.Page.of(
        new CheckinDao(h).mine(volunteer.userId(), before, limit + 1),
        limit,
        CheckinService::view,
        CheckinDao.Row::id));
  }

  private RotatingCode.Parsed parse(String code) {
    return codes
        .parse(code)
        .orElseThrow(() -> new AppException(
            ErrorCode.CODE_INVALID,
            "无法识别的签到码，请扫描组织者手机上显示的二维码",
            List.of(new FieldError("code", "签到码无效"))));
  }

  /** The code has not expired and she has not used it before. */
  private static void fresh(CheckinDao dao, Caller volunteer, RotatingCode.Parsed p, Instant now) {
    if (now.isAfter(p.expiresAt())) {
      throw new AppException(ErrorCode.CODE_EXPIRED, "签到码已过期，请让组织者刷新后再扫");
    }
    if (!dao.useCode(p.nonce(), volunteer.userId(), now)) {
      throw new AppException(ErrorCode.CODE_REPLAYED, "这个签到码您已经用过，请让组织者刷新后再扫");
    }
  }

  private static Checkin view(CheckinDao.Row r) {
    return new Checkin(
        Long.toString(r.id()),
        Long.toString(r.activityId()),
        r.title(),
        r.checkedInAt(),
        r.checkedOutAt(),
        r.status(),
        r.minutes(),
        r.hours());
  }
}
