package cn.yuhao.care.troupe;

import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for a troupe's year: the sessions held, the children's attendance, the current roster. */
final class ProgressDao {
  /** A session held (not cancelled, already started). */
  record Held(long id, Instant startsAt, int classHours) {}

  /** One attendance row of a child at a session. */
  record Mark(long childId, long sessionId, String status) {}

  /** A current member and when she joined. */
  record Member(long childId, String name, Instant joinedAt) {}

  /** A session of the year for the annual report, with how many children were present. */
  record YearSession(
      String kind,
      String status,
      Instant startsAt,
      String title,
      String place,
      int classHours,
      int present) {}

  private final Handle h;

  ProgressDao(Handle h) {
    this.h = h;
  }

  /** Sessions in [from, to) not cancelled and started by {@code now}, in order. */
  List<Held> held(long troupeId, Instant from, Instant to, Instant now) {
    return h.createQuery("""
            SELECT id, starts_at, class_hours FROM troupe_sessions
             WHERE troupe_id = :t AND status = 'SCHEDULED' AND starts_at >= :from AND starts_at < :to
               AND starts_at <= :now ORDER BY starts_at""")
        .bind("t", troupeId)
        .bind("from", from)
        .bind("to", to)
        .bind("now", now)
        .map((rs, ctx) ->
            new Held(rs.getLong(1), Columns.instant(rs, "starts_at", ctx), rs.getInt(3)))
        .list();
  }

  /** Every attendance row at the troupe's sessions starting in [from, to). */
  List<Mark> marks(long troupeId, Instant from, Instant to) {
    return h.createQuery("""
            SELECT a.child_id, a.session_id, a.status FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
             WHERE s.troupe_id = :t AND s.starts_at >= :from AND s.starts_at < :to""")
        .bind("t", troupeId)
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> new Mark(rs.getLong(1), rs.getLong(2), rs.getString(3)))
        .list();
  }

  List<Member> currentMembers(long troupeId) {
    return h.createQuery("""
            SELECT m.child_id, c.name, m.joined_at FROM troupe_members m JOIN children c ON c.id = m.child_id
             WHERE m.troupe_id = :t AND m.left_at IS NULL ORDER BY m.joined_at, m.child_id""")
        .bind("t", troupeId)
        .map((rs, ctx) ->
            new Member(rs.getLong(1), rs.getString(2), Columns.instant(rs, "joined_at", ctx)))
        .list();
  }

  /** Sessions in [from, to) started by {@code now}, cancelled ones included, in order. */
  List<YearSession> yearSessions(long troupeId, Instant from, Instant to, Instant now) {
    return h.createQuery("""
            SELECT s.kind, s.status, s.starts_at, s.title, s.place, s.class_hours,
                   (SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'PRESENT') AS present
              FROM troupe_sessions s
             WHERE s.troupe_id = :t AND s.starts_at >= :from AND s.starts_at < :to AND s.starts_at <= :now
             ORDER BY s.starts_at""")
        .bind("t", troupeId)
        .bind("from", from)
        .bind("to", to)
        .bind("now", now)
        .map((rs, ctx) -> new YearSession(
            rs.getString(1),
            rs.getString(2),
            Columns.instant(rs, "starts_at", ctx),
            rs.getString(4),
            rs.getString(5),
            rs.getInt(6),
            rs.getInt(7)))
        .list();
  }
}
