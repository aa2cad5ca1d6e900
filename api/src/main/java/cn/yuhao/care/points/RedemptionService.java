package cn.yuhao.care.points;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.ErrorMapper;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.privacy.Masking;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Redemption (核销). Redeeming takes one unit of stock and moves the points from the volunteer to the held
 * account, in one transaction, and answers a single-use 8-digit code valid for 10 minutes. Merchant staff verify
 * the code: the held points are captured to the merchant. Cancelled or expired redemptions release the points
 * (to the lots they came from) and the stock. Each step is a ledger transaction with its own business key
 * ({@code redeem:{id}:hold|capture|release}), and the redemption's status moves with a guarded UPDATE, so of 50
 * concurrent verifications exactly one captures.
 */
public final class RedemptionService {
  public static final Duration VALID_FOR = Duration.ofMinutes(10);
  private static final Pattern CODE = Pattern.compile("\\d{8}");
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
  private final SecureRandom random = new SecureRandom();

  public RedemptionService(Jdbi jdbi, AuditLog audit, RateLimiter wrongCodes, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.wrongCodes = wrongCodes;
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
      // Her account's lock first: her redemptions then run one at a time, so her per-period limit
      // holds.
      Ledger.Locked account = ledger.lock("VOLUNTEER", volunteer.userId(), now);
      OfferRow offer = h.createQuery("""
              SELECT o.id, o.merchant_id, o.title, m.name, o.points_cost, o.status, m.status AS merchant_status,
                     o.valid_from, o.valid_to, o.min_stars, o.per_volunteer_limit, o.limit_period,
                     (SELECT v.status FROM volunteers v WHERE v.user_id = :u) AS volunteer_status
                FROM offers o JOIN merchants m ON m.id = o.merchant_id WHERE o.id = :id""")
          .bind("id", offerId)
          .bind("u", volunteer.userId())
          .map((rs, ctx) -> new OfferRow(
              rs.getLong("id"),
              rs.getLong("merchant_id"),
              rs.getString("title"),
              rs.getString("name"),
              rs.getInt("points_cost"),
              rs.getString("status").equals("ACTIVE")
                  && rs.getString("merchant_status").equals("ACTIVE"),
              Columns.instant(rs, "valid_from", ctx),
              Columns.instant(rs, "valid_to", ctx),
              rs.getInt("min_stars"),
              rs.getObject("per_volunteer_limit", Integer.class),
              rs.getString("limit_period"),
              rs.getString("volunteer_status")))
          .findOne()
          .orElseThrow(() -> AppException.notFound("礼遇"));
      if (!"ADMITTED".equals(offer.volunteerStatus())) {
        throw new AppException(ErrorCode.VOLUNTEER_STATE, "只有在岗的志愿者可以兑换礼遇（当前状态不允许）");
      }
      checkAvailable(offer, now);
      if (offer.minStars() > 0) {
        int stars = PointsService.starsOf(h, volunteer.userId());
        if (stars < offer.minStars()) {
          throw new AppException(
              ErrorCode.STAR_LEVEL_TOO_LOW,
              "这项礼遇限 " + offer.minStars() + " 星及以上志愿者兑换，您目前是 " + stars + " 星");
        }
      }
      if (offer.perVolunteerLimit() != null
          && RedemptionLimits.usedInPeriod(h, volunteer.userId(), offerId, offer.limitPeriod(), now)
              >= offer.perVolunteerLimit()) {
        throw new AppException(
            ErrorCode.REDEMPTION_LIMIT_REACHED,
            "这项礼遇每人" + periodLabel(offer.limitPeriod()) + "限兑 " + offer.perVolunteerLimit()
                + " 次，您已兑完");
      }
      // Her lots are read (and locked) once: the rare expired one is booked first, then the rest
      // are spent.
      List<Ledger.Lot> lots = ledger.spendableLots(volunteer.userId());
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
      String code = insert(h, id, offer, volunteer.userId(), now);
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
      int took = h.createUpdate(
              "UPDATE offers SET stock_left = stock_left - 1 WHERE id = :id AND stock_left > 0")
          .bind("id", offerId)
          .execute();
      if (took != 1) {
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

  /** What redeeming needs of an offer, its merchant and the volunteer's standing, in one read. */
  private record OfferRow(
      long id,
      long merchantId,
      String title,
      String merchantName,
      int pointsCost,
      boolean active,
      Instant validFrom,
      Instant validTo,
      int minStars,
      Integer perVolunteerLimit,
      String limitPeriod,
      String volunteerStatus) {}

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
  private String insert(Handle h, long id, OfferRow offer, long userId, Instant now) {
    for (int attempt = 0; ; attempt++) {
      String code = String.format("%08d", random.nextInt(100_000_000));
      try {
        h.createUpdate("""
                INSERT INTO redemptions (id, offer_id, merchant_id, user_id, points, code, active_code, status,
                                         expires_at, created_at)
                VALUES (:id, :o, :m, :u, :p, :code, :code, 'HELD', :exp, :now)""")
            .bind("id", id)
            .bind("o", offer.id())
            .bind("m", offer.merchantId())
            .bind("u", userId)
            .bind("p", offer.pointsCost())
            .bind("code", code)
            .bind("exp", now.plus(VALID_FOR))
            .bind("now", now)
            .execute();
        return code;
      } catch (RuntimeException e) {
        if (!ErrorMapper.isDuplicateKey(e) || attempt >= 5) {
          throw e;
        }
      }
    }
  }

  public Redemption get(Caller volunteer, String rawId) {
    return jdbi.withHandle(h -> view(h, Ids.parseOr(rawId, -1), volunteer.userId()));
  }

  public List<Redemption> mine(Caller volunteer) {
    return jdbi.withHandle(
        h -> h.createQuery(VIEW + " WHERE r.user_id = :u ORDER BY r.id DESC LIMIT 50")
            .bind("u", volunteer.userId())
            .map(this::viewRow)
            .list());
  }

  private static final String VIEW = """
      SELECT r.id, r.offer_id, o.title, m.name, r.points, r.status, r.code, r.expires_at, r.created_at, r.used_at
        FROM redemptions r JOIN offers o ON o.id = r.offer_id JOIN merchants m ON m.id = r.merchant_id""";

  private Redemption view(Handle h, long id, long userId) {
    return h.createQuery(VIEW + " WHERE r.id = :id AND r.user_id = :u")
        .bind("id", id)
        .bind("u", userId)
        .map(this::viewRow)
        .findOne()
        .orElseThrow(() -> AppException.notFound("兑换"));
  }

  /** The code is shown only while it can be used. */
  private Redemption viewRow(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    Instant expires = Columns.instant(rs, "expires_at", ctx);
    String status = rs.getString("status");
    if (status.equals("HELD") && !clock.instant().isBefore(expires)) {
      status = "EXPIRED";
    }
    boolean live = status.equals("HELD");
    return new Redemption(
        Long.toString(rs.getLong("id")),
        Long.toString(rs.getLong("offer_id")),
        rs.getString("title"),
        rs.getString("name"),
        rs.getInt("points"),
        status,
        live ? rs.getString("code") : null,
        live ? QR_PREFIX + rs.getString("code") : null,
        expires,
        Columns.instant(rs, "created_at", ctx),
        Columns.instant(rs, "used_at", ctx));
  }

  public Redemption cancel(Caller volunteer, String rawId) {
    long id = Ids.parseOr(rawId, -1);
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
  private static boolean release(Handle h, long id, String status, Instant now) {
    int changed =
        h.createUpdate("""
            UPDATE redemptions SET status = :s, active_code = NULL, released_at = :now
             WHERE id = :id AND status = 'HELD'""").bind("s", status).bind("now", now).bind("id", id).execute();
    if (changed != 1) {
      return false;
    }
    record Row(long userId, long offerId, int points, long holdTx) {}
    Row r = h.createQuery("""
            SELECT r.user_id, r.offer_id, r.points, t.id FROM redemptions r
              JOIN points_transactions t ON t.business_key = CONCAT('redeem:', r.id, ':hold') WHERE r.id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)))
        .one();
    Ledger ledger = new Ledger(h);
    long account = ledger.lock("VOLUNTEER", r.userId(), now).id();
    // The offer before the held account, in the order redeeming takes them, so the two cannot
    // deadlock.
    h.createUpdate("UPDATE offers SET stock_left = stock_left + 1 WHERE id = :id")
        .bind("id", r.offerId())
        .execute();
    Ledger.Restored back = ledger.restoreLots(r.holdTx(), now);
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
    List<Long> due = jdbi.withHandle(
        h -> h.createQuery("""
            SELECT id FROM redemptions WHERE status = 'HELD' AND expires_at <= :now ORDER BY expires_at LIMIT 1000""").bind("now", now).mapTo(Long.class).list());
    int released = 0;
    for (long id : due) {
      if (Ledger.inTransaction(jdbi, h -> release(h, id, "EXPIRED", now))) {
        released++;
      }
    }
    return released;
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
    record Found(
        long id, long userId, String status, Instant expiresAt, int points, String title) {}
    Optional<Found> hit = jdbi.withHandle(h -> h.createQuery("""
            SELECT r.id, r.user_id, r.status, r.expires_at, r.points, o.title FROM redemptions r
              JOIN offers o ON o.id = r.offer_id
             WHERE r.code = :c AND r.merchant_id IN (<merchants>) ORDER BY r.id DESC LIMIT 1""")
        .bind("c", code)
        .bindList("merchants", merchants.isEmpty() ? List.of(-1L) : merchants)
        .map((rs, ctx) -> new Found(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            Columns.instant(rs, "expires_at", ctx),
            rs.getInt(5),
            rs.getString(6)))
        .findOne());
    if (hit.isEmpty()
        || hit.get().status().equals("CANCELLED")
        || hit.get().status().equals("EXPIRED")
            && !hit.get().expiresAt().isAfter(now.minus(Duration.ofDays(1)))) {
      wrongCodes.acquire(limiterKey);
      throw AppException.notFound("兑换码");
    }
    Found f = hit.get();
    if (f.status().equals("USED")) {
      throw new AppException(ErrorCode.REDEMPTION_USED, "这个兑换码已经核销过了");
    }
    if (f.status().equals("EXPIRED") || !now.isBefore(f.expiresAt())) {
      Ledger.useTransaction(jdbi, h -> release(h, f.id(), "EXPIRED", now));
      throw new AppException(ErrorCode.REDEMPTION_EXPIRED, "兑换码已过期（有效 10 分钟），积分已退回，请志愿者重新兑换");
    }
    return Ledger.inTransaction(jdbi, h -> {
      int changed = h.createUpdate("""
              UPDATE redemptions SET status = 'USED', active_code = NULL, used_at = :now, used_by = :by
               WHERE id = :id AND status = 'HELD'""")
          .bind("now", now)
          .bind("by", staff.userId())
          .bind("id", f.id())
          .execute();
      if (changed != 1) {
        throw new AppException(ErrorCode.REDEMPTION_USED, "这个兑换码已经核销或失效了");
      }
      long merchantId = h.createQuery("SELECT merchant_id FROM redemptions WHERE id = :id")
          .bind("id", f.id())
          .mapTo(Long.class)
          .one();
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
          Long.toString(f.id()), f.title(), f.points(), volunteerAlias(h, f.userId()), now);
    });
  }

  private static String volunteerAlias(Handle h, long userId) {
    return h.createQuery("SELECT real_name FROM volunteers WHERE user_id = :u")
        .bind("u", userId)
        .mapTo(String.class)
        .findOne()
        .map(Masking::name)
        .orElse("志愿者");
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
    List<DailyItem> items = jdbi.withHandle(h -> h.createQuery("""
            SELECT r.id, o.title, r.points, v.real_name, r.used_at, r.used_by FROM redemptions r
              JOIN offers o ON o.id = r.offer_id LEFT JOIN volunteers v ON v.user_id = r.user_id
             WHERE r.merchant_id = :m AND r.used_at >= :from AND r.used_at < :to AND r.status = 'USED'
             ORDER BY r.used_at""")
        .bind("m", merchantId)
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> new DailyItem(
            Long.toString(rs.getLong(1)),
            rs.getString(2),
            rs.getInt(3),
            rs.getString(4) == null ? "志愿者" : Masking.name(rs.getString(4)),
            Columns.instant(rs, "used_at", ctx),
            Long.toString(rs.getLong(6))))
        .list());
    return new Daily(
        date,
        Long.toString(merchantId),
        items.size(),
        items.stream().mapToLong(DailyItem::points).sum(),
        items);
  }
}
