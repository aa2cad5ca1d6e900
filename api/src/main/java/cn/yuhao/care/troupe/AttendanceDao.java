package cn.yuhao.care.troupe;

import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.ValuesList;
import cn.yuhao.care.troupe.AttendanceWriter.Attendance;
import cn.yuhao.care.troupe.AttendanceWriter.AttendanceInsert;
import cn.yuhao.care.troupe.AttendanceWriter.Badge;
import cn.yuhao.care.troupe.AttendanceWriter.Conflict;
import cn.yuhao.care.troupe.AttendanceWriter.Earlier;
import cn.yuhao.care.troupe.AttendanceWriter.Item;
import cn.yuhao.care.troupe.AttendanceWriter.Key;
import cn.yuhao.care.troupe.AttendanceWriter.ScanInsert;
import cn.yuhao.care.troupe.AttendanceWriter.Target;
import cn.yuhao.care.troupe.SessionService.SessionRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL of the attendance writer: set-wise reads of sessions, badges and earlier answers, multi-row inserts. */
final class AttendanceDao {
  private final Handle h;

  AttendanceDao(Handle h) {
    this.h = h;
  }

  void lockSessions(List<Item> items) {
    List<Long> ids = items.stream().map(Item::sessionId).distinct().sorted().toList();
    h.createQuery("SELECT id FROM troupe_sessions WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
        .bindList("ids", ids)
        .mapTo(Long.class)
        .list();
  }

  Map<Long, Target> readTargets(Set<Long> sessionIds) {
    Map<Long, Target> out = new HashMap<>();
    h.createQuery("""
            SELECT s.id, s.troupe_id, s.district_code, s.status, s.starts_at, s.ends_at, s.class_hours, t.name, t.kind,
                   t.status AS troupe_status
              FROM troupe_sessions s JOIN troupes t ON t.id = s.troupe_id WHERE s.id IN (<ids>)""")
        .bindList("ids", padded(sessionIds))
        .map((rs, ctx) -> new Target(
            new SessionRow(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                Columns.instant(rs, "starts_at", ctx),
                Columns.instant(rs, "ends_at", ctx),
                rs.getInt(7)),
            new TroupeAccess.Troupe(
                rs.getLong(2),
                rs.getString(8),
                rs.getString(9),
                rs.getString(3),
                rs.getString(10))))
        .forEach(t -> out.put(t.session().id(), t));
    return out;
  }

  /**
   * The values, their last repeated up to the next power of two: IN lists of a few lengths keep the statements'
   * texts few, so the driver and server reuse their prepared statements instead of preparing one per group size.
   */
  static <T> List<T> padded(java.util.Collection<T> values) {
    List<T> out = new ArrayList<>(values);
    if (out.size() > 1) {
      int size = Integer.highestOneBit(out.size() - 1) << 1;
      T last = out.get(out.size() - 1);
      while (out.size() < size) {
        out.add(last);
      }
    }
    return out;
  }

  /**
   * The badges by token hash; and, into {@code present}, which of their children already have an attendance row
   * at these sessions, with its late-sync flag. One statement for both: a child belongs to one troupe, so the join
   * finds at most the few of the group's sessions that are her troupe's.
   */
  Map<String, Badge> badges(
      List<String> hashes, List<Long> sessionIds, Map<Attendance, Boolean> present) {
    Map<String, Badge> out = new HashMap<>();
    h.createQuery("""
            SELECT b.token_hash, b.troupe_id, b.child_id, b.alias, b.revoked_at IS NOT NULL AS revoked,
                   a.session_id, a.late_sync
              FROM troupe_badges b
              LEFT JOIN attendance a ON a.child_id = b.child_id AND a.session_id IN (<sessions>)
             WHERE b.token_hash IN (<hashes>)""")
        .bindList("hashes", padded(hashes))
        .bindList("sessions", padded(sessionIds))
        .map((rs, ctx) -> {
          Badge b = new Badge(rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5));
          long session = rs.getLong(6);
          if (!rs.wasNull()) {
            present.put(new Attendance(session, b.childId()), rs.getBoolean(7));
          }
          return Map.entry(rs.getString(1), b);
        })
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Answers already given to these clientScanIds. */
  Map<Key, Earlier> earlier(Set<Key> keys) {
    Map<Key, Earlier> out = new HashMap<>();
    ValuesList.bind(
            h.createQuery("""
            SELECT a.session_id, a.client_scan_id, a.result, a.child_id, COALESCE(t.late_sync, FALSE) AS late
              FROM attendance_scans a
              LEFT JOIN attendance t ON t.session_id = a.session_id AND t.child_id = a.child_id
             WHERE (a.session_id, a.client_scan_id) IN (<pairs>)"""),
            "pairs",
            padded(keys).stream()
                .map(k -> new Object[] {k.sessionId(), k.clientScanId()})
                .toList())
        .map((rs, ctx) -> Map.entry(
            new Key(rs.getLong(1), rs.getString(2)),
            new Earlier(rs.getString(3), rs.getObject(4, Long.class), rs.getBoolean(5))))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  void insertAttendance(List<AttendanceInsert> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<AttendanceInsert> sorted = rows.stream()
        .sorted(Comparator.comparingLong(AttendanceInsert::sessionId)
            .thenComparingLong(AttendanceInsert::childId))
        .toList();
    int n = ValuesList.execute(
        h,
        """
            INSERT IGNORE INTO attendance (session_id, child_id, status, scanned_at, recorded_at, recorded_by, late_sync)
            VALUES <rows>""",
        sorted.stream()
            .map(a -> new Object[] {
              a.sessionId(),
              a.childId(),
              a.status(),
              a.scannedAt(),
              a.recordedAt(),
              a.recordedBy(),
              a.lateSync()
            })
            .toList());
    if (n != rows.size()) {
      throw new Conflict();
    }
  }

  void insertScans(List<ScanInsert> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<ScanInsert> sorted = rows.stream()
        .sorted(
            Comparator.comparingLong(ScanInsert::sessionId).thenComparing(ScanInsert::clientScanId))
        .toList();
    int n = ValuesList.execute(
        h,
        """
            INSERT IGNORE INTO attendance_scans (session_id, client_scan_id, result, child_id, scanned_at, received_at)
            VALUES <rows>""",
        sorted.stream()
            .map(a -> new Object[] {
              a.sessionId(),
              a.clientScanId(),
              a.result(),
              a.childId(),
              a.scannedAt(),
              a.receivedAt()
            })
            .toList());
    if (n != rows.size()) {
      throw new Conflict();
    }
  }
}
