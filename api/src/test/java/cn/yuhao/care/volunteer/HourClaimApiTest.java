package cn.yuhao.care.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hour claims (补录): a volunteer claims, her supervisor decides, approved hours become points once. */
class HourClaimApiTest extends ApiTest {
  private static final String DISTRICT = "500101";
  private static final String ELSEWHERE = "500103";

  /** Yesterday in Chongqing at the given time. */
  private static Instant yesterday(int hour, int minute) {
    LocalDate day = CarePeriods.day(server.clock().instant()).minusDays(1);
    return day.atTime(LocalTime.of(hour, minute)).atZone(CarePeriods.CHONGQING).toInstant();
  }

  private static Map<String, Object> claim(Instant starts, Instant ends, String reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("startsAt", starts.toString());
    body.put("endsAt", ends.toString());
    body.put("reason", reason);
    return body;
  }

  @Test
  void a_bad_claim_is_refused_naming_the_field_and_nothing_is_stored() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Volunteer v = fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
    Instant now = server.clock().instant();
    record Case(Map<String, Object> body, String field) {}
    List<Case> cases = List.of(
        new Case(claim(yesterday(10, 0), yesterday(12, 0), " "), "reason"),
        new Case(claim(yesterday(10, 0), yesterday(12, 0), "很".repeat(201)), "reason"),
        new Case(claim(yesterday(12, 0), yesterday(10, 0), "忘记签退"), "endsAt"),
        new Case(
            claim(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), "忘记签退"), "endsAt"),
        new Case(
            claim(
                now.minus(Duration.ofDays(61)),
                now.minus(Duration.ofDays(61)).plus(Duration.ofHours(2)),
                "忘记签退"),
            "startsAt"),
        new Case(claim(yesterday(8, 0), yesterday(17, 0), "忘记签退"), "endsAt"),
        new Case(
            claim(yesterday(23, 0), yesterday(23, 0).plus(Duration.ofHours(2)), "忘记签退"), "endsAt"),
        new Case(claim(yesterday(10, 0), yesterday(10, 10), "忘记签退"), "endsAt"));
    for (Case c : cases) {
      raw(v.login().token())
          .contentType("application/json")
          .body(c.body())
          .post("/api/v1/volunteers/me/hour-claims")
          .then()
          .statusCode(422)
          .body("fields.field", hasItem(c.field()));
    }
    api(v.login().token())
        .get("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
  }

  @Test
  void her_supervisor_approves_once_and_the_hours_earn_points_once() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Volunteer v = fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
    String id = api(v.login().token())
        .body(claim(yesterday(10, 0), yesterday(13, 20), "社区亲子阅读活动，忘记签退"))
        .post("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(201)
        .body("status", equalTo("PENDING"))
        .body("hours", equalTo(3.5f)) // 3 h 20 min: the started hour counts half
        .extract()
        .path("id");
    // Meeting her own claim, or passing 8 hours that day, is refused.
    raw(v.login().token())
        .contentType("application/json")
        .body(claim(yesterday(13, 0), yesterday(14, 0), "重复"))
        .post("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("startsAt"));
    raw(v.login().token())
        .contentType("application/json")
        .body(claim(yesterday(14, 0), yesterday(19, 0), "下午的活动"))
        .post("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("startsAt"));

    api(da.token())
        .get("/api/v1/admin/hour-claims?status=PENDING&districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id));
    // Another district's admin does not find it; nobody approves her own.
    raw(fixtures.districtAdmin(ELSEWHERE).token())
        .post("/api/v1/admin/hour-claims/{id}/approve", id)
        .then()
        .statusCode(404);
    fixtures.grant(v.login(), Role.DISTRICT_ADMIN, DISTRICT, null);
    raw(fixtures.login(v.login().code()).token())
        .post("/api/v1/admin/hour-claims/{id}/approve", id)
        .then()
        .statusCode(403);

    int before = balance(v);
    api(da.token())
        .post("/api/v1/admin/hour-claims/{id}/approve", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"));
    raw(da.token()).post("/api/v1/admin/hour-claims/{id}/approve", id).then().statusCode(409);
    raw(da.token())
        .contentType("application/json")
        .body(Map.of("reason", "晚了"))
        .post("/api/v1/admin/hour-claims/{id}/reject", id)
        .then()
        .statusCode(409);
    server.app().services().points().runJobs();
    server.app().services().points().runJobs();
    assertThat(balance(v) - before).isEqualTo(35); // 3.5 h × 10, once
    Integer rows = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM service_hours WHERE business_key = :k AND verified")
            .bind("k", "claim:" + id)
            .mapTo(Integer.class)
            .one());
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void a_rejected_claim_says_why_and_frees_its_span() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Volunteer v = fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
    String id = api(v.login().token())
        .body(claim(yesterday(9, 0), yesterday(11, 0), "入户走访"))
        .post("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    raw(da.token())
        .contentType("application/json")
        .body(Map.of("reason", ""))
        .post("/api/v1/admin/hour-claims/{id}/reject", id)
        .then()
        .statusCode(422);
    api(da.token())
        .body(Map.of("reason", "当天没有该活动记录"))
        .post("/api/v1/admin/hour-claims/{id}/reject", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("REJECTED"))
        .body("decisionReason", equalTo("当天没有该活动记录"));
    api(v.login().token())
        .get("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(200)
        .body("items[0].decisionReason", equalTo("当天没有该活动记录"));
    api(v.login().token())
        .body(claim(yesterday(9, 0), yesterday(11, 0), "入户走访，补充了签到表照片"))
        .post("/api/v1/volunteers/me/hour-claims")
        .then()
        .statusCode(201);
  }

  private static int balance(Volunteer v) {
    return api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .statusCode(200)
        .extract()
        .path("balance");
  }
}
