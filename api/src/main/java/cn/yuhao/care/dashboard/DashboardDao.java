package cn.yuhao.care.dashboard;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The dashboard's SQL: every query counts by district (the trend's by week), over the districts asked for
 * (through {@link ScopeFilter}), so only the sums leave the database. Care records, attendance and points are read
 * from the counters the services keep.
 */
final class DashboardDao {
  /** One count: a district, up to two keys and a number. */
  record Count(String district, String key, String key2, long n) {}

  record Duration(String district, double hours) {}

  /**
   * A week of the trend, over all the districts asked for: the week's Monday, a key and a number. The trend is
   * summed by the database, so a two-year window sends a hundred rows, not one per district and week.
   */
  record WeekCount(LocalDate week, String key, long n) {}

  record Urgent(
      long id,
      String district,
      String category,
      String severity,
      String status,
      Instant createdAt,
      Instant ackDueAt) {}

  /** Care records by district, a sum per kind in {@link Counts#RECORD_KINDS}' order. */
  private static final String CARE_BY_KIND = """
      SELECT w.district_code, %s FROM dash_care_weeks w
       WHERE w.week BETWEEN :from AND :to AND <scope> GROUP BY w.district_code""".formatted(String.join(
      ", ",
      Counts.RECORD_KINDS.stream()
          .map(k -> "SUM(w." + Counts.careColumn(k) + ")")
          .toList()));

  private final Handle h;
  private final Scope districts;

  /** @param districts whole districts (or all): the counters have no streets */
  DashboardDao(Handle h, Scope districts) {
    this.h = h;
    this.districts = districts;
  }

  private Query query(String sql, String alias) {
    return ScopeFilter.apply(h.createQuery(sql), alias, districts);
  }

  private List<Count> counts(String sql, String alias, Object... binds) {
    Query q = query(sql, alias);
    for (int i = 0; i < binds.length; i += 2) {
      q.bind((String) binds[i], binds[i + 1]);
    }
    return q.map((rs, ctx) ->
            new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
        .list();
  }

  /** Active children by category and care level. */
  List<Count> children() {
    return counts("""
        SELECT c.district_code, c.category, c.care_level, SUM(c.n) FROM dash_child_counts c
         WHERE <scope> AND c.status = 'ACTIVE' GROUP BY c.district_code, c.category, c.care_level""", "c");
  }

  /**
   * Children needing a pairing (ONE_TO_ONE or CASE_TEAM) who have none, by whether a guardian consent stands
   * (key "true"/"false") — the queue's definitions, from the counters.
   */
  List<Count> unpaired() {
    return counts("""
        SELECT u.district_code, IF(u.consented, 'true', 'false'), '', u.n FROM dash_unpaired_counts u WHERE <scope>""", "u");
  }

  /** Of those, the ones waiting since the instant or later (their last pairing ended, or they were registered). */
  List<Count> unpairedSince(Instant since) {
    return counts("""
        SELECT s.district_code, '', '', COUNT(*) FROM dash_child_state s
         WHERE s.needing = TRUE AND s.paired = FALSE AND s.waiting_since >= :since AND <scope>
         GROUP BY s.district_code""", "s", "since", since);
  }

  /** Volunteers by status. */
  List<Count> volunteers() {
    return counts("""
        SELECT v.district_code, v.status, '', SUM(v.n) FROM dash_volunteer_counts v WHERE <scope>
         GROUP BY v.district_code, v.status""", "v");
  }

  /** Admitted volunteers by specialty (one volunteer counts under each of hers). */
  List<Count> specialties() {
    return counts("""
        SELECT s.district_code, s.specialty, '', s.n FROM dash_specialty_counts s WHERE <scope>""", "s");
  }

  /** Admitted volunteers by source tag (one volunteer counts under each of hers). */
  List<Count> tags() {
    return counts("""
        SELECT t.district_code, t.tag, '', t.n FROM dash_tag_counts t WHERE <scope>""", "t");
  }

  /** Admitted volunteers who have completed a pre-service course. */
  List<Count> trained() {
    return counts("""
        SELECT t.district_code, '', '', t.n FROM dash_trained_counts t WHERE <scope>""", "t");
  }

  /** Admitted volunteers by star level (lifetime verified hours against the thresholds). */
  List<Count> stars() {
    return counts("""
        SELECT v.district_code, v.stars, '', v.n FROM dash_volunteer_counts v
         WHERE <scope> AND v.status = 'ADMITTED'""", "v");
  }

  /** Volunteers whose latest care record was written on the day or later (Chongqing days), by their district. */
  List<Count> activeVolunteers(LocalDate since) {
    return counts("""
        SELECT d.district_code, '', '', SUM(d.n) FROM dash_volunteer_active_days d
         WHERE d.day >= :since AND <scope> GROUP BY d.district_code""", "d", "since", since);
  }

  /** Active pairings by purpose and mode. */
  List<Count> activePairings() {
    return counts("""
        SELECT p.district_code, p.purpose, p.mode, p.n FROM dash_pairing_counts p
         WHERE <scope> AND p.status = 'ACTIVE'""", "p");
  }

  /** Active 6+1 pairings started at or after the instant (few: the last two weeks'). */
  List<Count> checklistPairingsStartedSince(Instant since) {
    return counts("""
        SELECT p.district_code, '', '', COUNT(*) FROM pairings p
         WHERE p.started_at >= :since AND <scope> AND p.status = 'ACTIVE' AND p.purpose = 'CARE'
           AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM') GROUP BY p.district_code""", "p", "since", since);
  }

  /** Active 6+1 pairings with a record of each item in its current period (item → the day that period starts). */
  List<Count> done(Map<String, LocalDate> periodStarts) {
    List<String> periods = new ArrayList<>();
    List<Object> binds = new ArrayList<>();
    periodStarts.forEach((kind, start) -> {
      int i = periods.size();
      periods.add("(d.kind = :kind" + i + " AND d.period_start = :p" + i + ")");
      binds.addAll(List.of("kind" + i, kind, "p" + i, start));
    });
    return counts("""
        SELECT d.district_code, d.kind, '', d.n FROM dash_done_counts d
         WHERE (%s) AND <scope>""".formatted(String.join(" OR ", periods)), "d", binds.toArray());
  }

  /** Active 6+1 pairings whose latest contact with the child was on the day or later. */
  List<Count> contactedSince(LocalDate since) {
    return counts("""
        SELECT d.district_code, '', '', SUM(d.n) FROM dash_contact_days d
         WHERE d.day >= :since AND <scope> GROUP BY d.district_code""", "d", "since", since);
  }

  /** Of those, the ones started at or after the instant (few: the last two weeks' pairings). */
  List<Count> contactedAndStartedSince(Instant since) {
    return counts("""
        SELECT p.district_code, '', '', COUNT(*) FROM pairings p
          JOIN dash_pairing_latest l ON l.pairing_id = p.id AND l.kind = 'ANY_CONTACT'
         WHERE p.started_at >= :since AND <scope> AND l.counted = TRUE AND l.last_at >= :since
         GROUP BY p.district_code""", "p", "since", since);
  }

  /** Care records by district and kind in the weeks [from, to] (the counter has a column per kind). */
  List<Count> careRecords(LocalDate from, LocalDate to) {
    List<String> kinds = Counts.RECORD_KINDS;
    return query(CARE_BY_KIND, "w")
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> {
          List<Count> byKind = new ArrayList<>();
          for (int i = 0; i < kinds.size(); i++) {
            byKind.add(new Count(rs.getString(1), kinds.get(i), "", rs.getLong(i + 2)));
          }
          return byKind;
        })
        .stream()
        .flatMap(List::stream)
        .toList();
  }

  /** Care records by week in the weeks [from, to] (the trend). */
  List<WeekCount> careTrend(LocalDate from, LocalDate to) {
    return weekly("""
        SELECT w.week, 'CARE', SUM(w.records) FROM dash_care_weeks w
         WHERE w.week BETWEEN :from AND :to AND <scope> GROUP BY w.week""", "w", from, to);
  }

  /** Attendance marks by district in the weeks [from, to]: key = all marks, n = those PRESENT. */
  List<Count> attendance(LocalDate from, LocalDate to) {
    return counts("""
        SELECT w.district_code, SUM(w.marks), '', SUM(IF(w.status = 'PRESENT', w.marks, 0))
          FROM dash_attendance_weekly w
         WHERE w.week BETWEEN :from AND :to AND <scope> GROUP BY w.district_code""", "w", "from", from, "to", to);
  }

  /** Attendance marks by week in the weeks [from, to]: key = all marks, n = those PRESENT. */
  List<WeekCount> attendanceTrend(LocalDate from, LocalDate to) {
    return weekly("""
        SELECT w.week, SUM(w.marks), SUM(IF(w.status = 'PRESENT', w.marks, 0)) FROM dash_attendance_weekly w
         WHERE w.week BETWEEN :from AND :to AND <scope> GROUP BY w.week""", "w", from, to);
  }

  /** Sessions not cancelled, by district in the weeks [from, to]: key = sessions, n = class-hours. */
  List<Count> sessions(LocalDate from, LocalDate to) {
    return counts("""
        SELECT w.district_code, SUM(w.sessions), '', SUM(w.class_hours) FROM dash_session_weekly w
         WHERE w.week BETWEEN :from AND :to AND w.status = 'SCHEDULED' AND <scope>
         GROUP BY w.district_code""", "w", "from", from, "to", to);
  }

  /** Class-hours of sessions not cancelled, by week in the weeks [from, to]. */
  List<WeekCount> classHoursTrend(LocalDate from, LocalDate to) {
    return weekly("""
        SELECT w.week, '', SUM(w.class_hours) FROM dash_session_weekly w
         WHERE w.week BETWEEN :from AND :to AND w.status = 'SCHEDULED' AND <scope> GROUP BY w.week""", "w", from, to);
  }

  /**
   * Sessions not cancelled that start in [from, to), by district: key = sessions, n = class-hours (the current
   * week's, to leave out those not yet held).
   */
  List<Count> sessionsBetween(Instant from, Instant to) {
    return counts("""
        SELECT s.district_code, COUNT(*), '', SUM(s.class_hours) FROM troupe_sessions s
         WHERE s.starts_at >= :from AND s.starts_at < :to AND s.status = 'SCHEDULED' AND <scope>
         GROUP BY s.district_code""", "s", "from", from, "to", to);
  }

  /** Approved troupes. */
  List<Count> troupes() {
    return counts("""
        SELECT t.district_code, '', '', COUNT(*) FROM troupes t WHERE <scope> AND t.status = 'APPROVED'
         GROUP BY t.district_code""", "t");
  }

  /**
   * Children assessed before and after with the same instrument in the same troupe, the after in [from, to): key =
   * pairs, n = the sum of (post − pre) mean scores in hundredths.
   */
  List<Count> prePost(LocalDate from, LocalDate to) {
    return counts("""
        SELECT t.district_code, COUNT(*), '', SUM(ROUND((post.mean_score - pre.mean_score) * 100))
          FROM assessments post
          JOIN assessments pre ON pre.troupe_id = post.troupe_id AND pre.child_id = post.child_id
                              AND pre.instrument = post.instrument AND pre.phase = 'PRE'
          JOIN troupes t ON t.id = post.troupe_id
         WHERE <scope> AND post.phase = 'POST' AND post.assessed_on >= :from AND post.assessed_on < :to
         GROUP BY t.district_code""", "t", "from", from, "to", to);
  }

  /** Harm reports filed in [from, to), by status, severity and category (key = status, key2 = severity|category). */
  List<Count> reportsFiled(Instant from, Instant to) {
    return counts("""
        SELECT c.district_code, c.status, CONCAT(c.severity, '|', c.category), COUNT(*) FROM concerns c
         WHERE <scope> AND c.created_at >= :from AND c.created_at < :to
         GROUP BY c.district_code, c.status, c.severity, c.category""", "c", "from", from, "to", to);
  }

  /** Reports still unacknowledged after their deadline. */
  List<Count> overdueAcknowledgements(Instant now) {
    return counts("""
        SELECT c.district_code, '', '', COUNT(*) FROM concerns c
         WHERE <scope> AND c.status = 'REPORTED' AND c.ack_due_at < :now GROUP BY c.district_code""", "c", "now", now);
  }

  /** Hours from filing to closing, for reports closed in [from, to). */
  List<Duration> closeTimes(Instant from, Instant to) {
    return query("""
        SELECT c.district_code, TIMESTAMPDIFF(SECOND, c.created_at, c.closed_at) FROM concerns c
         WHERE <scope> AND c.closed_at >= :from AND c.closed_at < :to""", "c")
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> new Duration(rs.getString(1), rs.getLong(2) / 3600.0))
        .list();
  }

  /** Open URGENT and HIGH reports, oldest deadline first: what the big screen lists. No names, no description. */
  List<Urgent> urgentOpen(int limit) {
    return query("""
        SELECT c.id, c.district_code, c.category, c.severity, c.status, c.created_at, c.ack_due_at FROM concerns c
         WHERE <scope> AND c.status IN ('REPORTED', 'ACKNOWLEDGED', 'REFERRED') AND c.severity IN ('URGENT', 'HIGH')
         ORDER BY c.severity = 'URGENT' DESC, c.ack_due_at, c.id LIMIT :limit""", "c")
        .bind("limit", limit)
        .map((rs, ctx) -> new Urgent(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            Columns.instant(rs, "created_at", ctx),
            Columns.instant(rs, "ack_due_at", ctx)))
        .list();
  }

  /**
   * Points booked in the weeks [from, to] by district (the volunteer's when booked), from the counters: key ISSUED
   * (earned and granted less claw-backs), REDEEMED (captured by merchants), EXPIRED (posted to the expiry account).
   */
  List<Count> points(LocalDate from, LocalDate to) {
    return counts("""
        SELECT w.district_code, w.kind, '', SUM(w.amount) FROM dash_points_weekly w
         WHERE w.week BETWEEN :from AND :to AND <scope> GROUP BY w.district_code, w.kind""", "w", "from", from, "to", to);
  }

  /** Points booked so far by district (the volunteer's when booked), per figure: ISSUED, REDEEMED, EXPIRED. */
  List<Count> pointsToDate() {
    return counts("""
        SELECT w.district_code, w.kind, '', SUM(w.amount) FROM dash_points_weekly w WHERE <scope>
         GROUP BY w.district_code, w.kind""", "w");
  }

  /** Points held now for redemptions not yet used, cancelled or released, by the district of their hold. */
  List<Count> held() {
    return counts("""
        SELECT t.district_code, '', '', SUM(r.points) FROM redemptions r
          JOIN points_transactions t ON t.redemption_id = r.id AND t.kind = 'HOLD'
         WHERE r.status = 'HELD' AND <scope> GROUP BY t.district_code""", "t");
  }

  /** Redemptions used in [from, to) by the merchant's district and category: key = category, n = count. */
  List<Count> redemptionsByCategory(Instant from, Instant to) {
    return counts("""
        SELECT m.district_code, m.category, '', COUNT(*) FROM redemptions r JOIN merchants m ON m.id = r.merchant_id
         WHERE <scope> AND r.status = 'USED' AND r.used_at >= :from AND r.used_at < :to
         GROUP BY m.district_code, m.category""", "m", "from", from, "to", to);
  }

  List<WeekCount> reportsTrend(Instant from, Instant to) {
    return weeklyBy("""
        SELECT <week>, 'REPORTS', COUNT(*) FROM concerns c
         WHERE c.created_at >= :from AND c.created_at < :to AND <scope> GROUP BY 1""", "c.created_at", from, to);
  }

  List<WeekCount> pairingsTrend(Instant from, Instant to) {
    return weeklyBy("""
        SELECT <week>, 'PAIRINGS', COUNT(*) FROM pairings p
         WHERE p.started_at >= :from AND p.started_at < :to AND <scope> GROUP BY 1""", "p.started_at", from, to);
  }

  /**
   * Weekly counts of rows by one of their times: {@code <week>} is the Monday of its Chongqing week, written out
   * (a stored function per row cost the city dashboard 25 ms on 5 000 reports).
   */
  private List<WeekCount> weeklyBy(String sql, String timeColumn, Object from, Object to) {
    String alias = timeColumn.substring(0, timeColumn.indexOf('.'));
    String local = "CONVERT_TZ(" + timeColumn + ", '+00:00', '+08:00')";
    return weekly(
        sql.replace("<week>", "DATE(" + local + ") - INTERVAL WEEKDAY(" + local + ") DAY"),
        alias,
        from,
        to);
  }

  private List<WeekCount> weekly(String sql, String alias, Object from, Object to) {
    return query(sql, alias)
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) ->
            new WeekCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)))
        .list();
  }
}
