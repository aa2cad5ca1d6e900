package cn.yuhao.care.points;

import cn.yuhao.care.db.Columns;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of the earning job: its cursors, the sources it reads a page at a time, each day's earnings so far. */
final class EarningDao {
  /** A service hours row, with the session's kind and title when it came from a check-in. */
  record HoursRow(
      long id,
      String businessKey,
      long userId,
      BigDecimal hours,
      boolean verified,
      LocalDate servedOn,
      Instant createdAt,
      String sessionKind,
      String sessionTitle) {}

  /** A care record as the earning rules need it. */
  record CareRow(
      long id,
      long pairingId,
      long authorUserId,
      String kind,
      Instant occurredAt,
      Instant createdAt) {}

  private final Handle h;

  EarningDao(Handle h) {
    this.h = h;
  }

  /** Points the user earned (EARN transactions) for a Chongqing day. */
  long earnedOn(long userId, LocalDate day) {
    return h.createQuery("""
            SELECT COALESCE(SUM(amount), 0) FROM points_transactions
             WHERE user_id = :u AND earn_day = :d AND kind = 'EARN'""").bind("u", userId).bind("d", day).mapTo(Long.class).one();
  }

  Instant cursor(String source) {
    return h.createQuery("SELECT read_until FROM points_cursors WHERE source = :s")
        .bind("s", source)
        .mapTo(Instant.class)
        .findOne()
        .orElse(Instant.EPOCH);
  }

  /** Moves the source's cursor forward (never back, whatever a concurrent run wrote). */
  void advanceCursor(String source, Instant until) {
    h.createUpdate("""
            INSERT INTO points_cursors (source, read_until) VALUES (:s, :t)
            ON DUPLICATE KEY UPDATE read_until = GREATEST(read_until, :t)""").bind("s", source).bind("t", until).execute();
  }

  /** Service hours created at or after {@code since}, after the (created_at, id) key, in that order. */
  List<HoursRow> serviceHours(Instant since, Instant afterTime, long afterId, int limit) {
    return h.createQuery("""
            SELECT sh.id, sh.business_key, sh.user_id, sh.hours, sh.verified, sh.served_on, sh.created_at, s.kind,
                   s.title
              FROM service_hours sh LEFT JOIN troupe_sessions s ON s.id = sh.session_id
             WHERE sh.created_at >= :since AND (sh.created_at > :t OR (sh.created_at = :t AND sh.id > :id))
             ORDER BY sh.created_at, sh.id LIMIT :n""")
        .bind("since", since)
        .bind("t", afterTime)
        .bind("id", afterId)
        .bind("n", limit)
        .map((rs, ctx) -> new HoursRow(
            rs.getLong("id"),
            rs.getString("business_key"),
            rs.getLong("user_id"),
            rs.getBigDecimal("hours"),
            rs.getBoolean("verified"),
            rs.getObject("served_on", LocalDate.class),
            Columns.instant(rs, "created_at", ctx),
            rs.getString("kind"),
            rs.getString("title")))
        .list();
  }

  /** Care records created at or after {@code since}, after the (created_at, id) key, in that order. */
  List<CareRow> careRecords(Instant since, Instant afterTime, long afterId, int limit) {
    return h.createQuery("""
            SELECT id, pairing_id, author_user_id, kind, occurred_at, created_at FROM care_records
             WHERE created_at >= :since AND (created_at > :t OR (created_at = :t AND id > :id))
             ORDER BY created_at, id LIMIT :n""")
        .bind("since", since)
        .bind("t", afterTime)
        .bind("id", afterId)
        .bind("n", limit)
        .map((rs, ctx) -> new CareRow(
            rs.getLong("id"),
            rs.getLong("pairing_id"),
            rs.getLong("author_user_id"),
            rs.getString("kind"),
            Columns.instant(rs, "occurred_at", ctx),
            Columns.instant(rs, "created_at", ctx)))
        .list();
  }
}
