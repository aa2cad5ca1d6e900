package cn.yuhao.care.troupe;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.http.AppException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A troupe's year against the program's plan: 80 class-hours a year, 4 sessions a month; each child's attended
 * class-hours and attendance rate (over the sessions held since she joined); children who missed the last three
 * sessions in a row (absent or never scanned; excused absences do not count), at risk of dropping out.
 */
public final class ProgressService {
  static final int CLASS_HOURS_TARGET = 80;
  static final int SESSIONS_PER_MONTH_TARGET = 4;
  static final int MISSED_IN_A_ROW = 3;
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  public record Month(String month, int sessions, int classHours, int target) {}

  public record ChildProgress(
      String childId,
      String name,
      int sessionsHeld,
      int attended,
      int attendedClassHours,
      Double rate,
      int missedInARow) {}

  public record Progress(
      String troupeId,
      int year,
      int sessionsHeld,
      int classHoursDelivered,
      int classHoursTarget,
      List<Month> months,
      List<ChildProgress> children,
      List<ChildProgress> atRisk) {}

  private final Jdbi jdbi;
  private final Clock clock;

  public ProgressService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Progress progress(Caller caller, long troupeId, Integer rawYear) {
    int year =
        rawYear == null ? LocalDate.ofInstant(clock.instant(), CHONGQING).getYear() : rawYear;
    if (year < 2020 || year > 2100) {
      throw AppException.invalid("year", "年份应为 2020 到 2100");
    }
    Instant from = LocalDate.of(year, 1, 1).atStartOfDay(CHONGQING).toInstant();
    Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(CHONGQING).toInstant();
    Instant now = clock.instant();
    return jdbi.withHandle(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forStaff(h, caller, troupeId);
      // Held: not cancelled and already started.
      ProgressDao dao = new ProgressDao(h);
      List<ProgressDao.Held> held = dao.held(t.id(), from, to, now);
      Map<String, int[]> byMonth = new HashMap<>();
      int hours = 0;
      for (ProgressDao.Held s : held) {
        hours += s.classHours();
        int[] m = byMonth.computeIfAbsent(
            YearMonth.from(s.startsAt().atZone(CHONGQING)).toString(), k -> new int[2]);
        m[0]++;
        m[1] += s.classHours();
      }
      List<Month> months = new ArrayList<>();
      for (int m = 1; m <= 12; m++) {
        String key = YearMonth.of(year, m).toString();
        int[] v = byMonth.getOrDefault(key, new int[2]);
        months.add(new Month(key, v[0], v[1], SESSIONS_PER_MONTH_TARGET));
      }
      Map<Long, Map<Long, String>> statusByChild = new HashMap<>();
      for (ProgressDao.Mark m : dao.marks(t.id(), from, to)) {
        statusByChild
            .computeIfAbsent(m.childId(), k -> new HashMap<>())
            .put(m.sessionId(), m.status());
      }
      List<ChildProgress> children = new ArrayList<>();
      for (ProgressDao.Member member : dao.currentMembers(t.id())) {
        long child = member.childId();
        Instant joined = member.joinedAt();
        Map<Long, String> st = statusByChild.getOrDefault(child, Map.of());
        int sessions = 0;
        int attended = 0;
        int attendedHours = 0;
        int missedRun = 0;
        for (ProgressDao.Held s : held) {
          if (s.startsAt().isBefore(joined) && !st.containsKey(s.id())) {
            continue; // before she joined, unless she was marked anyway
          }
          sessions++;
          String status = st.getOrDefault(s.id(), "UNMARKED");
          if ("PRESENT".equals(status)) {
            attended++;
            attendedHours += s.classHours();
            missedRun = 0;
          } else if (!"EXCUSED".equals(status)) {
            missedRun++;
          }
        }
        children.add(new ChildProgress(
            Long.toString(child),
            member.name(),
            sessions,
            attended,
            attendedHours,
            sessions == 0 ? null : Math.round(attended * 1000.0 / sessions) / 1000.0,
            missedRun));
      }
      List<ChildProgress> atRisk =
          children.stream().filter(c -> c.missedInARow() >= MISSED_IN_A_ROW).toList();
      return new Progress(
          Long.toString(t.id()),
          year,
          held.size(),
          hours,
          CLASS_HOURS_TARGET,
          months,
          children,
          atRisk);
    });
  }
}
