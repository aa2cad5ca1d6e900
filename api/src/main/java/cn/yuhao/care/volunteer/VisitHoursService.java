package cn.yuhao.care.volunteer;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.Masking;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Service hours for in-person care visits. The volunteer who wrote the record asks for the hours she spent
 * (15 minutes to 4 hours, within 30 days of the visit) and shows the one-time code she gets as a QR code; the
 * child's guardian scans it in WeChat and confirms. Only a user whose bound phone is one of the child's
 * guardians' can read or confirm it, once. A supervisor of the pairing may confirm instead, within 30 days of the
 * visit. Confirmed, the hours become service hours (visit:{record}), paid in points once by the points job.
 */
public final class VisitHoursService {
  public static final String PAGE = "pages/visit-confirm/index";
  static final Set<String> IN_PERSON = Set.of("HOME_VISIT", "AT_SCHOOL", "COMMUNITY");
  static final Duration CODE_VALID = Duration.ofMinutes(30);
  static final Duration WINDOW = Duration.ofDays(30);
  static final int MIN_MINUTES = 15;
  static final int MAX_MINUTES = 240;
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  public record HoursInput(Integer minutes) {}

  public record VisitHours(
      String careRecordId,
      String pairingId,
      Instant visitedAt,
      int minutes,
      BigDecimal hours,
      String status,
      String confirmedHow,
      Instant confirmedAt) {}

  /** What she gets to show: the code (as a QR of the page and scene) and when it expires. */
  public record Code(VisitHours hours, String code, String page, Instant expiresAt) {}

  /** What the guardian reads before confirming: names masked. */
  public record ForGuardian(
      String childName,
      String volunteerName,
      String kind,
      LocalDate visitedOn,
      BigDecimal hours,
      String status) {}

  public record Page(List<VisitHours> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final BigDecimal dayCap;
  private final BlindIndex tags;
  private final VolunteerCounters counters;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public VisitHoursService(
      Jdbi jdbi,
      BigDecimal dayCap,
      BlindIndex tags,
      VolunteerCounters counters,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.dayCap = dayCap;
    this.tags = tags;
    this.counters = counters;
    this.audit = audit;
    this.clock = clock;
  }

  /** Her hours for the visit, pending, with a fresh one-time code (asking again replaces the code). */
  public Code request(Caller volunteer, long recordId, HoursInput in) {
    Integer minutes = in.minutes();
    if (minutes == null || minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
      throw AppException.invalid("minutes", "服务时长应为 15–240 分钟");
    }
    BigDecimal hours = ServiceHours.of(minutes);
    Instant now = clock.instant();
    String code = newCode();
    return jdbi.inTransaction(h -> {
      VisitHoursDao dao = new VisitHoursDao(h);
      VisitHoursDao.Visit v = dao.visit(recordId)
          .filter(r -> r.authorUserId() == volunteer.userId())
          .orElseThrow(() -> AppException.notFound("关爱记录"));
      if (!IN_PERSON.contains(v.way())) {
        throw new AppException(ErrorCode.CONFLICT, "只有当面的关爱（入户、在校、社区）计服务时长");
      }
      if (v.occurredAt().isBefore(now.minus(WINDOW))) {
        throw new AppException(ErrorCode.CONFLICT, "超过 30 天的关爱记录不能再申请服务时长");
      }
      if (dao.forUpdate(recordId).filter(r -> "CONFIRMED".equals(r.status())).isPresent()) {
        throw new AppException(ErrorCode.CONFLICT, "这次关爱的服务时长已经确认");
      }
      LocalDate day = CarePeriods.day(v.occurredAt());
      Instant dayStart = day.atStartOfDay(CarePeriods.CHONGQING).toInstant();
      if (dao.hoursOn(v.volunteerId(), day, dayStart, dayStart.plus(Duration.ofDays(1)), recordId)
              .add(hours)
              .compareTo(dayCap)
          > 0) {
        throw AppException.invalid("minutes", HourClaimService.dayCapMessage(dayCap));
      }
      Instant expires = now.plus(CODE_VALID);
      dao.upsertPending(v, minutes, hours, hash(code), expires, now);
      audit.record(
          h,
          volunteer,
          "visit-hours.request",
          "care_record",
          Long.toString(recordId),
          hours + " 小时");
      return new Code(view(dao.forUpdate(recordId).orElseThrow()), code, PAGE, expires);
    });
  }

  /** The guardian's view before confirming; nobody else learns anything from a code. */
  public ForGuardian open(Caller guardian, String code) {
    return jdbi.inTransaction(h -> {
      VisitHoursDao dao = new VisitHoursDao(h);
      VisitHoursDao.Row r = guardiansPending(dao, guardian, code);
      VisitHoursDao.Visit v = dao.visit(r.careRecordId()).orElseThrow();
      return new ForGuardian(
          Masking.name(v.childName()),
          Masking.name(v.volunteerName()),
          v.kind(),
          CarePeriods.day(v.occurredAt()),
          r.hours(),
          r.status());
    });
  }

  public VisitHours confirm(Caller guardian, String code) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      VisitHoursDao dao = new VisitHoursDao(h);
      VisitHoursDao.Row r = guardiansPending(dao, guardian, code);
      return confirmed(h, dao, r, guardian, "GUARDIAN", now);
    });
  }

  /** A supervisor of the pairing confirms, within 30 days of the visit, never her own. */
  public VisitHours confirmBySupervisor(Caller admin, long recordId) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      VisitHoursDao dao = new VisitHoursDao(h);
      VisitHoursDao.Row r = dao.inScopeForUpdate(recordId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("服务时长申请"));
      if (r.userId() == admin.userId()) {
        throw new AppException(ErrorCode.FORBIDDEN, "不能确认自己的服务时长");
      }
      if (!"PENDING".equals(r.status())) {
        throw new AppException(ErrorCode.CONFLICT, "这次关爱的服务时长已经确认");
      }
      if (r.visitedAt().isBefore(now.minus(WINDOW))) {
        throw new AppException(ErrorCode.CONFLICT, "超过 30 天的走访不能再确认");
      }
      return confirmed(h, dao, r, admin, "SUPERVISOR", now);
    });
  }

  public Page list(Caller admin, String status, long before, int limit) {
    if (status != null && !Set.of("PENDING", "CONFIRMED").contains(status)) {
      throw AppException.invalid("status", "应为 PENDING 或 CONFIRMED");
    }
    List<VisitHoursDao.Row> rows = jdbi.withHandle(
        h -> new VisitHoursDao(h).list(admin.adminScope(), status, before, limit + 1));
    List<VisitHours> items =
        rows.stream().limit(limit).map(VisitHoursService::view).toList();
    return new Page(items, rows.size() > limit ? items.get(items.size() - 1).careRecordId() : null);
  }

  private VisitHours confirmed(
      org.jdbi.v3.core.Handle h,
      VisitHoursDao dao,
      VisitHoursDao.Row r,
      Caller by,
      String how,
      Instant now) {
    dao.confirm(r.careRecordId(), by.userId(), how, now);
    if (new ServiceHoursDao(h)
        .add(
            Ids.next(),
            "visit:" + r.careRecordId(),
            r.userId(),
            r.volunteerId(),
            null,
            r.hours(),
            true,
            CarePeriods.day(r.visitedAt()),
            now)) {
      counters.serviceHoursAdded(h, r.volunteerId(), r.hours());
    }
    audit.record(h, by, "visit-hours.confirm", "care_record", Long.toString(r.careRecordId()), how);
    return view(dao.forUpdate(r.careRecordId()).orElseThrow());
  }

  /**
   * The pending hours behind a code, if the caller is the child's guardian (her bound phone on the child's
   * file): an unknown code and someone else's child are both not found; a used or expired code is 409.
   */
  private VisitHoursDao.Row guardiansPending(VisitHoursDao dao, Caller guardian, String code) {
    if (code == null || code.length() > 16) {
      throw AppException.notFound("确认码");
    }
    if (!dao.hasBoundPhone(guardian.userId())) {
      throw new AppException(ErrorCode.FORBIDDEN, "请先授权手机号，以核对您是孩子的监护人");
    }
    VisitHoursDao.Row r = dao.byCodeForUpdate(hash(code))
        .filter(x -> dao.isGuardian(guardian.userId(), x.childId()))
        .orElseThrow(() -> AppException.notFound("确认码"));
    if (r.userId() == guardian.userId()) {
      throw new AppException(ErrorCode.FORBIDDEN, "不能确认自己的服务时长");
    }
    if (clock.instant().isAfter(r.codeExpiresAt())) {
      throw new AppException(ErrorCode.CONFLICT, "确认码已过期，请爱心妈妈刷新后再扫");
    }
    return r;
  }

  private String hash(String code) {
    return tags.of("visit-hours-code", code);
  }

  /** 10 characters of Crockford base32: 50 bits, single-use, living 30 minutes. */
  private String newCode() {
    StringBuilder s = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private static VisitHours view(VisitHoursDao.Row r) {
    return new VisitHours(
        Long.toString(r.careRecordId()),
        Long.toString(r.pairingId()),
        r.visitedAt(),
        r.minutes(),
        r.hours(),
        r.status(),
        r.confirmedHow(),
        r.confirmedAt());
  }
}
