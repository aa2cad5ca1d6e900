package cn.yuhao.care.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The dashboard scenario: 120 000 children, 50 000 volunteers, 100 000 pairings, 1 000 000 care records and 143 000
 * sessions with 5 005 000 attendance rows over the last two years, spread over the 41 districts (seeded once,
 * straight into the database the service uses, then the dashboard's counters recounted once, as after any bulk load), then the district
 * and city dashboards over HTTP: p50/p99 for this year and for two years, and every checked figure of the city
 * roll-up against counts over the raw tables in the same run. Needs DB_URL (a database of its own).
 */
final class DashboardBench {
  private static final long BASE = 300_000_000_000L;
  private static final long CHILD = BASE;
  private static final long VOLUNTEER = BASE + 10_000_000_000L;
  private static final long PAIRING = BASE + 20_000_000_000L;
  private static final long RECORD = BASE + 30_000_000_000L;
  private static final long TROUPE = BASE + 40_000_000_000L;
  private static final long SESSION = BASE + 50_000_000_000L;
  private static final long CONCERN = BASE + 60_000_000_000L;
  private static final int CHILDREN = 120_000;
  private static final int VOLUNTEERS = 50_000;
  private static final int PAIRINGS = 100_000;
  private static final int RECORDS = 1_000_000;
  private static final int TROUPES = 410;
  private static final int SESSIONS = 143_000;
  private static final int ROSTER = 35;
  private static final int CONCERNS = 5_000;
  private static final int DAYS = 730;
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  private final BenchClient client;
  private final String base;
  private final Random random = new Random(11);

  DashboardBench(String base) {
    this.base = base;
    this.client = new BenchClient(base, 1);
  }

  void run(Connection db, int samples) throws Exception {
    seed(db);
    List<String> districts = new ArrayList<>();
    for (JsonNode r : client.call("GET", "/api/v1/regions", null, null).path("items")) {
      districts.add(r.path("code").asText());
    }
    String admin = client.login("bench_admin");
    String twoYears = "&from=" + LocalDate.now(CHONGQING).minusDays(DAYS - 7);
    BenchClient.Call district =
        i -> dashboard(admin, "?districtCode=" + districts.get(random.nextInt(41)));
    BenchClient.Call city = i -> dashboard(admin, "?");
    client.run("warm-up /health", 2000, i -> client.get("/health"));
    BenchClient.Phase health = client.run("GET /health", 5000, i -> client.get("/health"));
    client.run("warm-up: dashboards", 300, i -> i % 2 == 0 ? district.call(i) : city.call(i));
    List<BenchClient.Phase> phases = List.of(
        client.run("district, this year", samples, district),
        client.run("city (41 districts), this year", samples, city),
        client.run(
            "district, two years",
            samples,
            i -> dashboard(admin, "?districtCode=" + districts.get(random.nextInt(41)) + twoYears)),
        client.run(
            "city (41 districts), two years", samples, i -> dashboard(admin, "?" + twoYears)),
        client.run("city, 2 clients at once", samples, 2, city),
        client.run("city, 8 viewers at once", samples, 8, city),
        client.run("district, 8 viewers at once", samples, 8, district));
    System.out.println();
    System.out.println(health.line());
    phases.forEach(p -> System.out.println(p.line()));
    check(db, client.call("GET", "/api/v1/admin/dashboard?" + twoYears, admin, null));
    System.out.println();
    // The seeded children and volunteers carry no real ciphertext (the bench has no key), so their
    // ledgers, which
    // decrypt to mask, are left out; the pairing ledger is the 100 000-row one.
    exportOnce(admin, "pairings");
  }

  /** One city-wide ledger export, read to the end as a browser would save it. */
  private void exportOnce(String token, String ledger) throws Exception {
    long t0 = System.nanoTime();
    var r = java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/api/v1/admin/exports/" + ledger))
                .header("Authorization", "Bearer " + token)
                .timeout(java.time.Duration.ofMinutes(5))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    long bytes;
    long firstByteMs = (System.nanoTime() - t0) / 1_000_000;
    try (var in = r.body()) {
      bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    System.out.printf(
        "export %-10s HTTP %d: %,d bytes in %.1f s (first byte after %d ms)%n",
        ledger, r.statusCode(), bytes, (System.nanoTime() - t0) / 1e9, firstByteMs);
  }

  private int dashboard(String token, String query) throws Exception {
    return client.send("GET", "/api/v1/admin/dashboard" + query, token, null).statusCode();
  }

  private record Check(String name, long shown, String sql, Instant... binds) {}

  /** The city roll-up against the raw tables, read right after it. */
  private static void check(Connection db, JsonNode d) throws Exception {
    Instant from =
        LocalDate.parse(d.path("from").asText()).atStartOfDay(CHONGQING).toInstant();
    Instant to = LocalDate.parse(d.path("to").asText())
        .plusDays(1)
        .atStartOfDay(CHONGQING)
        .toInstant();
    Instant thisWeek = LocalDate.parse(
            d.path("trend").get(d.path("trend").size() - 1).path("week").asText())
        .atStartOfDay(CHONGQING)
        .toInstant();
    JsonNode t = d.path("total");
    List<Check> checks = List.of(
        new Check(
            "care records",
            t.path("care").path("records").asLong(),
            "SELECT COUNT(*) FROM care_records WHERE occurred_at >= ? AND occurred_at < ?",
            from,
            to),
        new Check(
            "attendance marks", t.path("troupes").path("attendanceMarks").asLong(), """
            SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
             WHERE s.starts_at >= ? AND s.starts_at < ?""", from, to),
        new Check("present", t.path("troupes").path("present").asLong(), """
            SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
             WHERE s.starts_at >= ? AND s.starts_at < ? AND a.status = 'PRESENT'""", from, to),
        new Check(
            "reports filed",
            t.path("reports").path("filed").asLong(),
            "SELECT COUNT(*) FROM concerns WHERE created_at >= ? AND created_at < ?",
            from,
            to),
        new Check(
            "active children",
            t.path("children").path("active").asLong(),
            "SELECT COUNT(*) FROM children WHERE status = 'ACTIVE'"),
        new Check(
            "contacted this week",
            t.path("care").path("currentPeriods").get(0).path("done").asLong(),
            """
            SELECT COUNT(DISTINCT p.id) FROM pairings p JOIN care_records r ON r.pairing_id = p.id
             WHERE p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM')
               AND r.kind = 'CONTACT_CHILD' AND r.occurred_at >= ?""",
            thisWeek));
    System.out.println();
    boolean allEqual = true;
    for (Check c : checks) {
      long t0 = System.nanoTime();
      long raw;
      try (PreparedStatement ps = db.prepareStatement(c.sql())) {
        for (int i = 0; i < c.binds().length; i++) {
          ps.setTimestamp(i + 1, java.sql.Timestamp.from(c.binds()[i]));
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          raw = rs.getLong(1);
        }
      }
      allEqual &= raw == c.shown();
      System.out.printf(
          "%-22s dashboard %,12d  raw tables %,12d  %s  (the raw count took %.0f ms)%n",
          c.name(),
          c.shown(),
          raw,
          raw == c.shown() ? "equal" : "DIFFERENT",
          (System.nanoTime() - t0) / 1e6);
    }
    System.out.println(
        allEqual ? "dashboard equals the raw tables" : "DASHBOARD DIFFERS FROM THE RAW TABLES");
  }

  private static void seed(Connection db) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM troupe_sessions WHERE id > " + SESSION
            + " AND id <= " + (SESSION + SESSIONS))) {
      rs.next();
      if (rs.getLong(1) == SESSIONS) {
        System.out.println("dashboard bench data already seeded");
        return;
      }
    }
    // Row n of a seq table goes to district n % 41 (districts numbered in code order).
    exec(db, "seeding children", """
        INSERT INTO children (id, district_code, name, gender, birth_date, id_number_enc, id_number_index, category,
                              needs, care_level, risk_flags, status, created_at, updated_at)
        SELECT %d + seq, d.code, '压测儿童', IF(seq %% 2 = 0, 'MALE', 'FEMALE'), '2015-06-01', 'bench',
               CONCAT('dashboard-bench-', seq), ELT(1 + seq %% 6, 'ORPHAN', 'UNSUPPORTED', 'LEFT_BEHIND', 'MIGRANT',
               'POOR_DISABLED_ILL', 'OTHER_DIFFICULT'), 'ACADEMIC_LAG',
               IF(seq <= %d, 'ONE_TO_ONE', IF(seq %% 2 = 0, 'CASE_TEAM', 'GROUP')), '', 'ACTIVE',
               NOW(3) - INTERVAL %d DAY, NOW(3)
          FROM seq_1_to_%d JOIN (%s) d ON d.i = seq %% 41""".formatted(CHILD, PAIRINGS, DAYS + 40, CHILDREN, districts()));
    exec(db, "seeding volunteers", """
        INSERT INTO volunteers (id, user_id, real_name, phone_enc, phone_index, district_code, specialties,
                                max_children, pledge_version, agreed_at, status, applied_at, updated_at)
        SELECT %d + seq, %d + seq, '压测志愿者', 'bench', CONCAT('dashboard-bench-', seq), d.code,
               ELT(1 + seq %% 4, 'TEACHER', 'DOCTOR', 'SOCIAL_WORKER', 'TEACHER,PSYCHOLOGIST'), 3, '2026-11',
               NOW(3), IF(seq %% 25 = 0, 'PENDING', 'ADMITTED'), NOW(3), NOW(3)
          FROM seq_1_to_%d JOIN (%s) d ON d.i = seq %% 41""".formatted(VOLUNTEER, VOLUNTEER, VOLUNTEERS, districts()));
    // Pairing i pairs child i (same district) with a volunteer of that district; every tenth has
    // ended.
    exec(db, "seeding pairings", """
        INSERT INTO pairings (id, child_id, volunteer_id, mode, purpose, district_code, status, primary_child_id,
                              started_at, started_by, ended_at, ended_by, end_reason)
        SELECT %d + seq, %d + seq, %d + 1 + (seq - 1) %% %d, 'ONE_TO_ONE',
               'CARE', d.code, IF(seq %% 10 = 0, 'ENDED', 'ACTIVE'), IF(seq %% 10 = 0, NULL, %d + seq),
               NOW(3) - INTERVAL %d DAY, 1, IF(seq %% 10 = 0, NOW(3) - INTERVAL 30 DAY, NULL), IF(seq %% 10 = 0, 1, NULL),
               IF(seq %% 10 = 0, 'REASSIGNED', NULL)
          FROM seq_1_to_%d JOIN (%s) d ON d.i = seq %% 41""".formatted(
            PAIRING, CHILD, VOLUNTEER, VOLUNTEERS, CHILD, DAYS + 30, PAIRINGS, districts()));
    for (int chunk = 0; chunk < RECORDS; chunk += 100_000) {
      exec(db, "seeding care records " + chunk, """
          INSERT INTO care_records (id, pairing_id, child_id, district_code, author_user_id, author_volunteer_id, kind,
                                    occurred_at, way, summary_enc, follow_up_needed, content_check, version,
                                    created_at, updated_at)
          SELECT %d + n, p.id, p.child_id, p.district_code, p.volunteer_id, p.volunteer_id,
                 ELT(1 + n %% 8, 'CONTACT_CHILD', 'CONTACT_CHILD', 'TALK_GUARDIAN', 'PARENT_CHILD_ACTIVITY', 'FESTIVAL',
                     'READING', 'FAMILY_EDUCATION', 'FREE_VISIT'),
                 NOW(3) - INTERVAL ((n * 7919) %% (%d * 1440)) MINUTE, 'HOME_VISIT', 'bench', FALSE, 'PASSED', 1,
                 NOW(3), NOW(3)
            FROM (SELECT seq + %d AS n FROM seq_1_to_100000) x
            JOIN pairings p ON p.id = %d + 1 + n %% %d""".formatted(
              RECORD, DAYS, chunk, PAIRING, PAIRINGS));
    }
    exec(db, "seeding troupes", """
        INSERT INTO troupes (id, kind, name, district_code, host_unit, host_kind, address, leader_name, leader_contact,
                             project_leader_name, project_leader_contact, feature, introduction, recommendation,
                             status, submitted_by, submitted_at, updated_at)
        SELECT %d + seq, IF(seq %% 2 = 0, 'SINGING', 'RUNNING'), CONCAT('压测团', seq), d.code, '压测单位', 'SCHOOL',
               '压测路', '压测', '13800000000', '压测', '13800000000', '压测', '压测', '压测', 'APPROVED', 1, NOW(3), NOW(3)
          FROM seq_1_to_%d JOIN (%s) d ON d.i = seq %% 41""".formatted(TROUPE, TROUPES, districts()));
    exec(db, "seeding sessions", """
        INSERT INTO troupe_sessions (id, troupe_id, district_code, kind, title, starts_at, ends_at, class_hours, place,
                                     status, created_by, created_at)
        SELECT %d + seq, t.id, t.district_code, 'TRAINING', '压测训练', NOW(3) - INTERVAL (seq %% %d) DAY - INTERVAL 3 HOUR,
               NOW(3) - INTERVAL (seq %% %d) DAY - INTERVAL 1 HOUR, 2, '活动室',
               IF(seq %% 50 = 0, 'CANCELLED', 'SCHEDULED'), 1, NOW(3)
          FROM seq_1_to_%d JOIN troupes t ON t.id = %d + 1 + seq %% %d""".formatted(SESSION, DAYS, DAYS, SESSIONS, TROUPE, TROUPES));
    for (int chunk = 0; chunk < SESSIONS; chunk += 5_000) {
      exec(db, "seeding attendance " + chunk, """
          INSERT INTO attendance (session_id, child_id, status, scanned_at, recorded_at, recorded_by, late_sync)
          SELECT s.seq + %d, %d + 1 + (s.seq * %d + c.seq) %% %d,
                 IF(c.seq %% 10 = 0, 'ABSENT', IF(c.seq %% 17 = 0, 'EXCUSED', 'PRESENT')), NOW(3), NOW(3), 1, FALSE
            FROM seq_%d_to_%d s JOIN seq_1_to_%d c""".formatted(
          SESSION, CHILD, ROSTER, CHILDREN, chunk + 1, Math.min(chunk + 5_000, SESSIONS), ROSTER));
    }
    exec(db, "seeding reports", """
        INSERT INTO concerns (id, child_id, district_code, reporter_user_id, reporter_role, category, severity,
                              description_enc, occurred_at, status, ack_due_at, acknowledged_at, closed_at, created_at,
                              updated_at)
        SELECT %d + seq, c.id, c.district_code, 1, 'VOLUNTEER', ELT(1 + seq %% 3, 'NEGLECT', 'DROPOUT', 'SELF_HARM'),
               ELT(1 + seq %% 3, 'URGENT', 'HIGH', 'NORMAL'), 'bench', NOW(3) - INTERVAL (1 + seq %% %d) DAY,
               IF(seq %% 5 = 0, 'REPORTED', 'CLOSED'), NOW(3) - INTERVAL (1 + seq %% %d) DAY + INTERVAL 1 DAY,
               IF(seq %% 5 = 0, NULL, NOW(3) - INTERVAL (1 + seq %% %d) DAY + INTERVAL 2 HOUR),
               IF(seq %% 5 = 0, NULL, NOW(3) - INTERVAL (1 + seq %% %d) DAY + INTERVAL (seq %% 20) HOUR),
               NOW(3) - INTERVAL (1 + seq %% %d) DAY, NOW(3)
          FROM seq_1_to_%d JOIN children c ON c.id = %d + seq""".formatted(
            CONCERN, DAYS, DAYS, DAYS, DAYS, DAYS, CONCERNS, CHILD));
    // Written straight into the tables, as a bulk load is: the dashboard's counters are recounted
    // once, after.
    var periods = new cn.yuhao.care.checklist.CarePeriods(
        cn.yuhao.care.config.AppConfig.fromEnv(System.getenv()).careRules());
    for (String sql : new cn.yuhao.care.dashboard.CounterRebuild(periods).statements()) {
      exec(db, "counting " + sql.strip().split("\\s+")[2], sql);
    }
  }

  /** The 41 districts numbered 0..40 in code order. */
  private static String districts() {
    return "SELECT code, ROW_NUMBER() OVER (ORDER BY code) - 1 AS i FROM regions";
  }

  private static void exec(Connection db, String what, String sql) throws Exception {
    long t0 = System.nanoTime();
    db.setAutoCommit(true);
    try (Statement s = db.createStatement()) {
      int rows = s.executeUpdate(sql);
      System.out.printf("%s: %,d rows in %.1f s%n", what, rows, (System.nanoTime() - t0) / 1e9);
    }
  }
}
