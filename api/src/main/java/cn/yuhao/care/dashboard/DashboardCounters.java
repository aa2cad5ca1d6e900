package cn.yuhao.care.dashboard;

import cn.yuhao.care.care.CarePeriods;
import cn.yuhao.care.db.ValuesList;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The dashboard's counters kept by the code that writes the counted rows, in the same transaction (DESIGN §4: no
 * triggers, so the SQL runs on MySQL, MariaDB and TiDB alike). Writers hand over deltas; several deltas to one
 * counter row become one upsert, taken in key order so concurrent writers lock counter rows in the same order.
 */
public final class DashboardCounters {
  /** Attendance marks of sessions in a district and Chongqing week, by status. */
  public record AttendanceKey(String districtCode, LocalDate week, String status)
      implements Comparable<AttendanceKey> {
    @Override
    public int compareTo(AttendanceKey o) {
      int c = districtCode.compareTo(o.districtCode);
      c = c != 0 ? c : week.compareTo(o.week);
      return c != 0 ? c : status.compareTo(o.status);
    }
  }

  private DashboardCounters() {}

  /** The Monday of the Chongqing week {@code t} falls in (weeks are named by their Monday). */
  public static LocalDate week(Instant t) {
    return LocalDate.ofInstant(t, CarePeriods.CHONGQING).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** Adds the deltas to dash_attendance_weekly; zero deltas are dropped. */
  public static void attendance(Handle h, Map<AttendanceKey, Integer> deltas) {
    List<Object[]> rows = new ArrayList<>();
    new TreeMap<>(deltas).forEach((k, n) -> {
      if (n != 0) {
        rows.add(new Object[] {k.districtCode(), k.week(), k.status(), n});
      }
    });
    if (rows.isEmpty()) {
      return;
    }
    ValuesList.execute(h, """
        INSERT INTO dash_attendance_weekly (district_code, week, status, marks) VALUES <rows>
        ON DUPLICATE KEY UPDATE marks = marks + VALUES(marks)""", rows);
  }

  /**
   * Recounts dash_attendance_weekly from the attendance rows: for bulk loads that write attendance without the
   * service (the benchmark's seed), and the reference the tests compare the counters with.
   */
  public static final List<String> REBUILD_ATTENDANCE = List.of(
      "DELETE FROM dash_attendance_weekly",
      """
      INSERT INTO dash_attendance_weekly (district_code, week, status, marks)
        SELECT s.district_code,
               DATE(CONVERT_TZ(s.starts_at, '+00:00', '+08:00'))
                 - INTERVAL WEEKDAY(CONVERT_TZ(s.starts_at, '+00:00', '+08:00')) DAY,
               a.status, COUNT(*)
          FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
         GROUP BY 1, 2, 3""");

  public static void rebuildAttendance(Handle h) {
    REBUILD_ATTENDANCE.forEach(h::execute);
  }
}
