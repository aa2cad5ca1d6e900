package cn.yuhao.care.dashboard;

import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.dashboard.Counts.Counter;
import cn.yuhao.care.volunteer.Specialty;
import cn.yuhao.care.volunteer.Stars;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL that recounts every counter and state row from the tables they count (see {@link CounterRebuild}). Plain
 * SQL, set-wise; the 6+1 periods follow the care rules' semesters.
 */
final class CounterRebuildDao {
  private CounterRebuildDao() {}

  /** Every child's state row, computed from her rows (add a WHERE on c). */
  static final String CHILD_STATE_INSERT = """
      INSERT INTO dash_child_state (child_id, district_code, category, care_level, status, needing, paired, consented,
                                    waiting_since)
        SELECT c.id, c.district_code, c.category, c.care_level, c.status,
               c.status = 'ACTIVE' AND c.care_level IN ('ONE_TO_ONE', 'CASE_TEAM'),
               EXISTS (SELECT 1 FROM pairings p WHERE p.primary_child_id = c.id),
               EXISTS (SELECT 1 FROM child_consents k WHERE k.child_id = c.id AND k.withdrawn_at IS NULL),
               COALESCE((SELECT MAX(e.ended_at) FROM pairings e WHERE e.child_id = c.id), c.created_at)
          FROM children c""";

  static void run(org.jdbi.v3.core.Handle h, CarePeriods periods) {
    statements(periods).forEach(h::execute);
  }

  /** Every statement, in order: empty the counters and state rows, then count again set-wise. */
  static List<String> statements(CarePeriods periods) {
    List<String> out = new ArrayList<>();
    emptyAll(out);
    weekly(out);
    children(out);
    pairings(out, periods);
    volunteers(out);
    return out;
  }

  private static void emptyAll(List<String> out) {
    for (Counter c : Counter.values()) {
      out.add("DELETE FROM " + c.table);
    }
    for (String t : List.of(
        "dash_child_state",
        "dash_pairing_state",
        "dash_volunteer_state",
        "dash_volunteer_hours",
        "dash_pairing_latest",
        "dash_pairing_periods",
        "dash_volunteer_activity")) {
      out.add("DELETE FROM " + t);
    }
  }

  /** Care records, attendance, sessions and points per district and week. */
  private static void weekly(List<String> out) {
    out.add("""
        INSERT INTO dash_care_weeks (district_code, week, %s)
          SELECT district_code, week, COUNT(*), %s FROM (
                 SELECT district_code, %s AS week, kind FROM care_records) x
           GROUP BY district_code, week""".formatted(
            Counts.CARE_VALUES,
            String.join(
                ", ",
                Counts.RECORD_KINDS.stream().map(k -> "SUM(kind = '" + k + "')").toList()),
            weekSql("occurred_at")));
    out.add("""
        INSERT INTO dash_attendance_weekly (district_code, week, status, marks)
          SELECT district_code, week, status, COUNT(*) FROM (
                 SELECT s.district_code, %s AS week, a.status
                   FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id) x
           GROUP BY district_code, week, status""".formatted(weekSql("s.starts_at")));
    out.add("""
        INSERT INTO dash_session_weekly (district_code, week, status, sessions, class_hours)
          SELECT district_code, week, status, COUNT(*), SUM(class_hours) FROM (
                 SELECT district_code, %s AS week, status, class_hours FROM troupe_sessions) x
           GROUP BY district_code, week, status""".formatted(weekSql("starts_at")));
    out.add("""
        INSERT INTO dash_points_weekly (district_code, week, kind, amount)
          SELECT district_code, week, kind, SUM(n) FROM (
                 SELECT t.district_code, %1$s AS week, CASE WHEN t.kind = 'CAPTURE' THEN 'REDEEMED' ELSE 'ISSUED' END AS kind,
                        CASE WHEN t.kind = 'CLAWBACK' THEN -t.amount ELSE t.amount END AS n
                   FROM points_transactions t WHERE t.kind IN ('EARN', 'GRANT', 'CLAWBACK', 'CAPTURE')
                 UNION ALL
                 SELECT t.district_code, %1$s, 'EXPIRED', e.amount
                   FROM points_transactions t JOIN points_entries e ON e.transaction_id = t.id AND e.account_id = 2
                  WHERE t.kind IN ('EXPIRE', 'RELEASE')) x
           WHERE district_code IS NOT NULL
           GROUP BY district_code, week, kind""".formatted(weekSql("t.created_at")));
  }

  private static void children(List<String> out) {
    out.add(CHILD_STATE_INSERT);
    out.add("""
        INSERT INTO dash_child_counts (district_code, status, category, care_level, n)
          SELECT district_code, status, category, care_level, COUNT(*) FROM dash_child_state
           GROUP BY district_code, status, category, care_level""");
    out.add("""
        INSERT INTO dash_unpaired_counts (district_code, consented, n)
          SELECT district_code, consented, COUNT(*) FROM dash_child_state WHERE needing AND NOT paired
           GROUP BY district_code, consented""");
  }

  /** Pairings, their latest contact per kind, and the 6+1 periods each has done. */
  private static void pairings(List<String> out, CarePeriods periods) {
    String counted =
        "p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM')";
    String contacts = "'" + String.join("', '", Counts.CONTACT_KINDS) + "'";
    out.add("""
        INSERT INTO dash_pairing_state (pairing_id, district_code, status, purpose, mode, started_at)
          SELECT id, district_code, status, purpose, mode, started_at FROM pairings""");
    out.add("""
        INSERT INTO dash_pairing_counts (district_code, status, purpose, mode, n)
          SELECT district_code, status, purpose, mode, COUNT(*) FROM pairings GROUP BY district_code, status, purpose, mode""");
    out.add("""
        INSERT INTO dash_pairing_latest (pairing_id, kind, district_code, counted, started_at, last_at)
          SELECT p.id, x.kind, p.district_code, %s, p.started_at, x.last_at
            FROM (SELECT pairing_id, kind, MAX(occurred_at) AS last_at FROM care_records GROUP BY pairing_id, kind
                  UNION ALL
                  SELECT pairing_id, '%s', MAX(occurred_at) FROM care_records WHERE kind IN (%s) GROUP BY pairing_id) x
            JOIN pairings p ON p.id = x.pairing_id""".formatted(counted, Counts.ANY_CONTACT, contacts));
    out.add("""
        INSERT INTO dash_contact_days (district_code, day, n)
          SELECT district_code, day, COUNT(*) FROM (
                 SELECT district_code, %s AS day FROM dash_pairing_latest WHERE kind = '%s' AND counted) x
           GROUP BY district_code, day""".formatted(daySql("last_at"), Counts.ANY_CONTACT));
    out.add("""
        INSERT INTO dash_pairing_periods (pairing_id, kind, period_start)
          SELECT DISTINCT pairing_id, kind, period_start FROM (
                 SELECT pairing_id, kind, %s AS period_start FROM care_records) x
           WHERE period_start IS NOT NULL""".formatted(periodStartSql(periods, "kind", "occurred_at")));
    out.add("""
        INSERT INTO dash_done_counts (kind, period_start, district_code, n)
          SELECT pp.kind, pp.period_start, p.district_code, COUNT(*) FROM dash_pairing_periods pp
            JOIN pairings p ON p.id = pp.pairing_id
           WHERE %s GROUP BY pp.kind, pp.period_start, p.district_code""".formatted(counted));
  }

  /** Volunteers' last care, verified hours, stars and specialties. */
  private static void volunteers(List<String> out) {
    out.add("""
        INSERT INTO dash_volunteer_activity (volunteer_id, district_code, last_care_at)
          SELECT v.id, v.district_code, MAX(r.occurred_at) FROM care_records r JOIN volunteers v ON v.id = r.author_volunteer_id
           GROUP BY v.id, v.district_code""");
    out.add("""
        INSERT INTO dash_volunteer_active_days (district_code, day, n)
          SELECT district_code, day, COUNT(*) FROM (
                 SELECT district_code, %s AS day FROM dash_volunteer_activity) x
           GROUP BY district_code, day""".formatted(daySql("last_care_at")));
    out.add("""
        INSERT INTO dash_volunteer_hours (volunteer_id, hours)
          SELECT volunteer_id, SUM(hours) FROM service_hours WHERE verified GROUP BY volunteer_id""");
    out.add("""
        INSERT INTO dash_volunteer_state (volunteer_id, district_code, status, stars, specialties, source_tags, trained)
          SELECT v.id, v.district_code, v.status, %s, COALESCE(v.specialties, ''), v.source_tags, %s
            FROM volunteers v LEFT JOIN dash_volunteer_hours x ON x.volunteer_id = v.id""".formatted(Stars.sqlOf("x.hours"), VolunteerCountsDao.TRAINED));
    out.add("""
        INSERT INTO dash_volunteer_counts (district_code, status, stars, n)
          SELECT district_code, status, stars, COUNT(*) FROM dash_volunteer_state GROUP BY district_code, status, stars""");
    out.add("""
        INSERT INTO dash_specialty_counts (district_code, specialty, n)
          SELECT v.district_code, s.specialty, COUNT(*) FROM dash_volunteer_state v
            JOIN (%s) s ON FIND_IN_SET(s.specialty, v.specialties) > 0
           WHERE v.status = 'ADMITTED' GROUP BY v.district_code, s.specialty""".formatted(String.join(
        " UNION ALL ",
        Arrays.stream(Specialty.values())
            .map(s -> "SELECT '" + s + "' AS specialty")
            .toList())));
    // Each of her tags, split as VolunteerCounts splits the stored list: the i-th tag for every i
    // up to the number she has.
    out.add("""
        INSERT INTO dash_tag_counts (district_code, tag, n)
          SELECT v.district_code, SUBSTRING_INDEX(SUBSTRING_INDEX(v.source_tags, ',', k.i), ',', -1), COUNT(*)
            FROM dash_volunteer_state v
            JOIN (%s) k ON k.i <= 1 + LENGTH(v.source_tags) - LENGTH(REPLACE(v.source_tags, ',', ''))
           WHERE v.status = 'ADMITTED' AND v.source_tags <> ''
           GROUP BY 1, 2""".formatted(String.join(
        " UNION ALL ",
        java.util.stream.IntStream.rangeClosed(1, 32)
            .mapToObj(i -> "SELECT " + i + " AS i")
            .toList())));
    out.add("""
        INSERT INTO dash_trained_counts (district_code, n)
          SELECT district_code, COUNT(*) FROM dash_volunteer_state WHERE status = 'ADMITTED' AND trained
           GROUP BY district_code""");
  }

  /** The Chongqing day of a UTC DATETIME column, in SQL. */
  private static String daySql(String column) {
    return "DATE(CONVERT_TZ(" + column + ", '+00:00', '+08:00'))";
  }

  /** {@link Counts#week} in SQL. */
  private static String weekSql(String column) {
    String day = daySql(column);
    return "(" + day + " - INTERVAL WEEKDAY(" + day + ") DAY)";
  }

  /** The first day of the 6+1 period a record falls in ({@link CarePeriods#of}), NULL for kinds of no period. */
  static String periodStartSql(CarePeriods periods, String kindColumn, String column) {
    String d = daySql(column);
    DateTimeFormatter md = DateTimeFormatter.ofPattern("MM-dd");
    String spring = "STR_TO_DATE(CONCAT(YEAR(" + d + "), '-"
        + periods.rules().springStart().format(md) + "'), '%Y-%m-%d')";
    String autumn = "STR_TO_DATE(CONCAT(YEAR(" + d + "), '-"
        + periods.rules().autumnStart().format(md) + "'), '%Y-%m-%d')";
    StringBuilder s = new StringBuilder("CASE " + kindColumn);
    for (CareItem item : CareItem.PERIODIC) {
      s.append(" WHEN '")
          .append(item.name())
          .append("' THEN ")
          .append(
              switch (item.cadence()) {
                case WEEK -> "(" + d + " - INTERVAL WEEKDAY(" + d + ") DAY)";
                case MONTH -> "(" + d + " - INTERVAL (DAYOFMONTH(" + d + ") - 1) DAY)";
                case SEMESTER ->
                  "IF(" + d + " >= " + autumn + ", " + autumn + ", IF(" + d + " >= " + spring + ", "
                      + spring + ", " + autumn + " - INTERVAL 1 YEAR))";
                case YEAR -> "MAKEDATE(YEAR(" + d + "), 1)";
                case CONTINUOUS -> "NULL";
              });
    }
    return s.append(" ELSE NULL END").toString();
  }
}
