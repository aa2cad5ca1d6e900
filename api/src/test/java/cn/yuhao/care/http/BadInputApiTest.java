package cn.yuhao.care.http;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Inputs that once answered 500 or were stored as given: each is a 422 naming its field, on any endpoint, because
 * the rules sit where every body and every query is read (InputRules, QueryRules).
 */
class BadInputApiTest extends ApiTest {
  private static final String D_500115 = Districts.claim(BadInputApiTest.class, "500115");
  private static final String DISTRICT = D_500115;

  private static Map<String, Object> child(Map<String, Object> changes) {
    Map<String, Object> body = new HashMap<>(Map.of(
        "name",
        "测试儿童",
        "gender",
        "FEMALE",
        "birthDate",
        "2017-03-01",
        "idNumber",
        fixtures.idNumber(java.time.LocalDate.of(2017, 3, 1)),
        "districtCode",
        DISTRICT,
        "category",
        "LEFT_BEHIND",
        "needs",
        List.of("ACADEMIC_LAG"),
        "careLevel",
        "ONE_TO_ONE",
        "guardians",
        List.of(Map.of("name", "张桂兰", "relation", "GRANDPARENT", "phone", "13500002222"))));
    body.putAll(changes);
    return body;
  }

  private static void refused(Login who, String path, Object body, String field) {
    raw(who.token())
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body)
        .post(path)
        .then()
        .statusCode(422)
        .body("code", equalTo("VALIDATION_FAILED"))
        .body("fields.field", hasItem(field));
  }

  @Test
  void a_null_inside_any_list_is_a_422_naming_the_element() {
    Login da = fixtures.districtAdmin(DISTRICT);
    java.util.List<Object> nulls = new java.util.ArrayList<>();
    nulls.add(null);
    refused(da, "/api/v1/admin/children", child(Map.of("guardians", nulls)), "guardians[0]");
    refused(da, "/api/v1/admin/children", child(Map.of("needs", nulls)), "needs[0]");
    refused(da, "/api/v1/admin/matching/proposals/confirm", Map.of("pairs", nulls), "pairs[0]");
    Login coach = fixtures.withRole(Role.COACH, DISTRICT, null);
    refused(coach, "/api/v1/sessions/1/attendance/batch", Map.of("scans", nulls), "scans[0]");
  }

  @Test
  void times_outside_what_the_database_holds_are_refused_not_dropped() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Login applicant = fixtures.login();
    api(applicant.token())
        .body(Map.of(
            "realName",
            "王芳",
            "phone",
            "13800001234",
            "districtCode",
            DISTRICT,
            "location",
            Map.of("lat", 29.85, "lng", 107.08),
            "specialties",
            List.of("TEACHER"),
            "maxChildren",
            1,
            "agreedTerms",
            true,
            "pledgeVersion",
            cn.yuhao.care.volunteer.VolunteerService.PLEDGE_VERSION))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201);
    String id = api(da.token())
        .queryParam("status", "PENDING")
        .queryParam("limit", 100)
        .get("/api/v1/admin/volunteers")
        .then()
        .extract()
        .path("items.find { it.userId == '" + applicant.userId() + "' }.id");
    for (String when :
        List.of("0001-01-01T00:00:00Z", "2100-01-01T00:00:00Z", "1969-12-31T23:00:00Z")) {
      refused(
          da,
          "/api/v1/admin/volunteers/" + id + "/admit",
          Map.of(
              "backgroundCheck",
              Map.of("checkedBy", "公安", "checkedAt", when, "result", "CLEAR"),
              "note",
              "面谈通过"),
          "backgroundCheck.checkedAt");
    }
    refused(da, "/api/v1/admin/children", child(Map.of("birthDate", "0001-01-01")), "birthDate");
  }

  @Test
  void names_with_control_characters_direction_overrides_or_nothing_visible_are_refused() {
    Login da = fixtures.districtAdmin(DISTRICT);
    for (String name :
        List.of("张\u0000三", "张三\r\n管理员", "\u202E三张", "\u200B\u200B", "\u200B \uFEFF")) {
      refused(da, "/api/v1/admin/children", child(Map.of("name", name)), "name");
    }
    api(da.token())
        .body(child(Map.of("name", "李小雨")))
        .post("/api/v1/admin/children")
        .then()
        .statusCode(201);
  }

  @Test
  void an_unknown_list_filter_value_is_a_422_on_every_list() {
    Login city = fixtures.cityAdmin();
    for (String path : List.of(
        "/api/v1/admin/children",
        "/api/v1/admin/volunteers",
        "/api/v1/admin/pairings",
        "/api/v1/admin/concerns",
        "/api/v1/admin/troupes",
        "/api/v1/admin/points/adjustments")) {
      raw(city.token())
          .queryParam("status", "FOO")
          .get(path)
          .then()
          .statusCode(422)
          .body("fields[0].field", equalTo("status"));
    }
    raw(city.token())
        .queryParam("careLevel", "ALL")
        .get("/api/v1/admin/children")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("careLevel"));
    raw(city.token())
        .queryParam("overdue", "maybe")
        .get("/api/v1/admin/concerns")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("overdue"));
    raw(city.token())
        .queryParam("limit", "ten")
        .get("/api/v1/admin/children")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("limit"));
  }

  @Test
  void a_live_scan_dated_far_from_now_is_refused() {
    Login coach = fixtures.withRole(Role.COACH, DISTRICT, null);
    Instant now = server.clock().instant();
    for (Instant when : List.of(now.minusSeconds(86_400), now.plusSeconds(1_800))) {
      raw(coach.token())
          .contentType(ContentType.JSON)
          .body(Map.of(
              "badgeToken",
              "x".repeat(43),
              "scannedAt",
              when.toString(),
              "clientScanId",
              UUID.randomUUID().toString()))
          .post("/api/v1/sessions/1/attendance")
          .then()
          .statusCode(422)
          .body("fields[0].field", equalTo("scannedAt"));
    }
  }
}
