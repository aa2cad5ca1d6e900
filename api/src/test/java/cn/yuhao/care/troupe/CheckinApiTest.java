package cn.yuhao.care.troupe;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Volunteers' check-in with rotating codes, service hours and troupe progress, in 彭水. */
class CheckinApiTest extends ApiTest {
  private static final String D_500114 = Districts.claim(CheckinApiTest.class, "500114");

  private static String code(TroupeApiTest.Running t, String session) {
    return api(t.coach().token())
        .get("/api/v1/sessions/{id}/checkin-code", session)
        .then()
        .statusCode(200)
        .body("expiresAt", notNullValue())
        .extract()
        .path("code");
  }

  private static Volunteer volunteer(TroupeApiTest.Running t) {
    return fixtures.admittedVolunteer(
        t.admin(), TroupeApiTest.PENGSHUI, 29.3, 108.2, List.of("TEACHER"), 1);
  }

  @Test
  void a_screenshot_of_the_code_does_not_check_in_a_volunteer_of_another_district() {
    TroupeApiTest.Running t = TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "SINGING", "测试：异地截图");
    String s = TroupeApiTest.session(t, Duration.ofMinutes(10));
    Login elsewhere = fixtures.districtAdmin(D_500114);
    Volunteer far =
        fixtures.admittedVolunteer(elsewhere, D_500114, 29.53, 108.77, List.of("TEACHER"), 1);
    api(far.login().token())
        .body(Map.of("code", code(t, s)))
        .post("/api/v1/checkins")
        .then()
        .statusCode(403);
    api(volunteer(t).login().token())
        .body(Map.of("code", code(t, s)))
        .post("/api/v1/checkins")
        .then()
        .statusCode(201);
  }

  @Test
  void hours_are_rounded_the_chongqing_way_at_every_boundary() {
    Map<Long, String> expected = Map.ofEntries(
        Map.entry(0L, "0.0"),
        Map.entry(15L, "0.0"),
        Map.entry(16L, "0.5"),
        Map.entry(45L, "0.5"),
        Map.entry(46L, "1.0"),
        Map.entry(60L, "1.0"),
        Map.entry(75L, "1.0"),
        Map.entry(76L, "1.5"),
        Map.entry(105L, "1.5"),
        Map.entry(106L, "2.0"),
        Map.entry(180L, "3.0"));
    expected.forEach((minutes, hours) -> assertEquals(
        new BigDecimal(hours),
        cn.yuhao.care.volunteer.ServiceHours.of(minutes),
        minutes + " minutes"));
  }

  @Test
  void a_volunteer_checks_in_and_out_with_fresh_codes_and_earns_verified_hours() {
    TroupeApiTest.Running t = TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "SINGING", "测试：签到");
    String s = TroupeApiTest.session(t, Duration.ofMinutes(10));
    Volunteer v = volunteer(t);
    String in = code(t, s);
    String id = api(v.login().token())
        .body(Map.of("code", in))
        .post("/api/v1/checkins")
        .then()
        .statusCode(201)
        .body("status", equalTo("OPEN"))
        .body("verified", equalTo(false))
        .extract()
        .path("id");
    // The same code again is a replay; a fresh code is a second check-in.
    api(v.login().token())
        .body(Map.of("code", in))
        .post("/api/v1/checkins")
        .then()
        .statusCode(409)
        .body("code", equalTo("CODE_REPLAYED"));
    api(v.login().token())
        .body(Map.of("code", code(t, s)))
        .post("/api/v1/checkins")
        .then()
        .statusCode(409)
        .body("code", equalTo("ALREADY_CHECKED_IN"));
    // Forged: a changed session id or signature; a code of another session; an expired code.
    String[] parts = in.split("\\.");
    String forged = Long.toString(Long.parseLong(parts[0], 36) + 1, 36) + "." + parts[1] + "."
        + parts[2] + "." + parts[3];
    api(v.login().token())
        .body(Map.of("code", forged))
        .post("/api/v1/checkins/{id}/checkout", id)
        .then()
        .statusCode(422)
        .body("code", equalTo("CODE_INVALID"));
    api(v.login().token())
        .body(Map.of("code", "hello"))
        .post("/api/v1/checkins")
        .then()
        .statusCode(422)
        .body("code", equalTo("CODE_INVALID"));
    String otherSession = TroupeApiTest.session(t, Duration.ofMinutes(20));
    api(v.login().token())
        .body(Map.of("code", code(t, otherSession)))
        .post("/api/v1/checkins/{id}/checkout", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("CODE_OTHER_SESSION"));
    api(v.login().token())
        .body(Map.of("code", in))
        .post("/api/v1/checkins/{id}/checkout", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("CODE_REPLAYED"));
    String stale = code(t, s);
    server.clock().advance(Duration.ofMinutes(100));
    Login again = fixtures.login(v.login().code());
    api(again.token())
        .body(Map.of("code", stale))
        .post("/api/v1/checkins/{id}/checkout", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("CODE_EXPIRED"));
    // 100 minutes after check-in: 1 h + 40 min → 1.5 h, verified.
    Login coach = fixtures.login(t.coach().code());
    String out = api(coach.token())
        .get("/api/v1/sessions/{id}/checkin-code", s)
        .then()
        .statusCode(200)
        .extract()
        .path("code");
    api(again.token())
        .body(Map.of("code", out))
        .post("/api/v1/checkins/{id}/checkout", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("CLOSED"))
        .body("verified", equalTo(true))
        .body("minutes", equalTo(100))
        .body("hours", equalTo(1.5f));
    api(again.token())
        .body(Map.of("code", out))
        .post("/api/v1/checkins/{id}/checkout", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("CHECKIN_STATE"));
    api(again.token())
        .get("/api/v1/volunteers/me/checkins")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo(id));
    String key = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT CONCAT(business_key, ' ', hours, ' ', verified) FROM service_hours WHERE business_key = :k")
            .bind("k", "checkin:" + id)
            .mapTo(String.class)
            .one());
    assertEquals("checkin:" + id + " 1.5 1", key);
    // Someone who is not an admitted volunteer cannot check in; another volunteer cannot close
    // hers.
    api(fixtures.login().token())
        .body(Map.of("code", out))
        .post("/api/v1/checkins")
        .then()
        .statusCode(403);
  }

  @Test
  void forgotten_check_outs_close_unverified_by_the_coach_or_an_hour_after_the_session() {
    TroupeApiTest.Running t = TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "RUNNING", "测试：忘签退");
    String s = TroupeApiTest.session(t, Duration.ofMinutes(5));
    Volunteer a = volunteer(t);
    Volunteer b = volunteer(t);
    String ca = api(a.login().token())
        .body(Map.of("code", code(t, s)))
        .post("/api/v1/checkins")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    String cb = api(b.login().token())
        .body(Map.of("code", code(t, s)))
        .post("/api/v1/checkins")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(a.login().token()).post("/api/v1/checkins/{id}/close", ca).then().statusCode(403);
    api(t.coach().token())
        .post("/api/v1/checkins/{id}/close", ca)
        .then()
        .statusCode(200)
        .body("status", equalTo("COACH_CLOSED"))
        .body("verified", equalTo(false));
    // The session (2 class-hours) started 5 minutes after check-in; it closes itself at end + 1 h.
    server.clock().advance(Duration.ofHours(4));
    server.app().services().scheduler().runOnce();
    Login coach = fixtures.login(t.coach().code());
    api(coach.token())
        .get("/api/v1/sessions/{id}/checkins", s)
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items.find { it.id == '" + cb + "' }.status", equalTo("AUTO_CLOSED"))
        .body("items.find { it.id == '" + cb + "' }.verified", equalTo(false))
        .body("items.find { it.id == '" + cb + "' }.hours", equalTo(3.0f));
  }

  @Test
  void progress_counts_class_hours_attendance_and_children_who_missed_three_in_a_row() {
    TroupeApiTest.Running t = TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "SINGING", "测试：进度");
    String keen = TroupeApiTest.member(t, 3);
    String away = TroupeApiTest.member(t, 3);
    // Both joined yesterday; four sessions already held today; the coach marks the keen child
    // present at three.
    server
        .app()
        .services()
        .jdbi()
        .useHandle(
            h -> h.createUpdate("UPDATE troupe_members SET joined_at = :t WHERE troupe_id = :id")
                .bind("t", server.clock().instant().minus(Duration.ofDays(1)))
                .bind("id", Long.parseLong(t.id()))
                .execute());
    List<String> sessions = new java.util.ArrayList<>();
    for (int hoursAgo : List.of(20, 15, 10, 5)) {
      sessions.add(api(t.coach().token())
          .body(Map.of(
              "kind",
              "TRAINING",
              "title",
              "声乐训练",
              "place",
              "教室",
              "startsAt",
              server.clock().instant().minus(Duration.ofHours(hoursAgo)).toString()))
          .post("/api/v1/troupes/{id}/sessions", t.id())
          .then()
          .statusCode(201)
          .extract()
          .path("items[0].id"));
    }
    for (int i = 0; i < 3; i++) {
      api(t.coach().token())
          .body(Map.of("childId", keen, "status", "PRESENT"))
          .post("/api/v1/sessions/{id}/attendance/marks", sessions.get(i))
          .then()
          .statusCode(200);
    }
    Login coach = t.coach();
    int year = java.time.LocalDate.ofInstant(
            server.clock().instant().minus(Duration.ofHours(20)),
            java.time.ZoneId.of("Asia/Shanghai"))
        .getYear();
    var body = api(coach.token())
        .queryParam("year", String.valueOf(year))
        .get("/api/v1/troupes/{id}/progress", t.id())
        .then()
        .statusCode(200)
        .body("classHoursTarget", equalTo(80))
        .body("months", hasSize(12))
        .body("sessionsHeld", equalTo(4))
        .body("classHoursDelivered", equalTo(8))
        .body("atRisk.childId", equalTo(List.of(away)))
        .extract()
        .jsonPath();
    assertEquals(3, body.getInt("children.find { it.childId == '" + keen + "' }.attended"));
    assertEquals(
        6, body.getInt("children.find { it.childId == '" + keen + "' }.attendedClassHours"));
    assertEquals(1, body.getInt("children.find { it.childId == '" + keen + "' }.missedInARow"));
    assertEquals(0.75f, body.getFloat("children.find { it.childId == '" + keen + "' }.rate"));
    assertEquals(4, body.getInt("children.find { it.childId == '" + away + "' }.missedInARow"));
    api(coach.token())
        .queryParam("year", "twenty")
        .get("/api/v1/troupes/{id}/progress", t.id())
        .then()
        .statusCode(422);
  }
}
