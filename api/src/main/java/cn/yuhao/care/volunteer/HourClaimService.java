package cn.yuhao.care.volunteer;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Claims for service hours the system did not record (补录): a forgotten check-out, an activity without a code. The
 * volunteer states the span and why; a supervisor of her street (or an admin of her district) approves or rejects,
 * never her own. Approved, the claim becomes verified service hours (business key claim:{id}), which the points
 * job turns into points exactly once, and her star hours follow. A claim may not meet any of her check-ins or
 * standing claims, and a day's hours stay within the day's cap (SERVICE_DAY_CAP_HOURS).
 */
public final class HourClaimService {
  /** How far back a volunteer may claim. */
  static final Duration WINDOW = Duration.ofDays(60);
  /** The longest single claim, and the most hours one day may count. */
  static final Duration LONGEST = Duration.ofHours(8);

  /** Claims waiting for a decision, at most, per volunteer. */
  static final int MAX_PENDING = 10;

  public record ClaimInput(Instant startsAt, Instant endsAt, String reason) {}

  public record Claim(
      String id,
      String volunteerId,
      String volunteerName,
      String districtCode,
      String street,
      Instant startsAt,
      Instant endsAt,
      BigDecimal hours,
      String reason,
      String status,
      Instant decidedAt,
      String decisionReason,
      Instant createdAt) {}

  public record Page(List<Claim> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final BigDecimal dayCap;
  private final VolunteerCounters counters;
  private final AuditLog audit;
  private final Clock clock;

  public HourClaimService(
      Jdbi jdbi, BigDecimal dayCap, VolunteerCounters counters, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.dayCap = dayCap;
    this.counters = counters;
    this.audit = audit;
    this.clock = clock;
  }

  public Claim claim(Caller volunteer, ClaimInput in) {
    Instant now = clock.instant();
    Fields f = new Fields()
        .require("startsAt", in.startsAt())
        .require("endsAt", in.endsAt())
        .require("reason", in.reason() == null || in.reason().isBlank() ? null : in.reason())
        .maxLength("reason", in.reason(), 200);
    if (in.startsAt() != null && in.endsAt() != null) {
      f.check(in.endsAt(), in.endsAt().isAfter(in.startsAt()), "endsAt", "结束时间应晚于开始时间")
          .check(in.endsAt(), !in.endsAt().isAfter(now), "endsAt", "只能补录已经结束的服务")
          .check(
              in.startsAt(),
              !in.startsAt().isBefore(now.minus(WINDOW)),
              "startsAt",
              "只能补录 60 天内的服务")
          .check(
              in.endsAt(),
              !in.endsAt().isAfter(in.startsAt().plus(LONGEST)),
              "endsAt",
              "一次补录最长 8 小时")
          .check(
              in.endsAt(),
              CarePeriods.day(in.startsAt()).equals(CarePeriods.day(in.endsAt().minusMillis(1))),
              "endsAt",
              "补录时段应在同一天内");
    }
    f.throwIfAny();
    BigDecimal hours =
        ServiceHours.of(Duration.between(in.startsAt(), in.endsAt()).toMinutes());
    if (hours.signum() == 0) {
      throw AppException.invalid("endsAt", "不足 15 分钟的服务不计时长");
    }
    return jdbi.inTransaction(h -> {
      // Her row locked: two claims of hers cannot both pass the overlap and day checks.
      VolunteerRow v = new VolunteerDao(h)
          .findByUserForUpdate(volunteer.userId())
          .filter(r -> VolunteerStatus.ADMITTED.name().equals(r.status()))
          .orElseThrow(() -> new AppException(ErrorCode.VOLUNTEER_STATE, "只有已准入的志愿者可以补录服务时长"));
      HourClaimDao dao = new HourClaimDao(h);
      if (dao.pending(v.id()) >= MAX_PENDING) {
        throw new AppException(ErrorCode.CONFLICT, "待审核的补录已有 " + MAX_PENDING + " 条，请等审核后再提交");
      }
      fits(dao, v.id(), in.startsAt(), in.endsAt(), hours, -1, true);
      long id = Ids.next();
      dao.insert(id, v, in.startsAt(), in.endsAt(), hours, in.reason().strip(), now);
      audit.record(
          h, volunteer, "hour-claim.create", "hour_claim", Long.toString(id), hours + " 小时");
      return view(dao.find(id).orElseThrow());
    });
  }

  /** The span must meet none of her check-ins or standing claims, and her day must stay within the cap. */
  private void fits(
      HourClaimDao dao,
      long volunteerId,
      Instant starts,
      Instant ends,
      BigDecimal hours,
      long except,
      boolean asInput) {
    LocalDate day = CarePeriods.day(starts);
    Instant dayStart = day.atStartOfDay(CarePeriods.CHONGQING).toInstant();
    String overlap = null;
    if (dao.overlaps(volunteerId, starts, ends, except)) {
      overlap = "与已有的签到或补录时段重叠";
    } else if (dao.hoursOn(volunteerId, day, dayStart, dayStart.plus(Duration.ofDays(1)), except)
            .add(hours)
            .compareTo(dayCap)
        > 0) {
      overlap = dayCapMessage(dayCap);
    }
    if (overlap != null) {
      throw asInput
          ? AppException.invalid("startsAt", overlap)
          : new AppException(ErrorCode.CONFLICT, overlap + "，请驳回这条补录");
    }
  }

  static String dayCapMessage(BigDecimal cap) {
    return "当天服务时长合计不能超过 " + cap.stripTrailingZeros().toPlainString() + " 小时";
  }

  public Page mine(Caller volunteer, long before, int limit) {
    return jdbi.withHandle(h -> {
      VolunteerRow v = new VolunteerDao(h)
          .findByUser(volunteer.userId())
          .orElseThrow(() -> AppException.notFound("志愿者"));
      return page(new HourClaimDao(h).mine(v.id(), before, limit + 1), limit);
    });
  }

  public Page list(Caller admin, String status, String districtCode, long before, int limit) {
    if (status != null && !List.of("PENDING", "APPROVED", "REJECTED").contains(status)) {
      throw AppException.invalid("status", "应为 PENDING、APPROVED 或 REJECTED");
    }
    return jdbi.withHandle(h -> page(
        new HourClaimDao(h).list(admin.adminScope(), status, districtCode, before, limit + 1),
        limit));
  }

  public Claim approve(Caller admin, long id) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      HourClaimDao dao = new HourClaimDao(h);
      HourClaimDao.Row k = pending(h, dao, admin, id);
      new VolunteerDao(h).findByUserForUpdate(k.userId());
      fits(dao, k.volunteerId(), k.startsAt(), k.endsAt(), k.hours(), k.id(), false);
      dao.decide(id, "APPROVED", admin.userId(), now, null);
      if (new ServiceHoursDao(h)
          .add(
              Ids.next(),
              "claim:" + k.id(),
              k.userId(),
              k.volunteerId(),
              null,
              k.hours(),
              true,
              CarePeriods.day(k.startsAt()),
              now)) {
        counters.serviceHoursAdded(h, k.volunteerId(), k.hours());
      }
      audit.record(
          h, admin, "hour-claim.approve", "hour_claim", Long.toString(id), k.hours() + " 小时");
      return view(dao.find(id).orElseThrow());
    });
  }

  public Claim reject(Caller admin, long id, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 200) {
      throw AppException.invalid("reason", "请填写驳回理由（200 字以内）");
    }
    return jdbi.inTransaction(h -> {
      HourClaimDao dao = new HourClaimDao(h);
      pending(h, dao, admin, id);
      dao.decide(id, "REJECTED", admin.userId(), clock.instant(), reason.strip());
      audit.record(h, admin, "hour-claim.reject", "hour_claim", Long.toString(id), reason.strip());
      return view(dao.find(id).orElseThrow());
    });
  }

  /** The claim, locked, if the admin may decide it: in her scope, not her own, still pending. */
  private static HourClaimDao.Row pending(Handle h, HourClaimDao dao, Caller admin, long id) {
    HourClaimDao.Row k = dao.findInScopeForUpdate(id, admin.adminScope())
        .orElseThrow(() -> AppException.notFound("补录"));
    if (k.userId() == admin.userId()) {
      throw new AppException(ErrorCode.FORBIDDEN, "不能审批自己的补录");
    }
    if (!"PENDING".equals(k.status())) {
      throw new AppException(ErrorCode.CONFLICT, "这条补录已经审核过了");
    }
    return k;
  }

  private static Page page(List<HourClaimDao.Row> rows, int limit) {
    List<Claim> items = rows.stream().limit(limit).map(HourClaimService::view).toList();
    return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
  }

  private static Claim view(HourClaimDao.Row k) {
    return new Claim(
        Long.toString(k.id()),
        Long.toString(k.volunteerId()),
        k.volunteerName(),
        k.districtCode(),
        k.street(),
        k.startsAt(),
        k.endsAt(),
        k.hours(),
        k.reason(),
        k.status(),
        k.decidedAt(),
        k.decisionReason(),
        k.createdAt());
  }
}
