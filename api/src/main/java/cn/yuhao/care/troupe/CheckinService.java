package cn.yuhao.care.troupe;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.config.TroupeRules;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.RotatingCode;
import cn.yuhao.care.volunteer.ServiceHours;
import cn.yuhao.care.volunteer.ServiceHoursDao;
import cn.yuhao.care.volunteer.VolunteerCounters;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Volunteers' check-in and check-out at sessions. The coach's phone shows a rotating code: session id,
 * expiry and a nonce, signed with an HMAC, valid {@code CHECKIN_CODE_SECONDS}. A forged, expired, other
 * session's or already used code is refused with its own error code. Hours run from check-in to check-out,
 * capped at the session's length + 1 h and rounded the way Chongqing's volunteer system does; each closed
 * check-in writes one service_hours row (business key checkin:{id}) for the points module. Only a check-out
 * with a code is verified; a check-in the coach closes, or that closes itself an hour after the session, is not.
 */
public final class CheckinService {
  private static final String PURPOSE = "checkin-code";
  private static final Duration AUTO_CLOSE_AFTER = Duration.ofHours(1);

  public record Code(String code, Instant expiresAt) {}

  public record CodeInput(String code) {}

  public record Checkin(
      String id,
      String sessionId,
      String sessionTitle,
      String volunteerId,
      String volunteerName,
      Instant checkedInAt,
      Instant checkedOutAt,
      String status,
      boolean verified,
      Integer minutes,
      BigDecimal hours) {}

  private record Parsed(long sessionId, Instant expiresAt, String nonce) {}

  private final Jdbi jdbi;
  private final RotatingCode codes;
  private final AuditLog audit;
  private final TroupeRules rules;
  private final Clock clock;
  private final VolunteerCounters counters;

  public CheckinService(
      Jdbi jdbi,
      BlindIndex hmac,
      AuditLog audit,
      TroupeRules rules,
      Clock clock,
      VolunteerCounters counters) {
    this.jdbi = jdbi;
    this.counters = counters;
    this.codes = new RotatingCode(hmac, PURPOSE);
    this.audit = audit;
    this.rules = rules;
    this.clock = clock;
  }

  public Code code(Caller coach, long sessionId) {
    return jdbi.withHandle(h -> {
      SessionService.SessionRow s = SessionService.session(h, coach, sessionId);
      if (!TroupeAccess.coaches(coach, TroupeAccess.find(h, s.troupeId()))) {
        throw new AppException(ErrorCode.FORBIDDEN, "签到码由本团教练出示");
      }
      if (!"SCHEDULED".equals(s.status())) {
        throw new AppException(ErrorCode.SESSION_STATE, "活动已取消");
      }
      Instant now = clock.instant();
      if (now.isBefore(s.startsAt().minus(rules.openBefore()))
          || now.isAfter(s.endsAt().plus(AUTO_CLOSE_AFTER))) {
        throw new AppException(
            ErrorCode.OUTSIDE_WINDOW,
            "只能在活动开始前 " + rules.openBefore().toMinutes() + " 分钟至结束后 1 小时出示签到码");
      }
      Instant expires = now.plus(rules.codeValidity());
      return new Code(codes.issue(s.id(), expires), expires);
    });
  }

  /** The code's session, expiry and nonce if its signature holds; 422 CODE_INVALID otherwise. */
  private Parsed parse(String code) {
    return codes
        .parse(code)
        .map(p -> new Parsed(p.id(), p.expiresAt(), p.nonce()))
        .orElseThrow(() -> new AppException(
            ErrorCode.CODE_INVALID,
            "无法识别的签到码，请扫描教练手机上显示的二维码",
            List.of(new cn.yuhao.care.http.FieldError("code", "签到码无效"))));
  }

  private Parsed verify(Handle h, Caller volunteer, String code, Instant now) {
    Parsed p = parse(code);
    if (now.isAfter(p.expiresAt())) {
      throw new AppException(ErrorCode.CODE_EXPIRED, "签到码已过期，请让教练刷新后再扫");
    }
    if (!new CheckinDao(h).useCode(p.nonce(), volunteer.userId(), now)) {
      throw new AppException(ErrorCode.CODE_REPLAYED, "这个签到码您已经用过，请让教练刷新后再扫");
    }
    return p;
  }

  public Checkin checkIn(Caller volunteer, CodeInput in) {
    new Fields().require("code", in.code()).throwIfAny();
    Parsed unverified = parse(in.code());
    return jdbi.inTransaction(h -> {
      Instant now = clock.instant();
      CheckinDao dao = new CheckinDao(h);
      CheckinDao.Admitted me = dao.admittedVolunteer(volunteer.userId())
          .orElseThrow(() -> new AppException(ErrorCode.VOLUNTEER_STATE, "只有已准入的志愿者可以签到"));
      SessionService.SessionRow s = sessionRow(h, unverified.sessionId());
      // The code is shown in person and lives a minute; the session's volunteers are those of its
      // district, so a
      // screenshot sent to someone elsewhere does not check her in (the coach sees every check-in
      // by name).
      if (!s.districtCode().equals(me.districtCode())) {
        throw new AppException(ErrorCode.FORBIDDEN, "只能在本区县的活动签到");
      }
      Parsed p = verify(h, volunteer, in.code(), now);
      if (!"SCHEDULED".equals(s.status())) {
        throw new AppException(ErrorCode.SESSION_STATE, "活动已取消");
      }
      if (now.isAfter(s.endsAt())) {
        throw new AppException(ErrorCode.OUTSIDE_WINDOW, "活动已经结束，不能再签到");
      }
      long id = Ids.next();
      try {
        dao.insert(id, p.sessionId(), me.volunteerId(), volunteer.userId(), now);
      } catch (RuntimeException e) {
        if (cn.yuhao.care.http.ErrorMapper.isDuplicateKey(e)) {
          throw new AppException(ErrorCode.ALREADY_CHECKED_IN, "您已在这次活动签到");
        }
        throw e;
      }
      audit.record(h, volunteer, "checkin.in", "session", Long.toString(s.id()), Long.toString(id));
      return view(h, id);
    });
  }

  public Checkin checkOut(Caller volunteer, long id, CodeInput in) {
    new Fields().require("code", in.code()).throwIfAny();
    parse(in.code());
    return jdbi.inTransaction(h -> {
      Instant now = clock.instant();
      var c = open(h, id)
          .filter(r -> r.userId() == volunteer.userId())
          .orElseThrow(() -> AppException.notFound("签到"));
      if (!"OPEN".equals(c.status())) {
        throw new AppException(ErrorCode.CHECKIN_STATE, "这次签到已经结束");
      }
      Parsed p = parse(in.code());
      if (now.isAfter(p.expiresAt())) {
        throw new AppException(ErrorCode.CODE_EXPIRED, "签到码已过期，请让教练刷新后再扫");
      }
      if (p.sessionId() != c.sessionId()) {
        throw new AppException(ErrorCode.CODE_OTHER_SESSION, "这个签到码属于另一次活动");
      }
      verify(h, volunteer, in.code(), now);
      close(h, c, now, "CLOSED", true);
      audit.record(h, volunteer, "checkin.out", "checkin", Long.toString(id), null);
      return view(h, id);
    });
  }

  /** The coach closes a check-in the volunteer forgot to close: unverified. */
  public Checkin closeByCoach(Caller coach, long id) {
    return jdbi.inTransaction(h -> {
      var c = open(h, id).orElseThrow(() -> AppException.notFound("签到"));
      SessionService.SessionRow s;
      try {
        s = SessionService.session(h, coach, c.sessionId());
      } catch (AppException e) {
        throw AppException.notFound("签到");
      }
      if (!TroupeAccess.coaches(coach, TroupeAccess.find(h, s.troupeId()))) {
        throw new AppException(ErrorCode.FORBIDDEN, "由本团教练结束签到");
      }
      if (!"OPEN".equals(c.status())) {
        throw new AppException(ErrorCode.CHECKIN_STATE, "这次签到已经结束");
      }
      Instant now = clock.instant();
      Instant latest = s.endsAt().plus(AUTO_CLOSE_AFTER);
      close(h, c, now.isAfter(latest) ? latest : now, "COACH_CLOSED", false);
      audit.record(h, coach, "checkin.close", "checkin", Long.toString(id), null);
      return view(h, id);
    });
  }

  /** Closes, unverified, the check-ins still open an hour after their session ended; run by the scheduler. */
  public int autoClose() {
    return jdbi.inTransaction(h -> {
      Instant now = clock.instant();
      List<Long> ids = new CheckinDao(h).openEndedBefore(now.minus(AUTO_CLOSE_AFTER));
      for (long id : ids) {
        var c = open(h, id).orElseThrow();
        close(h, c, c.endsAt().plus(AUTO_CLOSE_AFTER), "AUTO_CLOSED", false);
      }
      return ids.size();
    });
  }

  public cn.yuhao.care.http.Page<Checkin> mine(Caller volunteer, long before, int limit) {
    return jdbi.withHandle(h -> cn.yuhao.care.http.Page.of(
        new CheckinDao(h).idsOfUser(volunteer.userId(), before, limit + 1),
        limit,
        id -> view(h, id),
        id -> id));
  }

  public List<Checkin> ofSession(Caller staff, long sessionId) {
    return jdbi.withHandle(h -> {
      SessionService.SessionRow s = SessionService.session(h, staff, sessionId);
      return new CheckinDao(h)
          .idsOfSession(s.id()).stream().map(id -> view(h, id)).toList();
    });
  }

  private static java.util.Optional<CheckinDao.Open> open(Handle h, long id) {
    return new CheckinDao(h).forUpdate(id);
  }

  private void close(Handle h, CheckinDao.Open c, Instant out, String status, boolean verified) {
    long minutes = Math.max(0, Duration.between(c.checkedInAt(), out).toMinutes());
    long cap = c.classHours() * 60L + 60;
    BigDecimal hours = ServiceHours.of(Math.min(minutes, cap));
    CheckinDao dao = new CheckinDao(h);
    dao.close(c.id(), status, out, verified, minutes, hours);
    LocalDate day = LocalDate.ofInstant(c.checkedInAt(), ZoneId.of("Asia/Shanghai"));
    boolean added = new ServiceHoursDao(h)
        .add(
            Ids.next(),
            "checkin:" + c.id(),
            c.userId(),
            c.volunteerId(),
            c.sessionId(),
            hours,
            verified,
            day,
            clock.instant());
    if (added && verified) {
      counters.serviceHoursAdded(h, c.volunteerId(), hours);
    }
  }

  private static SessionService.SessionRow sessionRow(Handle h, long id) {
    return SessionService.find(h, id)
        .orElseThrow(() -> new AppException(ErrorCode.CODE_INVALID, "签到码对应的活动不存在"));
  }

  private static Checkin view(Handle h, long id) {
    return new CheckinDao(h).view(id);
  }
}
