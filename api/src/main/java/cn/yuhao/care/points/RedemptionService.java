package cn.yuhao.care.points;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.ErrorMapper;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.points.RedemptionDao.OfferRow;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Redemption (兑换). Redeeming takes one unit of stock and moves the points from the volunteer to the held
 * account, in one transaction, and answers a single-use 8-digit code valid for 10 minutes. Merchant staff verify
 * the code ({@link VerificationService}): the held points are captured to the merchant. Cancelled or expired redemptions release the points
 * (to the lots they came from) and the stock. Each step is a ledger transaction with its own business key
 * ({@code redeem:{id}:hold|capture|release}), and the redemption's status moves with a guarded UPDATE, so of 50
 * concurrent verifications exactly one captures.
 */
public final class RedemptionService {
  public static final Duration VALID_FOR = Duration.ofMinutes(10);
  /** The QR payload is the code behind this prefix, so a scan and a typed code verify the same way. */
  public static final String QR_PREFIX = "YHR:";

  public record RedeemInput(String offerId) {}

  public record VerifyInput(String code) {}

  public record Redemption(
      String id,
      String offerId,
      String offerTitle,
      String merchantName,
      int points,
      String status,
      String code,
      String qrPayload,
      Instant expiresAt,
      Instant createdAt,
      Instant usedAt) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public RedemptionService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  public Idempotency.Result<Redemption> redeem(
      Caller volunteer, RedeemInput in, Idempotency.Request idem) {
    if (in.offerId() == null || in.offerId().isBlank()) {
      throw AppException.invalid("offerId", "请选择要兑换的礼遇");
    }
    long offerId = Ids.parseOr(in.offerId(), -1);
    Instant now = clock.instant();
    long id = Ids.next();
    return Ledger.inTransaction(jdbi, h -> {
      var claim = Idempotency.claim(h, volunteer.userId(), "redemption", idem, now, id);
      if (claim.replay()) {
        return new Idempotency.Result<>(
            view(h, claim.existingResourceId(), volunteer.userId()), true);
      }
      Ledger ledger = new Ledger(h);
      // Her account's lock first, her lots locked in the same read: her redemptions then run one at
      // a time, so her per-period limit holds.
      Ledger.Spendable spendable = ledger.lockSpendable(volunteer.userId(), now);
      Ledger.Locked account = spendable.account();
      RedemptionDao dao = new RedemptionDao(h);
      OfferRow offer =
          dao.offer(offerId, volunteer.userId()).orElseThrow(() -> AppException.notFound("礼遇"));
      checkEligible(h, volunteer.userId(), offer, now);
      // The rare expired lot is booked first, then the rest are spent.
      List<Ledger.Lot> lots = spendable.lots();
      long expired = 0;
      if (lots.stream().anyMatch(l -> !l.expiresAt().isAfter(now))) {
        expired = PointsService.expireDue(h, volunteer.userId(), now);
        lots = ledger.spendableLots(volunteer.userId());
      }
      long balance = account.balance() - expired;
      if (balance < offer.pointsCost()) {
        throw new AppException(
            ErrorCode.INSUFFICIENT_POINTS,
            "兑换需要 " + offer.pointsCost() + " 积分，您可用 " + balance + " 积分");
      }
      String code = insert(dao, id, offer, volunteer.userId(), now);
      long tx = ledger
          .claim(
              new Ledger.Booking(
                  "redeem:" + id + ":hold",
                  "HOLD",
                  volunteer.userId(),
                  id,
                  null,
                  offer.pointsCost(),
                  "兑换冻结：" + offer.title(),
                  volunteer.userId()),
              now)
          .orElseThrow();
      // No audit row: the ledger's HOLD transaction records who redeemed what, when.
      ledger.consumeLots(lots, tx, offer.pointsCost(), now);
      // The shared rows last — the offer's stock, then the held account — so their locks are held
      // only until
      // the commit that follows.
      if (!dao.takeStock(offerId)) {
        throw new AppException(ErrorCode.OUT_OF_STOCK, "这项礼遇已经兑完了");
      }
      ledger.post(
          tx,
          List.of(
              new Ledger.Leg(account.id(), -offer.pointsCost()),
              new Ledger.Leg(Ledger.held(id), offer.pointsCost())),
          now);
      return new Idempotency.Result<>(
          new Redemption(
              Long.toString(id),
              Long.toString(offerId),
              offer.title(),
              offer.merchantName(),
              offer.pointsCost(),
              "HELD",
              code,
              QR_PREFIX + code,
              now.plus(VALID_FOR),
              now,
              null),
          false);
    });
  }

  /** The volunteer may redeem the offer now: admitted, the offer live, her stars enough, her limit not reached. */
  private static void checkEligible(Handle h, long userId, OfferRow offer, Instant now) {
    if (!"ADMITTED".equals(offer.volunteerStatus())) {
      throw new AppException(ErrorCode.VOLUNTEER_STATE, "只有在岗的志愿者可以兑换礼遇（当前状态不允许）");
    }
    checkAvailable(offer, now);
    if (offer.minStars() > 0) {
      int stars = PointsService.starsOf(h, userId);
      if (stars < offer.minStars()) {
        throw new AppException(
            ErrorCode.STAR_LEVEL_TOO_LOW,
            "这项礼遇限 " + offer.minStars() + " 星及以上志愿者兑换，您目前是 " + stars + " 星");
      }
    }
    if (offer.perVolunteerLimit() != null
        && RedemptionLimits.usedInPeriod(h, userId, offer.id(), offer.limitPeriod(), now)
            >= offer.perVolunteerLimit()) {
      throw new AppException(
          ErrorCode.REDEMPTION_LIMIT_REACHED,
          "这项礼遇每人" + periodLabel(offer.limitPeriod()) + "限兑 " + offer.perVolunteerLimit()
              + " 次，您已兑完");
    }
  }

  private static void checkAvailable(OfferRow offer, Instant now) {
    if (!offer.active()) {
      throw new AppException(ErrorCode.OFFER_UNAVAILABLE, "这项礼遇已暂停或结束");
    }
    if (now.isBefore(offer.validFrom())) {
      throw new AppException(ErrorCode.OFFER_UNAVAILABLE, "这项礼遇还没有开始兑换");
    }
    if (!now.isBefore(offer.validTo())) {
      throw new AppException(ErrorCode.OFFER_UNAVAILABLE, "这项礼遇已过兑换期");
    }
    // Read without a lock, so a rush's late redeemers are turned away before they write anything
    // (in the 200-way benchmark rush, half of them); the guarded UPDATE still decides the last
    // unit.
    if (offer.stockLeft() <= 0) {
      throw new AppException(ErrorCode.OUT_OF_STOCK, "这项礼遇已经兑完了");
    }
  }

  private static String periodLabel(String period) {
    return switch (period) {
      case "DAY" -> "每天";
      case "WEEK" -> "每周";
      case "MONTH" -> "每月";
      default -> "";
    };
  }

  /** Inserts the redemption with a fresh code, drawing again in the rare case it equals a live one. */
  private String insert(RedemptionDao dao, long id, OfferRow offer, long userId, Instant now) {
    for (int attempt = 0; ; attempt++) {
      // Eight digits, zero-padded (String.format cost more than the rest of the draw).
      String code = Integer.toString(100_000_000 + random.nextInt(100_000_000)).substring(1);
      try {
        dao.insert(id, offer, userId, code, now.plus(VALID_FOR), now);
        return code;
      } catch (RuntimeException e) {
        if (!ErrorMapper.isDuplicateKey(e) || attempt >= 5) {
          throw e;
        }
      }
    }
  }

  public Redemption get(Caller volunteer, long id) {
    return jdbi.withHandle(h -> view(h, id, volunteer.userId()));
  }

  public cn.yuhao.care.http.Page<Redemption> mine(Caller volunteer, long before, int limit) {
    return jdbi.withHandle(h -> cn.yuhao.care.http.Page.of(
        new RedemptionDao(h).ofUser(volunteer.userId(), before, limit + 1),
        limit,
        this::shown,
        RedemptionDao.Row::id));
  }

  private Redemption view(Handle h, long id, long userId) {
    return new RedemptionDao(h)
        .find(id, userId)
        .map(this::shown)
        .orElseThrow(() -> AppException.notFound("兑换"));
  }

  /** The code is shown only while it can be used. */
  private Redemption shown(RedemptionDao.Row r) {
    String status = r.status();
    if (status.equals("HELD") && !clock.instant().isBefore(r.expiresAt())) {
      status = "EXPIRED";
    }
    boolean live = status.equals("HELD");
    return new Redemption(
        Long.toString(r.id()),
        Long.toString(r.offerId()),
        r.offerTitle(),
        r.merchantName(),
        r.points(),
        status,
        live ? r.code() : null,
        live ? QR_PREFIX + r.code() : null,
        r.expiresAt(),
        r.createdAt(),
        r.usedAt());
  }

  public Redemption cancel(Caller volunteer, long id) {
    Instant now = clock.instant();
    return Ledger.inTransaction(jdbi, h -> {
      view(h, id, volunteer.userId());
      if (!release(h, id, "CANCELLED", now)) {
        throw new AppException(ErrorCode.REDEMPTION_STATE, "这次兑换已使用、已取消或已过期，不能取消");
      }
      audit.record(h, volunteer, "redemption.cancel", "redemption", Long.toString(id), null);
      return view(h, id, volunteer.userId());
    });
  }

  /**
   * Gives back the points and the stock of a held redemption; false when it is no longer held. The guarded
   * UPDATE decides between a concurrent cancel, expiry and capture.
   */
  static boolean release(Handle h, long id, String status, Instant now) {
    RedemptionDao dao = new RedemptionDao(h);
    if (!dao.markReleased(id, status, now)) {
      return false;
    }
    RedemptionDao.Held r = dao.held(id);
    Ledger ledger = new Ledger(h);
    long account = ledger.lock("VOLUNTEER", r.userId(), now).id();
    // The offer before the held account, in the order redeeming takes them, so the two cannot
    // deadlock.
    dao.returnStock(r.offerId());
    Ledger.Restored back = ledger.restoreLots(r.holdTransactionId(), now);
    long tx = ledger
        .claim(
            new Ledger.Booking(
                "redeem:" + id + ":release",
                "RELEASE",
                r.userId(),
                id,
                null,
                r.points(),
                status.equals("CANCELLED") ? "取消兑换，积分退回" : "兑换码过期，积分退回",
                null),
            now)
        .orElseThrow();
    ledger.post(
        tx,
        List.of(
            new Ledger.Leg(account, back.toVolunteer()),
            new Ledger.Leg(Ledger.EXPIRY, back.expired()),
            new Ledger.Leg(Ledger.held(id), -r.points())),
        now);
    return true;
  }

  /** Job: releases redemptions whose code expired unused. */
  public int expireHeld() {
    Instant now = clock.instant();
    List<Long> due = jdbi.withHandle(h -> new RedemptionDao(h).expiredHeld(now));
    int released = 0;
    for (long id : due) {
      if (Ledger.inTransaction(jdbi, h -> release(h, id, "EXPIRED", now))) {
        released++;
      }
    }
    return released;
  }
}
