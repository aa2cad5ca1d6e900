package cn.yuhao.care.points;

import cn.yuhao.care.db.Columns;
import cn.yuhao.care.privacy.Masking;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of redemptions: the offer read that redeeming needs, the holds, their codes, release and capture. */
final class RedemptionDao {
  /** What redeeming needs of an offer, its merchant and the volunteer's standing, in one read. */
  record OfferRow(
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
      int stockLeft,
      String volunteerStatus) {}

  /** A redemption as stored; the service decides what of it to show. */
  record Row(
      long id,
      long offerId,
      String offerTitle,
      String merchantName,
      int points,
      String status,
      String code,
      Instant expiresAt,
      Instant createdAt,
      Instant usedAt) {}

  /** What releasing a redemption needs: whose, which offer, how many points, its hold transaction. */
  record Held(long userId, long offerId, int points, long holdTransactionId) {}

  /** A redemption found by its code, for verification. */
  record Found(long id, long userId, String status, Instant expiresAt, int points, String title) {}

  private static final String VIEW = """
      SELECT r.id, r.offer_id, o.title, m.name, r.points, r.status, r.code, r.expires_at, r.created_at, r.used_at
        FROM redemptions r JOIN offers o ON o.id = r.offer_id JOIN merchants m ON m.id = r.merchant_id""";
  private final Handle h;

  RedemptionDao(Handle h) {
    this.h = h;
  }

  int countLiveOrUsedSince(long userId, long offerId, Instant since) {
    return h.createQuery("""
            SELECT COUNT(*) FROM redemptions WHERE user_id = :u AND offer_id = :o AND status IN ('HELD', 'USED')
               AND created_at >= :since""")
        .bind("u", userId)
        .bind("o", offerId)
        .bind("since", since)
        .mapTo(Integer.class)
        .one();
  }

  List<RedemptionLimits.Use> liveOrUsed(long userId) {
    return h.createQuery(
            "SELECT offer_id, created_at FROM redemptions WHERE user_id = :u AND status IN ('HELD', 'USED')")
        .bind("u", userId)
        .map((rs, ctx) ->
            new RedemptionLimits.Use(rs.getLong(1), Columns.instant(rs, "created_at", ctx)))
        .list();
  }

  Optional<OfferRow> offer(long offerId, long userId) {
    return h.createQuery("""
            SELECT o.id, o.merchant_id, o.title, m.name, o.points_cost, o.status, m.status AS merchant_status,
                   o.valid_from, o.valid_to, o.min_stars, o.per_volunteer_limit, o.limit_period, o.stock_left,
                   (SELECT v.status FROM volunteers v WHERE v.user_id = :u) AS volunteer_status
              FROM offers o JOIN merchants m ON m.id = o.merchant_id WHERE o.id = :id""")
        .bind("id", offerId)
        .bind("u", userId)
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
            rs.getInt("stock_left"),
            rs.getString("volunteer_status")))
        .findOne();
  }

  /** Inserts a HELD redemption; a code equal to a live one is a duplicate key. */
  void insert(long id, OfferRow offer, long userId, String code, Instant expiresAt, Instant now) {
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
        .bind("exp", expiresAt)
        .bind("now", now)
        .execute();
  }

  /** Takes one unit of the offer's stock; false when none is left. */
  boolean takeStock(long offerId) {
    return h.createUpdate(
                "UPDATE offers SET stock_left = stock_left - 1 WHERE id = :id AND stock_left > 0")
            .bind("id", offerId)
            .execute()
        == 1;
  }

  void returnStock(long offerId) {
    h.createUpdate("UPDATE offers SET stock_left = stock_left + 1 WHERE id = :id")
        .bind("id", offerId)
        .execute();
  }

  List<Row> ofUser(long userId, long before, int limit) {
    return h.createQuery(
            VIEW + " WHERE r.user_id = :u AND r.id < :before ORDER BY r.id DESC LIMIT :n")
        .bind("u", userId)
        .bind("before", before)
        .bind("n", limit)
        .map((rs, ctx) -> row(rs, ctx))
        .list();
  }

  Optional<Row> find(long id, long userId) {
    return h.createQuery(VIEW + " WHERE r.id = :id AND r.user_id = :u")
        .bind("id", id)
        .bind("u", userId)
        .map((rs, ctx) -> row(rs, ctx))
        .findOne();
  }

  private static Row row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getLong("offer_id"),
        rs.getString("title"),
        rs.getString("name"),
        rs.getInt("points"),
        rs.getString("status"),
        rs.getString("code"),
        Columns.instant(rs, "expires_at", ctx),
        Columns.instant(rs, "created_at", ctx),
        Columns.instant(rs, "used_at", ctx));
  }

  /** Moves a HELD redemption to CANCELLED or EXPIRED; false when it is no longer held. */
  boolean markReleased(long id, String status, Instant now) {
    return h.createUpdate("""
                UPDATE redemptions SET status = :s, active_code = NULL, released_at = :now
                 WHERE id = :id AND status = 'HELD'""").bind("s", status).bind("now", now).bind("id", id).execute() == 1;
  }

  Held held(long id) {
    return h.createQuery("""
            SELECT r.user_id, r.offer_id, r.points, t.id FROM redemptions r
              JOIN points_transactions t ON t.business_key = CONCAT('redeem:', r.id, ':hold') WHERE r.id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new Held(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)))
        .one();
  }

  /** HELD redemptions whose code expired, oldest first, at most 1000. */
  List<Long> expiredHeld(Instant now) {
    return h.createQuery("""
            SELECT id FROM redemptions WHERE status = 'HELD' AND expires_at <= :now ORDER BY expires_at LIMIT 1000""").bind("now", now).mapTo(Long.class).list();
  }

  /** The newest redemption with the code at one of the merchants. */
  Optional<Found> byCode(String code, List<Long> merchantIds) {
    return h.createQuery("""
            SELECT r.id, r.user_id, r.status, r.expires_at, r.points, o.title FROM redemptions r
              JOIN offers o ON o.id = r.offer_id
             WHERE r.code = :c AND r.merchant_id IN (<merchants>) ORDER BY r.id DESC LIMIT 1""")
        .bind("c", code)
        .bindList("merchants", merchantIds.isEmpty() ? List.of(-1L) : merchantIds)
        .map((rs, ctx) -> new Found(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            Columns.instant(rs, "expires_at", ctx),
            rs.getInt(5),
            rs.getString(6)))
        .findOne();
  }

  /** Marks a HELD redemption used; false when it is no longer held. */
  boolean markUsed(long id, long by, Instant now) {
    return h.createUpdate("""
                UPDATE redemptions SET status = 'USED', active_code = NULL, used_at = :now, used_by = :by
                 WHERE id = :id AND status = 'HELD'""").bind("now", now).bind("by", by).bind("id", id).execute() == 1;
  }

  long merchantOf(long id) {
    return h.createQuery("SELECT merchant_id FROM redemptions WHERE id = :id")
        .bind("id", id)
        .mapTo(Long.class)
        .one();
  }

  /** The volunteer's name, masked; "志愿者" when she has no volunteer record. */
  String volunteerAlias(long userId) {
    return h.createQuery("SELECT real_name FROM volunteers WHERE user_id = :u")
        .bind("u", userId)
        .mapTo(String.class)
        .findOne()
        .map(Masking::name)
        .orElse("志愿者");
  }

  /** What the merchant verified in [from, to), in order, volunteers' names masked. */
  List<VerificationService.DailyItem> usedBetween(long merchantId, Instant from, Instant to) {
    return h.createQuery("""
            SELECT r.id, o.title, r.points, v.real_name, r.used_at, r.used_by FROM redemptions r
              JOIN offers o ON o.id = r.offer_id LEFT JOIN volunteers v ON v.user_id = r.user_id
             WHERE r.merchant_id = :m AND r.used_at >= :from AND r.used_at < :to AND r.status = 'USED'
             ORDER BY r.used_at""")
        .bind("m", merchantId)
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> new VerificationService.DailyItem(
            Long.toString(rs.getLong(1)),
            rs.getString(2),
            rs.getInt(3),
            rs.getString(4) == null ? "志愿者" : Masking.name(rs.getString(4)),
            Columns.instant(rs, "used_at", ctx),
            Long.toString(rs.getLong(6))))
        .list();
  }
}
