package cn.yuhao.care.dashboard;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import cn.yuhao.care.volunteer.VolunteerService;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The dashboard against a hand-computed fixture in two districts of its own (涪陵区, 大渡口区), its scope, and every
 * figure of the city roll-up against counts over the raw tables.
 */
class DashboardApiTest extends ApiTest {
  private static final String D_500199 = Districts.claim(DashboardApiTest.class, "500199");
  private static final String D_500112 = Districts.claim(DashboardApiTest.class, "500112");
  private static final String D_500104 = Districts.claim(DashboardApiTest.class, "500104");
  private static final String FULING = Districts.claim(DashboardApiTest.class, "500102");
  private static final String DADUKOU = D_500104;

  private static LocalDate today() {
    return CarePeriods.day(server.clock().instant());
  }

  private static JsonPath dashboard(Login l, String district) {
    var req = api(l.token()).queryParam("from", today().minusDays(30).toString());
    if (district != null) {
      req.queryParam("districtCode", district);
    }
    return req.get("/api/v1/admin/dashboard").then().statusCode(200).extract().jsonPath();
  }

  private static void sql(String sql, Object... binds) {
    server.app().services().jdbi().useHandle(h -> {
      var u = h.createUpdate(sql);
      for (int i = 0; i < binds.length; i++) {
        u.bind(i, binds[i]);
      }
      u.execute();
    });
  }

  private static String logCare(Paired p, String kind, Instant at) {
    return api(p.volunteer().login().token())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of(
            "kind",
            kind,
            "occurredAt",
            at.toString(),
            "way",
            "HOME_VISIT",
            "summary",
            "入户走访，孩子状态良好。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** A troupe with one held session (2 class-hours) and one cancelled, and three children's attendance. */
  private static void troupe(String district, List<String> children, Instant sessionStart) {
    long troupe = Ids.next();
    long held = Ids.next();
    long cancelled = Ids.next();
    Instant now = server.clock().instant();
    sql("""
        INSERT INTO troupes (id, kind, name, district_code, host_unit, host_kind, address, leader_name, leader_contact,
                             project_leader_name, project_leader_contact, feature, introduction, recommendation,
                             status, submitted_by, submitted_at, updated_at)
        VALUES (?, 'SINGING', '测试欢唱团', ?, '区妇联', 'SCHOOL', '某路1号', '李老师', '13800000001', '王主任', '13800000002',
                '合唱', '简介', '推荐', 'APPROVED', 1, ?, ?)""", troupe, district, now, now);
    for (long[] s : new long[][] {{held, 2}, {cancelled, 3}}) {
      sql(
          """
          INSERT INTO troupe_sessions (id, troupe_id, district_code, kind, title, starts_at, ends_at, class_hours, place,
                                       status, created_by, created_at)
          VALUES (?, ?, ?, 'TRAINING', '合唱训练', ?, ?, ?, '活动室', ?, 1, ?)""",
          s[0],
          troupe,
          district,
          sessionStart,
          sessionStart.plus(Duration.ofHours(s[1])),
          (int) s[1],
          s[0] == held ? "SCHEDULED" : "CANCELLED",
          now);
    }
    String[] marks = {"PRESENT", "ABSENT", "EXCUSED"};
    for (int i = 0; i < children.size(); i++) {
      sql("""
          INSERT INTO attendance (session_id, child_id, status, recorded_at, recorded_by, late_sync)
          VALUES (?, ?, ?, ?, 1, FALSE)""", held, Long.parseLong(children.get(i)), marks[i], now);
    }
    sql(
        "UPDATE attendance SET status = 'PRESENT' WHERE session_id = ? AND child_id = ?",
        held,
        Long.parseLong(children.get(1)));
    // Written around the services, as a bulk load would be: recounted like one (CountersApiTest
    // checks that writes
    // through the services keep the counters equal to such a recount).
    server
        .app()
        .services()
        .jdbi()
        .useTransaction(h -> new CounterRebuild(server.app().services().carePeriods()).rebuild(h));
    for (String[] a : new String[][] {{"PRE", "3.00"}, {"POST", "3.50"}}) {
      sql(
          """
          INSERT INTO assessments (id, troupe_id, child_id, phase, instrument, assessed_on, scores_json, mean_score,
                                   recorded_by, recorded_at)
          VALUES (?, ?, ?, ?, 'SELF_ESTEEM', ?, '[]', ?, 1, ?)""",
          Ids.next(),
          troupe,
          Long.parseLong(children.get(0)),
          a[0],
          today().minusDays(1),
          new java.math.BigDecimal(a[1]),
          now);
    }
  }

  /** A report filed {@code hoursAgo} and closed {@code hoursToClose} later. */
  private static void closedReport(
      String district, String childId, int hoursAgo, int hoursToClose) {
    Instant filed = server.clock().instant().minus(Duration.ofHours(hoursAgo));
    sql(
        """
        INSERT INTO concerns (id, child_id, district_code, reporter_user_id, reporter_role, category, severity,
                              description_enc, occurred_at, status, ack_due_at, closed_at, created_at, updated_at)
        VALUES (?, ?, ?, 1, 'VOLUNTEER', 'DROPOUT', 'NORMAL', 'x', ?, 'CLOSED', ?, ?, ?, ?)""",
        Ids.next(),
        Long.parseLong(childId),
        district,
        filed,
        filed.plus(Duration.ofHours(24)),
        filed.plus(Duration.ofHours(hoursToClose)),
        filed,
        filed);
  }

  @Test
  void every_figure_of_a_district_matches_the_hand_computed_fixture() {
    Login da = fixtures.districtAdmin(FULING);
    Paired p = fixtures.pairing(da, FULING, Map.of());
    fixtures.backdatePairing(p.pairingId(), Duration.ofDays(20));
    String waiting = fixtures.child(
        da, FULING, 29.7, 107.3, Map.of("category", "ORPHAN", "careLevel", "CASE_TEAM"));
    sql(
        "UPDATE children SET created_at = ? WHERE id = ?",
        server.clock().instant().minus(Duration.ofDays(20)),
        Long.parseLong(waiting));
    String group = fixtures.child(da, FULING, 29.7, 107.3, Map.of("careLevel", "GROUP"));
    fixtures.consent(da, group);
    Login applicant = fixtures.login();
    api(applicant.token())
        .body(Map.of(
            "realName",
            "赵敏",
            "phone",
            "13700003333",
            "districtCode",
            FULING,
            "location",
            Map.of("lat", 29.7, "lng", 107.3),
            "specialties",
            List.of("DOCTOR", "NURSE"),
            "maxChildren",
            1,
            "agreedTerms",
            true,
            "pledgeVersion",
            VolunteerService.PLEDGE_VERSION))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201);
    String record = logCare(p, "CONTACT_CHILD", server.clock().instant().minusSeconds(3600));
    sql(
        """
        INSERT INTO service_hours (id, business_key, user_id, volunteer_id, session_id, hours, verified, served_on, created_at)
        VALUES (?, ?, ?, ?, 1, 120.0, TRUE, ?, ?)""",
        Ids.next(),
        "test:" + UUID.randomUUID(),
        Long.parseLong(p.volunteer().login().userId()),
        Long.parseLong(p.volunteer().id()),
        today(),
        server.clock().instant());
    api(da.token())
        .body(Map.of("userId", p.volunteer().login().userId(), "amount", 50, "reason", "测试发放"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201);
    String urgent = api(p.volunteer().login().token())
        .body(Map.of(
            "childId",
            p.childId(),
            "category",
            "NEGLECT",
            "severity",
            "URGENT",
            "description",
            "孩子连续三天独自在家，奶奶住院，家中没有食物。",
            "occurredAt",
            server.clock().instant().minusSeconds(7200).toString()))
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    sql(
        "UPDATE concerns SET ack_due_at = ? WHERE id = ?",
        server.clock().instant().minusSeconds(60),
        Long.parseLong(urgent));
    closedReport(FULING, waiting, 30, 10);
    closedReport(FULING, waiting, 30, 2);
    troupe(
        FULING,
        List.of(p.childId(), waiting, group),
        server.clock().instant().minus(Duration.ofDays(2)));

    JsonPath d = dashboard(da, FULING);
    assertEquals(List.of(FULING), d.getList("districts.districtCode"));
    assertEquals(
        d.getMap("total"),
        d.getMap("districts[0]") == null ? null : withoutName(d.getMap("districts[0]")));
    assertEquals(
        Map.of(
            "active",
            3,
            "needingPairing",
            2,
            "paired",
            1,
            "pairedShare",
            0.5f,
            "consentPending",
            1,
            "unpairedOver14Days",
            1),
        pick(
            d.getMap("total.children"),
            "active",
            "needingPairing",
            "paired",
            "pairedShare",
            "consentPending",
            "unpairedOver14Days"));
    assertEquals(2, d.getInt("total.children.byCategory.LEFT_BEHIND"));
    assertEquals(1, d.getInt("total.children.byCategory.ORPHAN"));
    assertEquals(
        List.of(1, 1, 1),
        List.of(
            d.getInt("total.children.byCareLevel.ONE_TO_ONE"),
            d.getInt("total.children.byCareLevel.CASE_TEAM"),
            d.getInt("total.children.byCareLevel.GROUP")));
    assertEquals(
        Map.of(
            "applicants",
            1,
            "admitted",
            1,
            "active30Days",
            1,
            "suspended",
            0,
            "exited",
            0,
            "activePairings",
            1,
            "pairingsPerVolunteer",
            1.0f),
        pick(
            d.getMap("total.volunteers"),
            "applicants",
            "admitted",
            "active30Days",
            "suspended",
            "exited",
            "activePairings",
            "pairingsPerVolunteer"));
    assertEquals(1, d.getInt("total.volunteers.bySpecialty.TEACHER"));
    assertEquals(
        0, d.getInt("total.volunteers.bySpecialty.DOCTOR"), "only admitted volunteers count");
    assertEquals(1, d.getInt("total.volunteers.byStars.1"), "120 verified hours make one star");
    assertEquals(1, d.getInt("total.care.records"));
    assertEquals(1, d.getInt("total.care.byKind.CONTACT_CHILD"));
    assertEquals(List.of(1, 0), done(d, "CONTACT_CHILD", "TALK_GUARDIAN"));
    assertEquals(0, d.getInt("total.care.noContact14Days"));
    assertEquals(
        Map.of("filed", 3, "overdueAcknowledgements", 1, "closed", 2, "medianHoursToClose", 6.0f),
        pick(
            d.getMap("total.reports"),
            "filed",
            "overdueAcknowledgements",
            "closed",
            "medianHoursToClose"));
    assertEquals(
        List.of(1, 2),
        List.of(
            d.getInt("total.reports.byStatus.REPORTED"),
            d.getInt("total.reports.byStatus.CLOSED")));
    assertEquals(
        List.of(1, 2),
        List.of(
            d.getInt("total.reports.bySeverity.URGENT"),
            d.getInt("total.reports.bySeverity.NORMAL")));
    assertEquals(
        List.of(1, 2),
        List.of(
            d.getInt("total.reports.byCategory.NEGLECT"),
            d.getInt("total.reports.byCategory.DROPOUT")));
    assertEquals(
        Map.of(
            "troupes",
            1,
            "sessions",
            1,
            "classHours",
            2,
            "classHoursAnnualTarget",
            80,
            "attendanceMarks",
            3,
            "present",
            2,
            "attendanceRate",
            0.667f,
            "assessedPairs",
            1,
            "meanScoreChange",
            0.5f),
        d.getMap("total.troupes"));
    assertEquals(
        Map.of("issued", 50, "redeemed", 0, "expired", 0, "outstanding", 50),
        pick(d.getMap("total.points"), "issued", "redeemed", "expired", "outstanding"));
    assertEquals(urgent, d.getString("urgentReports.find { it.districtCode == '500102' }.id"));
    assertEquals(true, d.getBoolean("urgentReports.find { it.districtCode == '500102' }.overdue"));
    assertEquals(1, d.getInt("trend.collect { it.careRecords }.sum()"));
    assertEquals(3, d.getInt("trend.collect { it.attendanceMarks }.sum()"));
    assertEquals(2, d.getInt("trend.collect { it.classHours }.sum()"));

    // The volunteer corrects her record into a talk with the guardian: the counters move with it,
    // and the child
    // has now gone 14 days without contact.
    api(p.volunteer().login().token())
        .body(Map.of("kind", "TALK_GUARDIAN"))
        .patch("/api/v1/care-records/{id}", record)
        .then()
        .statusCode(200);
    JsonPath after = dashboard(da, FULING);
    assertEquals(0, after.getInt("total.care.byKind.CONTACT_CHILD"));
    assertEquals(1, after.getInt("total.care.byKind.TALK_GUARDIAN"));
    assertEquals(List.of(0, 1), done(after, "CONTACT_CHILD", "TALK_GUARDIAN"));
    assertEquals(1, after.getInt("total.care.noContact14Days"));

    // Ending the pairing: the child is unpaired again, and no longer owed the checklist.
    api(da.token())
        .body(Map.of("reason", "REASSIGNED", "note", "重新安排"))
        .post("/api/v1/admin/pairings/{id}/end", p.pairingId())
        .then()
        .statusCode(200);
    JsonPath ended = dashboard(da, FULING);
    assertEquals(0, ended.getInt("total.children.paired"));
    assertEquals(List.of(0, 0), done(ended, "CONTACT_CHILD", "TALK_GUARDIAN"));
    assertEquals(0, ended.getInt("total.care.noContact14Days"));
  }

  private static Map<String, Object> withoutName(Map<String, Object> m) {
    var copy = new java.util.LinkedHashMap<>(m);
    copy.put("districtCode", null);
    copy.put("districtName", null);
    return copy;
  }

  private static Map<String, Object> pick(Map<String, Object> m, String... keys) {
    var out = new java.util.HashMap<String, Object>();
    for (String k : keys) {
      out.put(k, m.get(k));
    }
    return out;
  }

  private static List<Integer> done(JsonPath d, String... items) {
    return java.util.Arrays.stream(items)
        .map(i -> d.getInt("total.care.currentPeriods.find { it.item == '" + i + "' }.done"))
        .toList();
  }

  @Test
  void a_district_admin_sees_her_district_only_and_bad_questions_are_refused() {
    Login fuling = fixtures.districtAdmin(FULING);
    fixtures.pairing(fixtures.districtAdmin(DADUKOU), DADUKOU, Map.of());
    JsonPath mine = api(fuling.token())
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertEquals(List.of(FULING), mine.getList("districts.districtCode"));
    assertTrue(mine.getList("urgentReports.districtCode").stream().allMatch(FULING::equals));
    api(fuling.token())
        .queryParam("districtCode", DADUKOU)
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(404)
        .body("code", equalTo("NOT_FOUND"));
    api(fuling.token())
        .queryParam("districtCode", D_500199)
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("districtCode"));
    raw(fuling.token())
        .queryParam("from", "2026-13-01")
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("from"))
        .body("fields[0].message", equalTo("日期格式应为 2026-11-22"));
    api(fuling.token())
        .queryParam("from", "2026-06-01")
        .queryParam("to", "2026-05-01")
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(422)
        .body("fields[0].message", equalTo("结束日期不能早于开始日期"));
    api(fuling.token())
        .queryParam("from", "2020-01-01")
        .queryParam("to", "2026-05-01")
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(422)
        .body("fields[0].message", equalTo("统计区间最长三年"));
    Login volunteer = fixtures.login();
    api(volunteer.token()).get("/api/v1/admin/dashboard").then().statusCode(403);
    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, FULING, fixtures.street(FULING));
    api(supervisor.token()).get("/api/v1/admin/dashboard").then().statusCode(403);
    api().get("/api/v1/admin/dashboard").then().statusCode(401);
  }

  @Test
  void the_city_roll_up_is_the_sum_of_the_districts_and_equals_the_raw_tables() {
    Login city = fixtures.cityAdmin();
    Paired p = fixtures.pairing(fixtures.districtAdmin(DADUKOU), DADUKOU, Map.of());
    fixtures.backdatePairing(p.pairingId(), Duration.ofDays(1));
    logCare(p, "FREE_VISIT", server.clock().instant().minusSeconds(600));
    JsonPath d = dashboard(city, null);
    assertEquals(41, d.getList("districts").size(), "every district of Chongqing is listed");
    for (String section :
        List.of("children", "volunteers", "care", "reports", "troupes", "points")) {
      Map<String, Object> total = d.getMap("total." + section);
      for (var e : total.entrySet()) {
        if (e.getValue() instanceof Integer n) {
          int sum = d.getList("districts." + section + "." + e.getKey(), Integer.class).stream()
              .mapToInt(Integer::intValue)
              .sum();
          assertEquals(n, sum, section + "." + e.getKey() + " is the sum of the districts");
        }
      }
    }
    Instant from =
        LocalDate.parse(d.getString("from")).atStartOfDay(CarePeriods.CHONGQING).toInstant();
    Instant to = LocalDate.parse(d.getString("to"))
        .plusDays(1)
        .atStartOfDay(CarePeriods.CHONGQING)
        .toInstant();
    Instant now = Instant.parse(d.getString("asOf"));
    server.app().services().jdbi().useHandle(h -> {
      assertEquals(
          count(
              h,
              "SELECT COUNT(*) FROM care_records WHERE occurred_at >= ? AND occurred_at < ?",
              from,
              to),
          d.getLong("total.care.records"));
      assertEquals(count(h, """
              SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
               WHERE s.starts_at >= ? AND s.starts_at < ?""", from, to), d.getLong("total.troupes.attendanceMarks"));
      assertEquals(count(h, """
              SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
               WHERE s.starts_at >= ? AND s.starts_at < ? AND a.status = 'PRESENT'""", from, to), d.getLong("total.troupes.present"));
      assertEquals(
          count(h, "SELECT COUNT(*) FROM children WHERE status = 'ACTIVE'"),
          d.getLong("total.children.active"));
      assertEquals(
          count(
              h,
              "SELECT COUNT(*) FROM concerns WHERE created_at >= ? AND created_at < ?",
              from,
              to),
          d.getLong("total.reports.filed"));
      // Done this week, from the records themselves rather than the trigger-kept table.
      Instant weekStart = LocalDate.parse(d.getString("trend[-1].week"))
          .atStartOfDay(CarePeriods.CHONGQING)
          .toInstant();
      assertEquals(count(h, """
              SELECT COUNT(DISTINCT p.id) FROM pairings p JOIN care_records r ON r.pairing_id = p.id
               WHERE p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM')
                 AND r.kind = 'CONTACT_CHILD' AND r.occurred_at >= ?""", weekStart), (long) done(d, "CONTACT_CHILD").get(0));
      Instant cutoff =
          CarePeriods.day(now).minusDays(13).atStartOfDay(CarePeriods.CHONGQING).toInstant();
      assertEquals(count(h, """
              SELECT COUNT(*) FROM pairings p
               WHERE p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM')
                 AND COALESCE((SELECT MAX(r.occurred_at) FROM care_records r WHERE r.pairing_id = p.id
                                 AND r.kind IN ('CONTACT_CHILD', 'PARENT_CHILD_ACTIVITY', 'FESTIVAL', 'READING',
                                                'LAW_SAFETY', 'FREE_VISIT')), p.started_at) < ?""", cutoff), d.getLong("total.care.noContact14Days"));
    });
  }

  private static long count(Handle h, String sql, Object... binds) {
    var q = h.createQuery(sql);
    for (int i = 0; i < binds.length; i++) {
      q.bind(i, binds[i]);
    }
    return q.mapTo(Long.class).one();
  }

  /** Every counter and state table, rows with a non-zero count only (a counter may sit at zero after a change). */
  private static List<String> counters() {
    List<String> out = new java.util.ArrayList<>();
    server.app().services().jdbi().useHandle(h -> {
      for (String t : List.of(
          "dash_care_weeks",
          "dash_attendance_weekly",
          "dash_session_weekly",
          "dash_points_weekly",
          "dash_child_counts",
          "dash_unpaired_counts",
          "dash_volunteer_counts",
          "dash_specialty_counts",
          "dash_tag_counts",
          "dash_trained_counts",
          "dash_pairing_counts",
          "dash_done_counts",
          "dash_contact_days",
          "dash_volunteer_active_days",
          "dash_child_state",
          "dash_pairing_state",
          "dash_volunteer_state",
          "dash_volunteer_hours",
          "dash_pairing_latest",
          "dash_pairing_periods",
          "dash_volunteer_activity")) {
        h.createQuery("SELECT * FROM " + t).mapToMap().forEach(row -> {
          boolean zero = row.entrySet().stream()
              .anyMatch(
                  e -> List.of("records", "marks", "n", "sessions", "amount").contains(e.getKey())
                      && ((Number) e.getValue()).longValue() == 0);
          if (!zero) {
            out.add(t + " " + new java.util.TreeMap<>(row));
          }
        });
      }
    });
    java.util.Collections.sort(out);
    return out;
  }

  @Test
  void counters_kept_by_the_services_equal_a_recount_from_the_tables() throws Exception {
    server
        .app()
        .services()
        .jdbi()
        .useTransaction(h -> new CounterRebuild(server.app().services().carePeriods()).rebuild(h));
    String yubei = D_500112;
    Login da = fixtures.districtAdmin(yubei);
    Paired p = fixtures.pairing(da, yubei, Map.of());
    fixtures.backdatePairing(p.pairingId(), Duration.ofDays(60));
    Instant now = server.clock().instant();
    String contact = logCare(p, "CONTACT_CHILD", now.minusSeconds(3600));
    logCare(p, "TALK_GUARDIAN", now.minus(Duration.ofDays(2)));
    logCare(p, "PARENT_CHILD_ACTIVITY", now.minus(Duration.ofDays(40)));
    logCare(p, "FREE_VISIT", now.minus(Duration.ofDays(20)));
    logCare(p, "FAMILY_EDUCATION", now.minus(Duration.ofDays(3)));
    // A correction that moves a record to another kind and week.
    api(p.volunteer().login().token())
        .body(Map.of(
            "kind", "READING", "occurredAt", now.minus(Duration.ofDays(9)).toString()))
        .patch("/api/v1/care-records/{id}", contact)
        .then()
        .statusCode(200);
    // A second pairing that ends, a consent withdrawn, a volunteer suspended.
    Paired ended = fixtures.pairing(da, yubei, Map.of("careLevel", "CASE_TEAM"));
    fixtures.backdatePairing(ended.pairingId(), Duration.ofDays(1));
    logCare(ended, "CONTACT_CHILD", now.minusSeconds(600));
    api(da.token())
        .body(Map.of("reason", "REASSIGNED", "note", "重新安排"))
        .post("/api/v1/admin/pairings/{id}/end", ended.pairingId())
        .then()
        .statusCode(200);
    String child = fixtures.child(da, yubei, 29.7, 106.6, Map.of());
    String consent = fixtures.consent(da, child);
    api(da.token())
        .body(Map.of("reason", "监护人撤回同意"))
        .post("/api/v1/admin/children/{id}/consents/{c}/withdraw", child, consent)
        .then()
        .statusCode(200);
    api(da.token())
        .body(Map.of("reason", "长期联系不上"))
        .post("/api/v1/admin/volunteers/{id}/suspend", ended.volunteer().id())
        .then()
        .statusCode(200);

    // Points granted and clawed back: the ledger counts them by the week and district they were
    // booked in.
    for (int amount : new int[] {80, -30}) {
      api(da.token())
          .body(
              Map.of("userId", p.volunteer().login().userId(), "amount", amount, "reason", "测试积分"))
          .post("/api/v1/admin/points/adjustments")
          .then()
          .statusCode(201)
          .body("status", org.hamcrest.Matchers.equalTo("APPLIED"));
    }

    // A volunteer's source tags set, another's pre-service course completed: their tag and training
    // counts follow.
    String tagged = fixtures
        .admittedVolunteer(da, yubei, 29.7, 106.6, List.of("TEACHER"), 1)
        .id();
    api(da.token())
        .body(Map.of("tags", List.of("PARTY_MEMBER", "FIVE_ELDERS")))
        .put("/api/v1/admin/volunteers/{id}/tags", tagged)
        .then()
        .statusCode(200);
    String course = api(da.token())
        .body(Map.of("districtCode", yubei, "title", "岗前培训", "kind", "PRE_SERVICE", "hours", 4))
        .post("/api/v1/admin/courses")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(da.token())
        .body(Map.of("volunteerIds", List.of(p.volunteer().id())))
        .post("/api/v1/admin/courses/{id}/completions", course)
        .then()
        .statusCode(200)
        .body("recorded", org.hamcrest.Matchers.equalTo(1));

    // Registrations at once: new children's and volunteers' counters must not make them wait on (or
    // deadlock over)
    // each other's state rows.
    var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
    List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      int n = i;
      done.add(pool.submit(() -> n % 2 == 0
          ? fixtures.child(da, yubei, 29.7, 106.6, Map.of())
          : fixtures
              .admittedVolunteer(da, yubei, 29.7, 106.6, List.of("TEACHER"), 2)
              .id()));
    }
    for (var f : done) {
      assertTrue(f.get(60, java.util.concurrent.TimeUnit.SECONDS) != null);
    }
    pool.shutdown();

    List<String> kept = counters();
    assertTrue(
        kept.stream().anyMatch(r -> r.startsWith("dash_done_counts") && r.contains("READING")),
        kept.toString());
    assertTrue(
        kept.stream().anyMatch(r -> r.startsWith("dash_trained_counts") && r.contains(yubei)),
        kept.toString());
    assertTrue(
        kept.stream().anyMatch(r -> r.startsWith("dash_tag_counts") && r.contains("FIVE_ELDERS")),
        kept.toString());
    assertTrue(
        kept.stream()
            .anyMatch(r ->
                r.startsWith("dash_points_weekly") && r.contains("amount=50") && r.contains(yubei)),
        kept.toString());
    server
        .app()
        .services()
        .jdbi()
        .useTransaction(h -> new CounterRebuild(server.app().services().carePeriods()).rebuild(h));
    assertEquals(counters(), kept);
  }
}
