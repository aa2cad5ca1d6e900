package cn.yuhao.care.troupe;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** What the session and attendance writers tell the dashboard, in the same transaction; see ChildCounters. */
public interface AttendanceCounters {
  /** Attendance marks of the sessions of a district starting at a time, by status. */
  record Marks(String districtCode, Instant sessionStartsAt, String status) {}

  /** Marks added (+n) or taken away (-n). */
  void attendance(Handle h, Map<Marks, Integer> deltas);

  /** A session was created (+1) or left a status (-1, then +1 for the new one). */
  void session(
      Handle h, String districtCode, Instant startsAt, String status, int classHours, int delta);
}
