package cn.yuhao.care.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.http.ContentType;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolunteerApiTest extends ApiTest {
  private static final String SHAPINGBA = "500106";
  private static final String YUZHONG = "500103";

  private static Map<String, Object> application(String district, String street) {
    Map<String, Object> m = new HashMap<>();
    m.put("realName", "王芳");
    m.put("phone", "13800001234");
    m.put("districtCode", district);
    if (street != null) {
      m.put("streetName", street);
    }
    m.put("location", Map.of("lat", 29.5603, "lng", 106.4565));
    m.put("specialties", List.of("TEACHER", "FAMILY_EDUCATION_EXPERT"));
    m.put("maxChildren", 2);
    m.put("availability", "周末下午");
    m.put("agreedTerms", true);
    m.put("pledgeVersion", VolunteerService.PLEDGE_VERSION);
    return m;
  }

  private static String apply(Login l, String district, String street) {
    return api(l.token())
        .body(application(district, street))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static Map<String, Object> admission(String result) {
    return Map.of(
        "backgroundCheck",
        Map.of(
            "checkedBy",
            "沙坪坝区公安分局 李警官",
            "checkedAt",
            server.clock().instant().minus(1, ChronoUnit.DAYS).toString(),
            "result",
            result),
        "note",
        "材料齐全，面谈通过");
  }

  @Test
  void applying_makes_a_pending_volunteer_who_sees_her_own_location() {
    Login l = fixtures.login();
    api(l.token())
        .body(application(SHAPINGBA, null))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .body("status", equalTo("PENDING"))
        .body("phone", equalTo("138****1234"))
        .body("location.lat", equalTo(29.5603f))
        .body("specialties", hasItem("TEACHER"))
        .body("backgroundCheck", nullValue());
    api(l.token())
        .get("/api/v1/volunteers/me/application")
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING"))
        .body("location.lng", equalTo(106.4565f));
    api(l.token()).get("/api/v1/me").then().body("volunteerStatus", equalTo("PENDING"));
    // Her home is sealed at rest: only the ~1 km cell matching reads is in clear.
    var stored = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT * FROM volunteers WHERE user_id = :u")
            .bind("u", Long.parseLong(l.userId()))
            .mapToMap()
            .one());
    assertThat(stored).doesNotContainKeys("lat", "lng");
    assertThat(stored.values().toString()).doesNotContain("29.5603").doesNotContain("106.4565");
    assertThat((String) stored.get("geohash")).hasSize(6);
    api(l.token())
        .body(application(SHAPINGBA, null))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(409)
        .body("code", equalTo("VOLUNTEER_STATE"));
  }

  @Test
  void the_phone_defaults_to_the_bound_one_and_is_required_otherwise() {
    Login l = fixtures.login();
    Map<String, Object> noPhone = application(SHAPINGBA, null);
    noPhone.remove("phone");
    api(l.token())
        .body(noPhone)
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("phone"));
    api(l.token())
        .body(Map.of("phoneCode", "pc" + l.code()))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(200);
    api(l.token())
        .body(noPhone)
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .body("phone", notNullValue());
  }

  @Test
  void bad_applications_name_every_offending_field() {
    Login l = fixtures.login();
    raw(l.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("realName"))
        .body("fields.field", hasItem("location"))
        .body("fields.field", hasItem("agreedTerms"))
        .body("fields.field", hasItem("pledgeVersion"));
    Map<String, Object> bad = application("999999", null);
    bad.put("specialties", List.of("ASTRONAUT"));
    bad.put("maxChildren", 4);
    bad.put("location", Map.of("lat", 39.9, "lng", 116.4));
    bad.put("agreedTerms", false);
    bad.put("pledgeVersion", "2020-01");
    bad.put("phone", "12345");
    raw(l.token())
        .contentType(ContentType.JSON)
        .body(bad)
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("districtCode"))
        .body("fields.field", hasItem("specialties"))
        .body("fields.field", hasItem("maxChildren"))
        .body("fields.field", hasItem("location"))
        .body("fields.field", hasItem("agreedTerms"))
        .body("fields.field", hasItem("pledgeVersion"))
        .body("fields.field", hasItem("phone"));
    api(l.token())
        .body(application(SHAPINGBA, "没有这个街道"))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("streetName"));
    raw(l.token())
        .contentType(ContentType.JSON)
        .body(Map.of("realName", List.of("x")))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("realName"));
    api(l.token()).get("/api/v1/volunteers/me/application").then().statusCode(404);
  }

  @Test
  void admission_needs_a_clear_background_check_and_grants_the_volunteer_role() {
    Login v = fixtures.login();
    String id = apply(v, SHAPINGBA, null);
    Login da = fixtures.districtAdmin(SHAPINGBA);
    api(da.token())
        .body(admission("RECORD_FOUND"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("BACKGROUND_CHECK_NOT_CLEAR"));
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("note", "ok"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("backgroundCheck"));
    api(da.token())
        .body(Map.of(
            "backgroundCheck",
            Map.of(
                "checkedBy",
                "李警官",
                "checkedAt",
                server.clock().instant().plus(2, ChronoUnit.DAYS).toString(),
                "result",
                "CLEAR"),
            "note",
            "ok"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("backgroundCheck.checkedAt"));
    api(da.token())
        .get("/api/v1/admin/volunteers/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING"));

    api(da.token())
        .body(admission("CLEAR"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("ADMITTED"))
        .body("backgroundCheck.result", equalTo("CLEAR"))
        .body("location", nullValue());
    api(v.token())
        .get("/api/v1/me")
        .then()
        .body("roles", hasItem("VOLUNTEER"))
        .body("volunteerStatus", equalTo("ADMITTED"));
    api(da.token())
        .body(admission("CLEAR"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("VOLUNTEER_STATE"));
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "volunteer")
        .queryParam("targetId", id)
        .get("/api/v1/admin/audit")
        .then()
        .body("items.action", hasItem("volunteer.admit"))
        .body("items.action", hasItem("volunteer.apply"));
  }

  @Test
  void suspension_and_exit_end_the_volunteer_role_at_once() {
    Login v = fixtures.login();
    String id = apply(v, SHAPINGBA, null);
    Login da = fixtures.districtAdmin(SHAPINGBA);
    api(da.token())
        .body(Map.of("reason", "测试"))
        .post("/api/v1/admin/volunteers/{id}/suspend", id)
        .then()
        .statusCode(409);
    api(da.token())
        .body(admission("CLEAR"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(200);
    api(da.token())
        .body(Map.of("reason", "多次未按时联系儿童"))
        .post("/api/v1/admin/volunteers/{id}/suspend", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("SUSPENDED"))
        .body("statusReason", equalTo("多次未按时联系儿童"));
    api(v.token())
        .get("/api/v1/me")
        .then()
        .body("roles", not(hasItem("VOLUNTEER")))
        .body("volunteerStatus", equalTo("SUSPENDED"));
    api(da.token())
        .body(Map.of("reason", "本人申请"))
        .post("/api/v1/admin/volunteers/{id}/exit", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("EXITED"));
    raw(da.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/volunteers/{id}/exit", id)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("reason"));
  }

  @Test
  void a_volunteer_exits_by_herself_and_may_apply_again() {
    Login v = fixtures.login();
    String id = apply(v, SHAPINGBA, null);
    api(fixtures.districtAdmin(SHAPINGBA).token())
        .body(admission("CLEAR"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(200);
    api(v.token())
        .body(Map.of("reason", "工作调动"))
        .post("/api/v1/volunteers/me/exit")
        .then()
        .statusCode(200)
        .body("status", equalTo("EXITED"));
    api(v.token()).get("/api/v1/me").then().body("roles", not(hasItem("VOLUNTEER")));
    api(v.token())
        .body(Map.of("reason", "again"))
        .post("/api/v1/volunteers/me/exit")
        .then()
        .statusCode(409);
    api(v.token())
        .body(application(SHAPINGBA, null))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .body("id", equalTo(id))
        .body("status", equalTo("PENDING"))
        .body("backgroundCheck", nullValue());
  }

  @Test
  void a_rejected_applicant_may_apply_again() {
    Login v = fixtures.login();
    String id = apply(v, SHAPINGBA, null);
    api(fixtures.districtAdmin(SHAPINGBA).token())
        .body(Map.of("reason", "材料不全"))
        .post("/api/v1/admin/volunteers/{id}/reject", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("REJECTED"));
    api(v.token()).get("/api/v1/me").then().body("volunteerStatus", equalTo("REJECTED"));
    api(v.token())
        .body(application(SHAPINGBA, null))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .body("status", equalTo("PENDING"));
  }

  @Test
  void admins_outside_the_scope_get_404_and_lists_are_scoped() {
    String street = fixtures.street(SHAPINGBA);
    Login v = fixtures.login();
    String id = apply(v, SHAPINGBA, street);
    Login other = fixtures.login();
    String otherId = apply(other, SHAPINGBA, null);

    Login yuzhong = fixtures.districtAdmin(YUZHONG);
    api(yuzhong.token()).get("/api/v1/admin/volunteers/{id}", id).then().statusCode(404);
    api(yuzhong.token())
        .body(admission("CLEAR"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(404);
    api(yuzhong.token())
        .queryParam("limit", "100")
        .get("/api/v1/admin/volunteers")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(id)));

    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, SHAPINGBA, street);
    api(supervisor.token())
        .queryParam("limit", "100")
        .get("/api/v1/admin/volunteers")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id))
        .body("items.id", not(hasItem(otherId)));
    api(supervisor.token()).get("/api/v1/admin/volunteers/{id}", otherId).then().statusCode(404);
    api(supervisor.token())
        .body(admission("CLEAR"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(403);

    api(fixtures.districtAdmin(SHAPINGBA).token())
        .queryParam("status", "PENDING")
        .queryParam("limit", "100")
        .get("/api/v1/admin/volunteers")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id))
        .body("items.id", hasItem(otherId))
        .body("items.find { it.id == '" + id + "' }.location", nullValue());
    api(v.token()).get("/api/v1/admin/volunteers").then().statusCode(403);
    raw(fixtures.cityAdmin().token())
        .queryParam("status", "HAPPY")
        .get("/api/v1/admin/volunteers")
        .then()
        .statusCode(422);
  }
}
