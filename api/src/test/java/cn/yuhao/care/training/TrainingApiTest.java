package cn.yuhao.care.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Courses, completions and a district's training coverage (培训全覆盖). */
class TrainingApiTest extends ApiTest {
  private static final String DISTRICT = Districts.claim(TrainingApiTest.class, "500191");
  private static final String OTHER = Districts.claim(TrainingApiTest.class, "500192");

  private static Map<String, Object> course(String kind) {
    Map<String, Object> body = new HashMap<>();
    body.put("districtCode", DISTRICT);
    body.put("title", "爱心妈妈岗前培训");
    body.put("kind", kind);
    body.put("hours", 4);
    body.put("materialUrl", "https://example.cn/course.pdf");
    return body;
  }

  private static String create(Login admin, Map<String, Object> body) {
    return api(admin.token())
        .body(body)
        .post("/api/v1/admin/courses")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonPath coverage(Login admin) {
    return api(admin.token())
        .get("/api/v1/admin/training-coverage?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void a_bad_course_is_refused_naming_the_field() {
    Login da = fixtures.districtAdmin(DISTRICT);
    record Case(String field, Object value) {}
    for (Case c : List.of(
        new Case("kind", "WORKSHOP"),
        new Case("hours", 0),
        new Case("hours", 0.3),
        new Case("hours", 101),
        new Case("materialUrl", "http://example.cn/x"),
        new Case("title", " "),
        new Case("districtCode", "500199"))) {
      Map<String, Object> body = course("PRE_SERVICE");
      body.put(c.field(), c.value());
      raw(da.token())
          .contentType("application/json")
          .body(body)
          .post("/api/v1/admin/courses")
          .then()
          .statusCode(422)
          .body("fields.field", hasItem(c.field()));
    }
    Map<String, Object> cityWide = course("PRE_SERVICE");
    cityWide.put("districtCode", null);
    raw(da.token())
        .contentType("application/json")
        .body(cityWide)
        .post("/api/v1/admin/courses")
        .then()
        .statusCode(403);
  }

  @Test
  void completions_move_the_coverage_and_only_pre_service_courses_count() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String preService = create(da, course("PRE_SERVICE"));
    String inService = create(da, course("IN_SERVICE"));
    // Newest first: the two just created head the district admin's list.
    assertThat(api(da.token())
            .queryParam("limit", 2)
            .get("/api/v1/admin/courses")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", String.class))
        .containsExactly(inService, preService);
    JsonPath before = coverage(da);
    List<Volunteer> vs = List.of(
        fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1),
        fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1),
        fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1));
    JsonPath three = coverage(da);
    assertThat(three.getInt("admitted") - before.getInt("admitted")).isEqualTo(3);
    assertThat(three.getInt("trained")).isEqualTo(before.getInt("trained"));

    api(da.token())
        .body(Map.of("volunteerIds", List.of(vs.get(0).id(), vs.get(1).id())))
        .post("/api/v1/admin/courses/{id}/completions", preService)
        .then()
        .statusCode(200)
        .body("recorded", equalTo(2))
        .body("already", equalTo(0));
    api(da.token())
        .body(Map.of("volunteerIds", List.of(vs.get(0).id())))
        .post("/api/v1/admin/courses/{id}/completions", preService)
        .then()
        .statusCode(200)
        .body("recorded", equalTo(0))
        .body("already", equalTo(1));
    api(da.token())
        .body(Map.of("volunteerIds", List.of(vs.get(2).id())))
        .post("/api/v1/admin/courses/{id}/completions", inService)
        .then()
        .statusCode(200)
        .body("recorded", equalTo(1));

    JsonPath after = coverage(da);
    assertThat(after.getInt("trained") - before.getInt("trained")).isEqualTo(2);
    assertThat(after.getList("missing.volunteerId"))
        .contains(vs.get(2).id())
        .doesNotContain(vs.get(0).id());
    assertThat(after.getDouble("share"))
        .isEqualTo(
            Math.round(after.getInt("trained") * 1000.0 / after.getInt("admitted")) / 1000.0);
    // The dashboard counts the same (from its counters, which the completions moved).
    JsonPath board = api(da.token())
        .get("/api/v1/admin/dashboard?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertThat(board.getInt("training.admitted")).isEqualTo(after.getInt("admitted"));
    assertThat(board.getInt("training.trained")).isEqualTo(after.getInt("trained"));
    api(vs.get(0).login().token())
        .get("/api/v1/volunteers/me/training")
        .then()
        .statusCode(200)
        .body("items.courseId", hasItem(preService))
        .body("items[0].kind", equalTo("PRE_SERVICE"));
  }

  @Test
  void completions_are_all_or_none_and_only_for_volunteers_in_scope() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String id = create(da, course("PRE_SERVICE"));
    Volunteer mine = fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
    Login otherAdmin = fixtures.districtAdmin("500103");
    Volunteer theirs =
        fixtures.admittedVolunteer(otherAdmin, "500103", 29.5, 106.5, List.of("TEACHER"), 1);
    raw(da.token())
        .contentType("application/json")
        .body(Map.of("volunteerIds", List.of(mine.id(), theirs.id(), "abc")))
        .post("/api/v1/admin/courses/{id}/completions", id)
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("volunteerIds[1]"))
        .body("fields.field", hasItem("volunteerIds[2]"));
    api(mine.login().token())
        .get("/api/v1/volunteers/me/training")
        .then()
        .body("items.size()", equalTo(0));
    raw(otherAdmin.token())
        .contentType("application/json")
        .body(Map.of("volunteerIds", List.of(theirs.id())))
        .post("/api/v1/admin/courses/{id}/completions", id)
        .then()
        .statusCode(404);
    raw(da.token())
        .contentType("application/json")
        .body(Map.of("volunteerIds", List.of(mine.id()), "completedOn", "2099-01-01"))
        .post("/api/v1/admin/courses/{id}/completions", id)
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("completedOn"));
  }

  @Test
  void a_district_that_requires_it_admits_only_applicants_who_completed_a_pre_service_course() {
    Login da = fixtures.districtAdmin(OTHER);
    Map<String, Object> body = course("PRE_SERVICE");
    body.put("districtCode", OTHER);
    String course = create(da, body);
    Volunteer applicant = fixtures.applicant(OTHER, 29.5, 106.5, List.of("TEACHER"), 1);
    fixtures
        .admit(da, applicant.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("VOLUNTEER_STATE"))
        .body("detail", equalTo("本区县要求先完成岗前培训，才能准入"));
    api(da.token())
        .body(Map.of("volunteerIds", List.of(applicant.id())))
        .post("/api/v1/admin/courses/{id}/completions", course)
        .then()
        .statusCode(200)
        .body("recorded", equalTo(1));
    fixtures.admit(da, applicant.id()).then().statusCode(200).body("status", equalTo("ADMITTED"));
    // Elsewhere nothing is required.
    fixtures.admittedVolunteer(
        fixtures.districtAdmin(DISTRICT), DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
  }
}
