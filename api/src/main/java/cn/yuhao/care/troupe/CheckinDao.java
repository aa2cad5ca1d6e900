package cn.yuhao.care.troupe;

import cn.yuhao.care.db.Columns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for volunteers' check-ins, the used check-in codes, and the service hours a closed check-in writes. */
final class CheckinDao {
  /** A check-in with what closing it needs of its session, read locked. */
  record Open(
      long id,
      long sessionId,
      long userId,
      long volunteerId,
      String status,
      Instant checkedInAt,
      Instant endsAt,
      int classHours) {}

  /** An admitted volunteer's id and district. */
  record Admitted(long volunteerId, String districtCode) {}

  private final Handle h;

  CheckinDao(Handle h) {
    this.h = h;
  }

  /** Records the code's nonce as used by the user; false if it was used already. */
  boolean useCode(String nonce, long userId, Instant now) {
    return h.createUpdate(
                "INSERT IGNORE INTO checkin_code_uses (nonce, user_id, used_at) VALUES (:n, :u, :now)")
            .bind("n", nonce)
            .bind("u", userId)
            .bind("now", now)
            .execute()
        == 1;
  }

  Optional<Admitted> admittedVolunteer(long userId) {
    return h.createQuery(
            "SELECT id, district_code FROM volunteers WHERE user_id = :u AND status = 'ADMITTED'")
        .bind("u", userId)
        .map((rs, ctx) -> new Admitted(rs.getLong(1), rs.getString(2)))
        .findOne();
  }

  /** Opens a check-in; a second one of the volunteer at the session is a duplicate key. */
  void insert(long id, long sessionId, long volunteerId, long userId, Instant now) {
    h.createUpdate("""
            INSERT INTO checkins (id, session_id, volunteer_id, user_id, checked_in_at, status, verified)
            VALUES (:id, :s, :v, :u, :now, 'OPEN', FALSE)""")
        .bind("id", id)
        .bind("s", sessionId)
        .bind("v", volunteerId)
        .bind("u", userId)
        .bind("now", now)
        .execute();
  }

  /** Open check-ins whose session ended before the cutoff, locked, at most 500. */
  List<Long> openEndedBefore(Instant cutoff) {
    return h.createQuery("""
            SELECT c.id FROM checkins c JOIN troupe_sessions s ON s.id = c.session_id
             WHERE c.status = 'OPEN' AND s.ends_at <= :cutoff ORDER BY c.id LIMIT 500 FOR UPDATE""").bind("cutoff", cutoff).mapTo(Long.class).list();
  }

  List<Long> idsOfUser(long userId, long before, int limit) {
    return h.createQuery(
            "SELECT id FROM checkins WHERE user_id = :u AND id < :before ORDER BY id DESC LIMIT :n")
        .bind("u", userId)
        .bind("before", before)
        .bind("n", limit)
        .mapTo(Long.class)
        .list();
  }

  List<Long> idsOfSession(long sessionId) {
    return h.createQuery("SELECT id FROM checkins WHERE session_id = :s ORDER BY id")
        .bind("s", sessionId)
        .mapTo(Long.class)
        .list();
  }

  Optional<Open> forUpdate(long id) {
    return h.createQuery("""
            SELECT c.id, c.session_id, c.user_id, c.volunteer_id, c.status, c.checked_in_at, s.ends_at, s.class_hours
              FROM checkins c JOIN troupe_sessions s ON s.id = c.session_id WHERE c.id = :id FOR UPDATE""")
        .bind("id", id)
        .map((rs, ctx) -> new Open(
            rs.getLong(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getLong(4),
            rs.getString(5),
            Columns.instant(rs, "checked_in_at", ctx),
            Columns.instant(rs, "ends_at", ctx),
            rs.getInt(8)))
        .findOne();
  }

  void close(
      long id, String status, Instant out, boolean verified, long minutes, BigDecimal hours) {
    h.createUpdate("""
            UPDATE checkins SET status = :status, checked_out_at = :out, verified = :verified, minutes = :m, hours = :hours
             WHERE id = :id""")
        .bind("id", id)
        .bind("status", status)
        .bind("out", out)
        .bind("verified", verified)
        .bind("m", minutes)
        .bind("hours", hours)
        .execute();
  }

  CheckinService.Checkin view(long id) {
    return h.createQuery("""
            SELECT c.id, c.session_id, s.title, c.volunteer_id, v.real_name, c.checked_in_at, c.checked_out_at, c.status,
                   c.verified, c.minutes, c.hours
              FROM checkins c JOIN troupe_sessions s ON s.id = c.session_id JOIN volunteers v ON v.id = c.volunteer_id
             WHERE c.id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new CheckinService.Checkin(
            Long.toString(rs.getLong(1)),
            Long.toString(rs.getLong(2)),
            rs.getString(3),
            Long.toString(rs.getLong(4)),
            rs.getString(5),
            Columns.instant(rs, "checked_in_at", ctx),
            Columns.instant(rs, "checked_out_at", ctx),
            rs.getString(8),
            rs.getBoolean(9),
            rs.getObject(10, Integer.class),
            rs.getBigDecimal(11)))
        .one();
  }
}
