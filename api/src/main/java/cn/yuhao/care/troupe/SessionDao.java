package cn.yuhao.care.troupe;

import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for a troupe's sessions and the attendance a coach marks by hand. */
final class SessionDao {
  private final Handle h;

  SessionDao(Handle h) {
    this.h = h;
  }

  void insert(
      long id,
      TroupeAccess.Troupe t,
      SessionService.SessionInput in,
      Instant start,
      int hours,
      Long series,
      long by,
      Instant now) {
    h.createUpdate("""
            INSERT INTO troupe_sessions (id, troupe_id, district_code, kind, title, starts_at, ends_at, class_hours,
                                         place, series_id, status, created_by, created_at)
            VALUES (:id, :t, :d, :kind, :title, :start, :end, :hours, :place, :series, 'SCHEDULED', :by, :now)""")
        .bind("id", id)
        .bind("t", t.id())
        .bind("d", t.districtCode())
        .bind("kind", in.kind())
        .bind("title", in.title().strip())
        .bind("start", start)
        .bind("end", start.plus(java.time.Duration.ofHours(hours)))
        .bind("hours", hours)
        .bind("place", in.place().strip())
        .bind("series", series)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  /** A session's id and start, for a page of a troupe's sessions. */
  record SessionRef(long id, Instant startsAt) {}

  /** The troupe's sessions starting in [from, to), soonest first, after the cursor. */
  List<SessionRef> between(
      long troupeId, Instant from, Instant to, cn.yuhao.care.http.TimeCursor after, int limit) {
    return h.createQuery("""
            SELECT id, starts_at FROM troupe_sessions
             WHERE troupe_id = :t AND starts_at >= :from AND starts_at < :to
               AND (starts_at > :at OR (starts_at = :at AND id > :id))
             ORDER BY starts_at, id LIMIT :n""")
        .bind("t", troupeId)
        .bind("from", from)
        .bind("to", to)
        .bind("at", after.at())
        .bind("id", after.id())
        .bind("n", limit)
        .map((rs, ctx) -> new SessionRef(
            rs.getLong("id"), cn.yuhao.care.db.Columns.instant(rs, "starts_at", ctx)))
        .list();
  }

  /** Cancels a SCHEDULED session; false if it was cancelled already. */
  boolean cancel(long id, String reason) {
    return h.createUpdate("""
                UPDATE troupe_sessions SET status = 'CANCELLED', cancel_reason = :r WHERE id = :id AND status = 'SCHEDULED'""").bind("id", id).bind("r", reason).execute() == 1;
  }

  Optional<SessionService.SessionRow> find(long id) {
    return h.createQuery("""
            SELECT id, troupe_id, district_code, status, starts_at, ends_at, class_hours FROM troupe_sessions
             WHERE id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new SessionService.SessionRow(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            Columns.instant(rs, "starts_at", ctx),
            Columns.instant(rs, "ends_at", ctx),
            rs.getInt(7)))
        .findOne();
  }

  /** Whether the child is or was on the troupe's roster. */
  boolean everMember(long troupeId, long childId) {
    return h.createQuery(
                "SELECT COUNT(*) FROM troupe_members WHERE troupe_id = :t AND child_id = :c")
            .bind("t", troupeId)
            .bind("c", childId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** The child's attendance status at the session, locked; empty when unmarked. */
  Optional<String> statusForUpdate(long sessionId, long childId) {
    return h.createQuery(
            "SELECT status FROM attendance WHERE session_id = :s AND child_id = :c FOR UPDATE")
        .bind("s", sessionId)
        .bind("c", childId)
        .mapTo(String.class)
        .findOne();
  }

  void mark(long sessionId, long childId, String status, String note, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO attendance (session_id, child_id, status, scanned_at, recorded_at, recorded_by, late_sync, note)
            VALUES (:s, :c, :status, NULL, :now, :by, FALSE, :note)
            ON DUPLICATE KEY UPDATE status = :status, recorded_at = :now, recorded_by = :by, note = :note""")
        .bind("s", sessionId)
        .bind("c", childId)
        .bind("status", status)
        .bind("now", now)
        .bind("by", by)
        .bind("note", note)
        .execute();
  }

  /** Every rostered child (and any who left after being marked) with her status at the session. */
  List<SessionService.AttendanceRow> attendance(long sessionId, long troupeId) {
    return h.createQuery("""
            SELECT m.child_id, c.name, COALESCE(a.status, 'UNMARKED') AS status, a.scanned_at,
                   COALESCE(a.late_sync, FALSE) AS late, a.note
              FROM troupe_members m JOIN children c ON c.id = m.child_id
              LEFT JOIN attendance a ON a.session_id = :s AND a.child_id = m.child_id
             WHERE m.troupe_id = :t AND (m.left_at IS NULL OR a.child_id IS NOT NULL)
             ORDER BY m.joined_at, m.child_id""")
        .bind("s", sessionId)
        .bind("t", troupeId)
        .map((rs, ctx) -> new SessionService.AttendanceRow(
            Long.toString(rs.getLong(1)),
            rs.getString(2),
            rs.getString(3),
            Columns.instant(rs, "scanned_at", ctx),
            rs.getBoolean(5),
            rs.getString(6)))
        .list();
  }

  SessionService.Session view(long id) {
    return h.createQuery("""
            SELECT id, troupe_id, kind, title, starts_at, ends_at, class_hours, place, series_id, status, cancel_reason
              FROM troupe_sessions WHERE id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new SessionService.Session(
            Long.toString(rs.getLong(1)),
            Long.toString(rs.getLong(2)),
            rs.getString(3),
            rs.getString(4),
            Columns.instant(rs, "starts_at", ctx),
            Columns.instant(rs, "ends_at", ctx),
            rs.getInt(7),
            rs.getString(8),
            rs.getObject(9, Long.class) == null ? null : Long.toString(rs.getLong(9)),
            rs.getString(10),
            rs.getString(11)))
        .one();
  }
}
