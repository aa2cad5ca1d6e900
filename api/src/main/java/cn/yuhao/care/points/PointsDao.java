package cn.yuhao.care.points;

import cn.yuhao.care.db.Columns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of a volunteer's points as she sees them, and of the lots' maturity and expiry jobs. */
final class PointsDao {
  /** A lot with points left, and whose it is. */
  record LotLeft(long id, long userId, long remaining) {}

  /** Points of one user expiring on one date. */
  record Expiring(long userId, long points, Instant expiresAt) {}

  private final Handle h;

  PointsDao(Handle h) {
    this.h = h;
  }

  long balance(String kind, long userId) {
    return h.createQuery("SELECT balance FROM points_accounts WHERE kind = :k AND owner_id = :u")
        .bind("k", kind)
        .bind("u", userId)
        .mapTo(Long.class)
        .findOne()
        .orElse(0L);
  }

  /** Points the user's HELD redemptions are holding. */
  long held(long userId) {
    return h.createQuery(
            "SELECT COALESCE(SUM(points), 0) FROM redemptions WHERE user_id = :u AND status = 'HELD'")
        .bind("u", userId)
        .mapTo(Long.class)
        .one();
  }

  BigDecimal lifetimeHours(long userId) {
    return h.createQuery(
            "SELECT COALESCE(SUM(hours), 0) FROM service_hours WHERE user_id = :u AND verified")
        .bind("u", userId)
        .mapTo(BigDecimal.class)
        .one();
  }

  /** The user's spendable points expiring by {@code until}, by date. */
  List<PointsService.Expiring> expiringBy(long userId, Instant until) {
    return h.createQuery("""
            SELECT SUM(remaining) AS points, expires_at FROM points_lots
             WHERE user_id = :u AND matured AND remaining > 0 AND expires_at <= :until
             GROUP BY expires_at ORDER BY expires_at""")
        .bind("u", userId)
        .bind("until", until)
        .map((rs, ctx) -> new PointsService.Expiring(
            rs.getLong("points"), Columns.instant(rs, "expires_at", ctx)))
        .list();
  }

  /** The user's entries on her spendable and pending accounts, newest first, before {@code before}. */
  List<PointsService.Entry> entries(long userId, long before, int limit) {
    return h.createQuery("""
            SELECT e.id, t.kind, e.amount, a.kind AS account, t.memo, e.created_at
              FROM points_entries e JOIN points_accounts a ON a.id = e.account_id
              JOIN points_transactions t ON t.id = e.transaction_id
             WHERE a.owner_id = :u AND a.kind IN ('VOLUNTEER', 'PENDING') AND e.id < :before
             ORDER BY e.id DESC LIMIT :n""")
        .bind("u", userId)
        .bind("before", before)
        .bind("n", limit)
        .map((rs, ctx) -> new PointsService.Entry(
            Long.toString(rs.getLong("id")),
            rs.getString("kind"),
            rs.getLong("amount"),
            rs.getString("account").equals("PENDING"),
            rs.getString("memo"),
            Columns.instant(rs, "created_at", ctx)))
        .list();
  }

  /** The user's spendable lots past their date with points left, locked. */
  List<LotLeft> dueForUpdate(long userId, Instant now) {
    return h.createQuery("""
            SELECT id, user_id, remaining FROM points_lots
             WHERE user_id = :u AND matured AND remaining > 0 AND expires_at <= :now ORDER BY id FOR UPDATE""")
        .bind("u", userId)
        .bind("now", now)
        .map((rs, ctx) -> new LotLeft(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }

  void empty(long lotId) {
    h.createUpdate("UPDATE points_lots SET remaining = 0 WHERE id = :id")
        .bind("id", lotId)
        .execute();
  }

  /** Users with spendable lots past their date, at most 1000. */
  List<Long> usersWithDueLots(Instant now) {
    return h.createQuery("""
            SELECT DISTINCT user_id FROM points_lots WHERE expires_at <= :now AND remaining > 0 AND matured LIMIT 1000""").bind("now", now).mapTo(Long.class).list();
  }

  /** Pending lots whose waiting period is over, oldest first, at most 1000 (remaining as of this read). */
  List<LotLeft> ripe(Instant now) {
    return h.createQuery("""
            SELECT id, user_id, remaining FROM points_lots WHERE NOT matured AND available_at <= :now
             ORDER BY available_at LIMIT 1000""")
        .bind("now", now)
        .map((rs, ctx) -> new LotLeft(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }

  /** A lot's points if it is still pending, locked. */
  Optional<Long> pendingForUpdate(long lotId) {
    return h.createQuery(
            "SELECT remaining FROM points_lots WHERE id = :id AND NOT matured FOR UPDATE")
        .bind("id", lotId)
        .mapTo(Long.class)
        .findOne();
  }

  void mature(long lotId) {
    h.createUpdate("UPDATE points_lots SET matured = TRUE WHERE id = :id")
        .bind("id", lotId)
        .execute();
  }

  /** Spendable points expiring in (now, until], per user and date, at most 5000 rows. */
  List<Expiring> expiringBetween(Instant now, Instant until) {
    return h.createQuery("""
            SELECT user_id, SUM(remaining) AS points, expires_at FROM points_lots
             WHERE matured AND remaining > 0 AND expires_at > :now AND expires_at <= :until
             GROUP BY user_id, expires_at LIMIT 5000""")
        .bind("now", now)
        .bind("until", until)
        .map((rs, ctx) ->
            new Expiring(rs.getLong(1), rs.getLong(2), Columns.instant(rs, "expires_at", ctx)))
        .list();
  }
}
