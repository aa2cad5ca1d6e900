package cn.yuhao.care.troupe;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Troupes, rosters, badges, sessions and attendance in 彭水 (500243) and 秀山 (500241), used by no other test. */
class TroupeApiTest extends ApiTest {
  private static final String D_500243 = Districts.claim(TroupeApiTest.class, "500243");
  private static final String D_500241 = Districts.claim(TroupeApiTest.class, "500241");
  static final String PENGSHUI = D_500243;
  static final String XIUSHAN = D_500241;

  static Map<String, Object> application(String district, String kind) {
    return new HashMap<>(Map.ofEntries(
        Map.entry("kind", kind),
        Map.entry("districtCode", district),
        Map.entry("hostUnit", "彭水县第一小学"),
        Map.entry("hostKind", "SCHOOL"),
        Map.entry("address", "彭水县汉葭街道 1 号"),
        Map.entry("leaderName", "李老师"),
        Map.entry("leaderContact", "13900001111"),
        Map.entry("projectLeaderName", "王主任"),
        Map.entry("projectLeaderContact", "023-78441234"),
        Map.entry("feature", "以苗族民歌为特色的合唱训练"),
        Map.entry("introduction", "面向留守和流动儿童，每周两课时声乐训练，陪伴孩子在歌声中成长。"),
        Map.entry("recommendation", "同意推荐。")));
  }

  /** An approved troupe with a coach: its id, the district admin and the coach. */
  record Running(String id, Login admin, Login coach) {}

  static Running troupe(String district, String kind, String override) {
    Login da = fixtures.districtAdmin(district);
    Map<String, Object> app = application(district, kind);
    if (override != null) {
      app.put("planOverrideReason", override);
    }
    String id = api(da.token())
        .body(app)
        .post("/api/v1/admin/troupes")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(fixtures.cityAdmin().token())
        .post("/api/v1/admin/troupes/{id}/approve", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"));
    Login coach = fixtures.login();
    // A stranger to the district is invited and coaches once she accepts.
    String invitation = api(da.token())
        .body(Map.of("userId", coach.userId()))
        .post("/api/v1/admin/troupes/{id}/coaches", id)
        .then()
        .statusCode(202)
        .extract()
        .path("id");
    api(coach.token())
        .post("/api/v1/me/role-invitations/{id}/accept", invitation)
        .then()
        .statusCode(200);
    api(coach.token()).get("/api/v1/me").then().body("grants.troupeId", hasItem(id));
    return new Running(id, da, coach);
  }

  /** A child of the district in the given school grade (or none). */
  static String child(Login da, String district, Integer grade) {
    Map<String, Object> extra = new HashMap<>();
    if (grade != null) {
      LocalDate today = LocalDate.ofInstant(server.clock().instant(), ZoneId.of("Asia/Shanghai"));
      int schoolYear = today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1;
      extra.put("schoolEntryYear", schoolYear - grade + 1);
    }
    return fixtures.child(da, district, null, null, extra);
  }

  static String member(Running t, Integer grade) {
    String child = child(t.admin(), PENGSHUI.equals(t.id()) ? PENGSHUI : districtOf(t), grade);
    api(t.admin().token())
        .body(Map.of("childId", child))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(201);
    return child;
  }

  static String districtOf(Running t) {
    return api(t.admin().token())
        .get("/api/v1/troupes/{id}", t.id())
        .then()
        .extract()
        .path("districtCode");
  }

  static String token(Running t, String childId) {
    List<Map<String, String>> badges = api(t.admin().token())
        .get("/api/v1/admin/troupes/{id}/badges", t.id())
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
    return badges.stream()
        .filter(b -> b.get("childId").equals(childId))
        .findFirst()
        .orElseThrow()
        .get("token");
  }

  static String session(Running t, Duration fromNow) {
    return api(t.coach().token())
        .body(Map.of(
            "kind",
            "TRAINING",
            "title",
            "声乐训练",
            "place",
            "学校音乐教室",
            "startsAt",
            server.clock().instant().plus(fromNow).toString()))
        .post("/api/v1/troupes/{id}/sessions", t.id())
        .then()
        .statusCode(201)
        .extract()
        .path("items[0].id");
  }

  static Map<String, Object> scan(String token) {
    return Map.of(
        "badgeToken",
        token,
        "scannedAt",
        server.clock().instant().toString(),
        "clientScanId",
        UUID.randomUUID().toString());
  }

  @Test
  void an_application_is_checked_counted_in_characters_approved_and_the_plan_is_one_per_district() {
    Login da = fixtures.districtAdmin(XIUSHAN);
    Map<String, Object> app = application(XIUSHAN, "SINGING");
    app.put("feature", "歌".repeat(100));
    app.put("introduction", "童".repeat(300));
    String id = api(da.token())
        .body(app)
        .post("/api/v1/admin/troupes")
        .then()
        .statusCode(201)
        .body("status", equalTo("SUBMITTED"))
        .body("name", containsString("欢唱团"))
        .extract()
        .path("id");
    Map<String, Object> tooLong = application(XIUSHAN, "RUNNING");
    tooLong.put("feature", "歌".repeat(101));
    tooLong.put("introduction", "童".repeat(301));
    tooLong.put("hostKind", "FACTORY");
    raw(da.token())
        .contentType("application/json")
        .body(tooLong)
        .post("/api/v1/admin/troupes")
        .then()
        .statusCode(422)
        .body("fields.field", hasItems("feature", "introduction", "hostKind"));
    api(da.token())
        .body(application(XIUSHAN, "SINGING"))
        .post("/api/v1/admin/troupes")
        .then()
        .statusCode(409)
        .body("code", equalTo("TROUPE_PLAN_EXCEEDED"));
    Map<String, Object> second = application(XIUSHAN, "SINGING");
    second.put("planOverrideReason", "县城和乡镇相距 80 公里，需分设两个团");
    String secondId = api(da.token())
        .body(second)
        .post("/api/v1/admin/troupes")
        .then()
        .statusCode(201)
        .body("planOverrideReason", containsString("80 公里"))
        .extract()
        .path("id");
    api(fixtures.districtAdmin(PENGSHUI).token())
        .body(application(XIUSHAN, "RUNNING"))
        .post("/api/v1/admin/troupes")
        .then()
        .statusCode(403);

    Login city = fixtures.cityAdmin();
    api(da.token()).post("/api/v1/admin/troupes/{id}/approve", id).then().statusCode(403);
    api(city.token()).post("/api/v1/admin/troupes/{id}/approve", id).then().statusCode(200);
    api(city.token())
        .post("/api/v1/admin/troupes/{id}/approve", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("TROUPE_STATE"));
    api(city.token())
        .body(Map.of("reason", "与第一个团重复，请合并"))
        .post("/api/v1/admin/troupes/{id}/return", secondId)
        .then()
        .statusCode(200)
        .body("status", equalTo("RETURNED"))
        .body("decisionReason", containsString("合并"));
    // The returned application is corrected and filed again; the plan still counts the approved
    // one.
    Map<String, Object> corrected = application(XIUSHAN, "SINGING");
    api(da.token())
        .body(corrected)
        .post("/api/v1/admin/troupes/{id}/resubmit", secondId)
        .then()
        .statusCode(409)
        .body("code", equalTo("TROUPE_PLAN_EXCEEDED"));
    corrected.put("planOverrideReason", "乡镇学校距离县城 80 公里，需单独建团");
    api(da.token())
        .body(corrected)
        .post("/api/v1/admin/troupes/{id}/resubmit", secondId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SUBMITTED"))
        .body("decisionReason", equalTo(null));
    api(da.token())
        .body(corrected)
        .post("/api/v1/admin/troupes/{id}/resubmit", secondId)
        .then()
        .statusCode(409)
        .body("code", equalTo("TROUPE_STATE"));
    api(da.token())
        .queryParam("districtCode", XIUSHAN)
        .get("/api/v1/admin/troupes")
        .then()
        .statusCode(200)
        .body("items.id", hasItems(id, secondId));
    api(fixtures.districtAdmin(PENGSHUI).token())
        .get("/api/v1/troupes/{id}", id)
        .then()
        .statusCode(404);
  }

  @Test
  void the_roster_needs_a_reason_outside_grades_2_to_4_or_beyond_35_and_warns_below_30() {
    Running t = troupe(PENGSHUI, "RUNNING", "第二个欢跑团（测试）");
    String third = child(t.admin(), PENGSHUI, 3);
    api(t.admin().token())
        .body(Map.of("childId", third))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(201)
        .body("size", equalTo(1))
        .body("warnings[0]", containsString("少于计划的 30 名"))
        .body("members[0].grade", equalTo(3))
        .body("members[0].badgeAlias", equalTo("测***"));
    api(t.admin().token())
        .body(Map.of("childId", third))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
    String sixth = child(t.admin(), PENGSHUI, 6);
    api(t.admin().token())
        .body(Map.of("childId", sixth))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("ROSTER_OVERRIDE_REQUIRED"))
        .body("detail", containsString("6 年级"));
    api(t.admin().token())
        .body(Map.of("childId", sixth, "overrideReason", "姐姐在团里，一起参加"))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(201)
        .body("warnings", hasItem(containsString("不在 2–4 年级")))
        .body(
            "members.find { it.childId == '" + sixth + "' }.overrideReason", equalTo("姐姐在团里，一起参加"));
    // Fill to 35, then the 36th needs a reason.
    server.app().services().jdbi().useHandle(h -> {
      for (int i = 0; i < 33; i++) {
        long child = Long.parseLong(child(t.admin(), PENGSHUI, 2));
        h.createUpdate(
                "INSERT INTO troupe_members (troupe_id, child_id, joined_at, added_by) VALUES (:t, :c, :now, 0)")
            .bind("t", Long.parseLong(t.id()))
            .bind("c", child)
            .bind("now", server.clock().instant())
            .execute();
      }
    });
    String extra = child(t.admin(), PENGSHUI, 3);
    api(t.admin().token())
        .body(Map.of("childId", extra))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("ROSTER_OVERRIDE_REQUIRED"))
        .body("detail", containsString("35"));
    api(t.admin().token())
        .body(Map.of("childId", extra, "overrideReason", "学校要求全班参加"))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(201)
        .body("size", equalTo(36))
        .body("warnings", hasItem(containsString("多于计划的 35 名")));
    api(t.coach().token())
        .get("/api/v1/troupes/{id}/roster", t.id())
        .then()
        .statusCode(200)
        .body("size", equalTo(36));
    api(t.coach().token())
        .body(Map.of("childId", extra))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(403);
    String other = child(fixtures.districtAdmin(XIUSHAN), XIUSHAN, 3);
    api(t.admin().token())
        .body(Map.of("childId", other))
        .post("/api/v1/admin/troupes/{id}/members", t.id())
        .then()
        .statusCode(404);
  }

  @Test
  void a_coach_of_one_troupe_cannot_touch_another() {
    Running a = troupe(PENGSHUI, "SINGING", "测试团 A");
    Running b = troupe(PENGSHUI, "SINGING", "测试团 B");
    String sessionB = session(b, Duration.ofMinutes(10));
    api(a.coach().token()).get("/api/v1/troupes/{id}/roster", b.id()).then().statusCode(404);
    api(a.coach().token()).get("/api/v1/troupes/{id}", b.id()).then().statusCode(404);
    api(a.coach().token())
        .body(Map.of(
            "kind",
            "TRAINING",
            "title",
            "x",
            "place",
            "y",
            "startsAt",
            server.clock().instant().toString()))
        .post("/api/v1/troupes/{id}/sessions", b.id())
        .then()
        .statusCode(404);
    api(a.coach().token())
        .get("/api/v1/sessions/{id}/attendance", sessionB)
        .then()
        .statusCode(404);
    api(a.coach().token())
        .body(scan("whatever-token"))
        .post("/api/v1/sessions/{id}/attendance", sessionB)
        .then()
        .statusCode(404);
    api(a.coach().token())
        .get("/api/v1/sessions/{id}/checkin-code", sessionB)
        .then()
        .statusCode(404);
    api(a.coach().token())
        .body(Map.of("reason", "下雨"))
        .post("/api/v1/sessions/{id}/cancel", sessionB)
        .then()
        .statusCode(404);
  }

  @Test
  void sessions_repeat_weekly_and_cancel_with_a_reason() {
    Running t = troupe(PENGSHUI, "RUNNING", "测试：周训练");
    JsonPath created = api(t.coach().token())
        .body(Map.of(
            "kind",
            "TRAINING",
            "title",
            "跑步训练",
            "place",
            "操场",
            "startsAt",
            server.clock().instant().plus(Duration.ofDays(1)).toString(),
            "repeatWeeks",
            16))
        .post("/api/v1/troupes/{id}/sessions", t.id())
        .then()
        .statusCode(201)
        .body("items", hasSize(16))
        .body("items[0].classHours", equalTo(2))
        .body("items[0].seriesId", notNullValue())
        .extract()
        .jsonPath();
    String first = created.getString("items[0].id");
    assertEquals(created.getString("items[0].seriesId"), created.getString("items[15].seriesId"));
    raw(t.coach().token())
        .contentType("application/json")
        .body(Map.of(
            "kind",
            "PARTY",
            "title",
            "",
            "place",
            "操场",
            "startsAt",
            server.clock().instant().minus(Duration.ofDays(3)).toString(),
            "classHours",
            9,
            "repeatWeeks",
            27))
        .post("/api/v1/troupes/{id}/sessions", t.id())
        .then()
        .statusCode(422)
        .body("fields.field", hasItems("kind", "title", "startsAt", "classHours", "repeatWeeks"));
    api(t.coach().token())
        .body(Map.of("reason", "暴雨预警"))
        .post("/api/v1/sessions/{id}/cancel", first)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"))
        .body("cancelReason", equalTo("暴雨预警"));
    api(t.coach().token())
        .body(Map.of("reason", "再取消"))
        .post("/api/v1/sessions/{id}/cancel", first)
        .then()
        .statusCode(409)
        .body("code", equalTo("SESSION_STATE"));
    api(t.admin().token())
        .get("/api/v1/troupes/{id}/sessions", t.id())
        .then()
        .statusCode(200)
        .body("items", hasSize(16));
  }

  @Test
  void a_badge_counts_once_within_the_window_and_wrong_badges_are_refused() throws Exception {
    Running t = troupe(PENGSHUI, "SINGING", "测试：扫码");
    Running other = troupe(PENGSHUI, "SINGING", "测试：别的团");
    String child = member(t, 3);
    String badge = token(t, child);
    String now = session(t, Duration.ofMinutes(29));
    api(t.coach().token())
        .body(scan(badge))
        .post("/api/v1/sessions/{id}/attendance", now)
        .then()
        .statusCode(201)
        .body("result", equalTo("RECORDED"))
        .body("childId", equalTo(child))
        .body("alias", equalTo("测***"));
    api(t.coach().token())
        .body(scan(badge))
        .post("/api/v1/sessions/{id}/attendance", now)
        .then()
        .statusCode(200)
        .body("result", equalTo("ALREADY_RECORDED"));
    // Window edges: opens 30 min before the start, closes 120 min after it.
    String tooEarly = session(t, Duration.ofMinutes(31));
    api(t.coach().token())
        .body(scan(badge))
        .post("/api/v1/sessions/{id}/attendance", tooEarly)
        .then()
        .statusCode(409)
        .body("code", equalTo("OUTSIDE_WINDOW"));
    String nearlyOver = session(t, Duration.ofMinutes(-119));
    api(t.coach().token())
        .body(scan(badge))
        .post("/api/v1/sessions/{id}/attendance", nearlyOver)
        .then()
        .statusCode(201);
    String over = session(t, Duration.ofMinutes(-121));
    api(t.coach().token())
        .body(scan(badge))
        .post("/api/v1/sessions/{id}/attendance", over)
        .then()
        .statusCode(409)
        .body("code", equalTo("OUTSIDE_WINDOW"));
    // Another troupe's badge, a revoked badge, a made-up token.
    String stranger = member(other, 3);
    api(t.coach().token())
        .body(scan(token(other, stranger)))
        .post("/api/v1/sessions/{id}/attendance", now)
        .then()
        .statusCode(409)
        .body("code", equalTo("BADGE_OTHER_TROUPE"));
    String second = member(t, 2);
    String old = token(t, second);
    String fresh = api(t.admin().token())
        .post("/api/v1/admin/troupes/{id}/members/{c}/badge", t.id(), second)
        .then()
        .statusCode(200)
        .extract()
        .path("token");
    api(t.coach().token())
        .body(scan(old))
        .post("/api/v1/sessions/{id}/attendance", now)
        .then()
        .statusCode(409)
        .body("code", equalTo("BADGE_REVOKED"));
    api(t.coach().token())
        .body(scan("forged-token-xyz"))
        .post("/api/v1/sessions/{id}/attendance", now)
        .then()
        .statusCode(409)
        .body("code", equalTo("BADGE_UNKNOWN"));
    // Twenty coaches' phones scanning the new badge at once: one RECORDED, one attendance row.
    String third = member(t, 4);
    String thirdBadge = token(t, third);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(pool.submit(() -> api(t.coach().token())
          .body(scan(thirdBadge))
          .post("/api/v1/sessions/{id}/attendance", now)
          .then()
          .extract()
          .statusCode()));
    }
    int created = 0;
    for (Future<Integer> f : answers) {
      int status = f.get();
      assertTrue(status == 201 || status == 200, "status " + status);
      created += status == 201 ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, created);
    api(t.coach().token())
        .body(scan(fresh))
        .post("/api/v1/sessions/{id}/attendance", now)
        .then()
        .statusCode(201);
    long rows = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attendance WHERE session_id = :s")
            .bind("s", Long.parseLong(now))
            .mapTo(Long.class)
            .one());
    assertEquals(3, rows);
    api(t.coach().token())
        .get("/api/v1/sessions/{id}/attendance", now)
        .then()
        .statusCode(200)
        .body("items.find { it.childId == '" + child + "' }.status", equalTo("PRESENT"));
    // A cancelled session takes no scans.
    api(t.coach().token())
        .body(Map.of("reason", "停电"))
        .post("/api/v1/sessions/{id}/cancel", tooEarly)
        .then()
        .statusCode(200);
    api(t.coach().token())
        .body(scan(badge))
        .post("/api/v1/sessions/{id}/attendance", tooEarly)
        .then()
        .statusCode(409)
        .body("code", equalTo("SESSION_STATE"));
    api(t.admin().token())
        .body(scan(badge))
        .post("/api/v1/sessions/{id}/attendance", now)
        .then()
        .statusCode(403);
    // The writer keeps sessions it read for a moment; a cancellation still stops the very next
    // scan.
    String rained = session(t, Duration.ofMinutes(-10));
    api(t.coach().token())
        .body(scan(badge))
        .post("/api/v1/sessions/{id}/attendance", rained)
        .then()
        .statusCode(201);
    api(t.coach().token())
        .body(Map.of("reason", "暴雨"))
        .post("/api/v1/sessions/{id}/cancel", rained)
        .then()
        .statusCode(200);
    api(t.coach().token())
        .body(scan(fresh))
        .post("/api/v1/sessions/{id}/attendance", rained)
        .then()
        .statusCode(409)
        .body("code", equalTo("SESSION_STATE"));
    assertAttendanceCountersExact(PENGSHUI);
  }

  @Test
  void an_offline_batch_sent_twice_changes_nothing_the_second_time() {
    Running t = troupe(PENGSHUI, "RUNNING", "测试：离线");
    String a = member(t, 3);
    String b = member(t, 3);
    String s = session(t, Duration.ofMinutes(-30));
    java.time.Instant scanned = server.clock().instant().minus(Duration.ofMinutes(20));
    List<Map<String, Object>> scans = List.of(
        Map.of(
            "badgeToken",
            token(t, a),
            "scannedAt",
            scanned.toString(),
            "clientScanId",
            "offline-a-0001"),
        Map.of(
            "badgeToken",
            token(t, a),
            "scannedAt",
            scanned.plusSeconds(5).toString(),
            "clientScanId",
            "offline-a-0002"),
        Map.of(
            "badgeToken",
            token(t, b),
            "scannedAt",
            server.clock().instant().plus(Duration.ofMinutes(10)).toString(),
            "clientScanId",
            "offline-b-0001"),
        Map.of(
            "badgeToken",
            "not-a-badge",
            "scannedAt",
            scanned.toString(),
            "clientScanId",
            "offline-x-0001"),
        Map.of(
            "badgeToken",
            token(t, b),
            "scannedAt",
            scanned.minus(Duration.ofHours(1)).toString(),
            "clientScanId",
            "offline-b-0002"),
        // The phone queued the same scan twice: answered as the first.
        Map.of(
            "badgeToken",
            token(t, a),
            "scannedAt",
            scanned.toString(),
            "clientScanId",
            "offline-a-0001"));
    List<String> first = api(t.coach().token())
        .body(Map.of("scans", scans))
        .post("/api/v1/sessions/{id}/attendance/batch", s)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("results.result");
    assertEquals(
        List.of(
            "RECORDED",
            "ALREADY_RECORDED",
            "FUTURE_TIME",
            "UNKNOWN_BADGE",
            "OUTSIDE_WINDOW",
            "ALREADY_RECORDED"),
        first);
    String before = dump(s);
    List<String> again = api(t.coach().token())
        .body(Map.of("scans", scans))
        .post("/api/v1/sessions/{id}/attendance/batch", s)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("results.result");
    assertEquals(
        List.of(
            "ALREADY_RECORDED",
            "ALREADY_RECORDED",
            "FUTURE_TIME",
            "UNKNOWN_BADGE",
            "OUTSIDE_WINDOW",
            "ALREADY_RECORDED"),
        again);
    assertEquals(before, dump(s));
    raw(t.coach().token())
        .contentType("application/json")
        .body(Map.of("scans", List.of()))
        .post("/api/v1/sessions/{id}/attendance/batch", s)
        .then()
        .statusCode(422);
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add(Map.of(
          "badgeToken",
          "x",
          "scannedAt",
          scanned.toString(),
          "clientScanId",
          "too-many-" + (1000 + i)));
    }
    raw(t.coach().token())
        .contentType("application/json")
        .body(Map.of("scans", tooMany))
        .post("/api/v1/sessions/{id}/attendance/batch", s)
        .then()
        .statusCode(422);
    assertAttendanceCountersExact(PENGSHUI);
  }

  @Test
  void
      scans_synced_more_than_72_hours_late_count_but_are_flagged_and_coaches_correct_with_an_audit() {
    Running t = troupe(PENGSHUI, "RUNNING", "测试：迟到同步");
    String a = member(t, 3);
    String s = session(t, Duration.ofMinutes(5));
    java.time.Instant scanned = server.clock().instant();
    server.clock().advance(Duration.ofHours(73));
    Login coach = fixtures.login(t.coach().code());
    api(coach.token())
        .body(Map.of(
            "scans",
            List.of(Map.of(
                "badgeToken",
                token(t, a),
                "scannedAt",
                scanned.toString(),
                "clientScanId",
                "late-sync-0001"))))
        .post("/api/v1/sessions/{id}/attendance/batch", s)
        .then()
        .statusCode(200)
        .body("results[0].result", equalTo("RECORDED"))
        .body("results[0].lateSync", equalTo(true));
    api(coach.token())
        .body(Map.of("childId", a, "status", "EXCUSED", "note", "扫错了，孩子请了病假"))
        .post("/api/v1/sessions/{id}/attendance/marks", s)
        .then()
        .statusCode(200)
        .body("status", equalTo("EXCUSED"))
        .body("note", containsString("病假"));
    raw(coach.token())
        .contentType("application/json")
        .body(Map.of("childId", a, "status", "GONE"))
        .post("/api/v1/sessions/{id}/attendance/marks", s)
        .then()
        .statusCode(422);
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "session")
        .queryParam("targetId", s)
        .get("/api/v1/admin/audit")
        .then()
        .body("items.action", hasItem("attendance.mark"))
        .body(
            "items.find { it.action == 'attendance.mark' }.detail",
            containsString("PRESENT → EXCUSED"));
    assertAttendanceCountersExact(PENGSHUI);
  }

  @Test
  void live_scans_and_offline_batches_of_the_same_children_at_once_count_each_child_once()
      throws Exception {
    Running t = troupe(PENGSHUI, "RUNNING", "测试：并发");
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tokens.add(token(t, member(t, 3)));
    }
    String s = session(t, Duration.ofMinutes(10));
    // Two phones scanning live and two uploading offline batches, the same twelve children, at the
    // same time:
    // the writers' groups overlap, and a group that finds its rows taken meanwhile is written
    // again.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<String>>> answers = new ArrayList<>();
    for (int phone = 0; phone < 4; phone++) {
      boolean live = phone < 2;
      answers.add(pool.submit(() -> {
        List<String> results = new ArrayList<>();
        if (live) {
          for (String token : tokens) {
            results.add(api(t.coach().token())
                .body(scan(token))
                .post("/api/v1/sessions/{id}/attendance", s)
                .then()
                .extract()
                .path("result"));
          }
        } else {
          results.addAll(api(t.coach().token())
              .body(Map.of("scans", tokens.stream().map(TroupeApiTest::scan).toList()))
              .post("/api/v1/sessions/{id}/attendance/batch", s)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("results.result", String.class));
        }
        return results;
      }));
    }
    List<String> all = new ArrayList<>();
    for (Future<List<String>> f : answers) {
      all.addAll(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertEquals(48, all.size());
    assertEquals(12, all.stream().filter("RECORDED"::equals).count(), all.toString());
    assertEquals(36, all.stream().filter("ALREADY_RECORDED"::equals).count(), all.toString());
    long rows = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attendance WHERE session_id = :s")
            .bind("s", Long.parseLong(s))
            .mapTo(Long.class)
            .one());
    assertEquals(12, rows);
    assertAttendanceCountersExact(PENGSHUI);
  }

  /** The dashboard's attendance counters of the district equal a recount of its attendance rows. */
  private static void assertAttendanceCountersExact(String district) {
    var counted = server
        .app()
        .services()
        .jdbi()
        .withHandle(
            h -> h.createQuery("""
            SELECT CONCAT(week, ' ', status, ' ', marks) FROM dash_attendance_weekly
             WHERE district_code = :d AND marks <> 0 ORDER BY week, status""").bind("d", district).mapTo(String.class).list());
    var recounted = server
        .app()
        .services()
        .jdbi()
        .withHandle(
            h -> h.createQuery("""
            SELECT CONCAT(week, ' ', status, ' ', COUNT(*)) FROM (
                     SELECT DATE(CONVERT_TZ(s.starts_at, '+00:00', '+08:00'))
                              - INTERVAL WEEKDAY(CONVERT_TZ(s.starts_at, '+00:00', '+08:00')) DAY AS week, a.status
                       FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
                      WHERE s.district_code = :d) x
             GROUP BY week, status ORDER BY week, status""").bind("d", district).mapTo(String.class).list());
    assertFalse(recounted.isEmpty());
    assertEquals(recounted, counted);
  }

  private static String dump(String sessionId) {
    return server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("""
            SELECT CONCAT((SELECT GROUP_CONCAT(CONCAT(child_id, status, scanned_at, recorded_at, late_sync) ORDER BY child_id)
                             FROM attendance WHERE session_id = :s), '|',
                          (SELECT GROUP_CONCAT(CONCAT(client_scan_id, result, received_at) ORDER BY client_scan_id)
                             FROM attendance_scans WHERE session_id = :s))""")
            .bind("s", Long.parseLong(sessionId))
            .mapTo(String.class)
            .one());
  }
}
