package cn.yuhao.care.points;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The merchant's side of redemption (核销): staff confirm a volunteer's code and the held points are captured to
 * the merchant; and the day's reconciliation list. Of concurrent verifications of one code exactly one captures
 * (the redemption's status moves with a guarded UPDATE).
 */
public final class VerificationService {
  private static final Pattern CODE = Pattern.compile("\\d{8}");
  private static final String QR_PREFIX = RedemptionService.QR_PREFIX;

  public record VerifyInput(String code) {}

  public record Verified(
      String id, String offerTitle, int points, String volunteer, Instant usedAt) {}

  public record DailyItem(
      String id,
      String offerTitle,
      int points,
      String volunteer,
      Instant usedAt,
      String verifiedBy) {}

  public record Daily(
      LocalDate date, String merchantId, int count, long points, List<DailyItem> items) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final RateLimiter wrongCodes;
  private final Clock clock;

  public VerificationService(Jdbi jdbi, AuditLog audit, RateLimiter wrongCodes, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.wrongCodes = wrongCodes;
    this.clock = clock;
  }

  /**
   * Merchant staff confirm a code (typed, or scanned as {@code YHR:code}). A code of another merchant is not
   * found; wrong codes count against the staff member (10 per 15 minutes, then 429 for any code).
   */
  public Verified verify(Caller staff, VerifyInput in) {
    String raw = in.code() == null ? "" : in.code().trim();
    String code = raw.startsWith(QR_PREFIX) ? raw.substring(QR_PREFIX.length()) : raw;
    if (!CODE.matcher(code).matches()) {
      throw AppException.invalid("code", "兑换码应为 8 位数字");
    }
    String limiterKey = "verify:" + staff.userId();
    wrongCodes.check(limiterKey);
    List<Long> merchants = staff.grants().stream()
        .filter(g -> g.role() == Role.MERCHANT_STAFF)
        .map(RoleGrant::merchantId)
        .filter(java.util.Objects::nonNull)
        .toList();
    Instant now = clock.instant();
    Optional<RedemptionDao.Found> hit =
        jdbi.withHandle(h -> new RedemptionDao(h).byCode(code, merchants));
    if (hit.isEmpty()
        || hit.get().status().equals("CANCELLED")
        || hit.get().status().equals("EXPIRED")
            && !hit.get().expiresAt().isAfter(now.minus(Duration.ofDays(1)))) {
      wrongCodes.acquire(limiterKey);
      throw AppException.notFound("兑换码");
    }
    RedemptionDao.Found f = hit.get();
    if (f.status().equals("USED")) {
      throw new AppException(ErrorCode.REDEMPTION_USED, "这个兑换码已经核销过了");
    }
    if (f.status().equals("EXPIRED") || !now.isBefore(f.expiresAt())) {
      Ledger.useTransaction(jdbi, h -> RedemptionService.release(h, f.id(), "EXPIRED", now));
      throw new AppException(ErrorCode.REDEMPTION_EXPIRED, "兑换码已过期（有效 10 分钟），积分已退回，请志愿者重新兑换");
    }
    return Ledger.inTransaction(jdbi, h -> {
      RedemptionDao dao = new RedemptionDao(h);
      if (!dao.markUsed(f.id(), staff.userId(), now)) {
        throw new AppException(ErrorCode.REDEMPTION_USED, "这个兑换码已经核销或失效了");
      }
      long merchantId = dao.merchantOf(f.id());
      Ledger ledger = new Ledger(h);
      long tx = ledger
          .claim(
              new Ledger.Booking(
                  "redeem:" + f.id() + ":capture",
                  "CAPTURE",
                  f.userId(),
                  f.id(),
                  null,
                  f.points(),
                  "核销：" + f.title(),
                  staff.userId()),
              now)
          .orElseThrow();
      ledger.post(
          tx,
          List.of(
              new Ledger.Leg(ledger.account("MERCHANT", merchantId, now), f.points()),
              new Ledger.Leg(Ledger.held(f.id()), -f.points())),
          now);
      audit.record(
          h,
          staff,
          "redemption.verify",
          "redemption",
          Long.toString(f.id()),
          "merchant " + merchantId);
      return new Verified(
          Long.toString(f.id()), f.title(), f.points(), dao.volunteerAlias(f.userId()), now);
    });
  }

  /** The staff's reconciliation list: what their merchant verified on a Chongqing day. */
  public Daily daily(Caller staff, LocalDate day, String rawMerchantId) {
    LocalDate date = day == null ? CarePeriods.day(clock.instant()) : day;
    List<Long> merchants = staff.grants().stream()
        .filter(g -> g.role() == Role.MERCHANT_STAFF)
        .map(RoleGrant::merchantId)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .toList();
    long merchantId;
    if (rawMerchantId != null) {
      merchantId = Ids.parseOr(rawMerchantId, -1);
      if (!merchants.contains(merchantId)) {
        throw AppException.notFound("商家");
      }
    } else if (merchants.size() == 1) {
      merchantId = merchants.get(0);
    } else {
      throw AppException.invalid("merchantId", "您是多家商家的店员，请指明商家");
    }
    Instant from = date.atStartOfDay(CarePeriods.CHONGQING).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
    List<DailyItem> items =
        jdbi.withHandle(h -> new RedemptionDao(h).usedBetween(merchantId, from, to));
    return new Daily(
        date,
        Long.toString(merchantId),
        items.size(),
        items.stream().mapToLong(DailyItem::points).sum(),
        items);
  }
}
