package cn.yuhao.care.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who a volunteer is: source tags (filtered, counted on the dashboard) and honours (in her record). */
class ProfileApiTest extends ApiTest {
  private static final String DISTRICT = "500101";

  private static int partyMembers(Login admin) {
    return api(admin.token())
        .get("/api/v1/admin/dashboard?districtCode=" + DISTRICT)
        .then()
        .statusCode(200)
        .extract()
        .path("volunteerTags.find { it.tag == 'PARTY_MEMBER' }.volunteers");
  }

  @Test
  void tags_are_set_by_her_districts_admins_filtered_in_lists_and_counted_on_the_dashboard() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Volunteer v = fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
    int before = partyMembers(da);
    api(da.token())
        .body(Map.of("tags", List.of("WOMEN_VOLUNTEER", "PARTY_MEMBER", "PARTY_MEMBER")))
        .put("/api/v1/admin/volunteers/{id}/tags", v.id())
        .then()
        .statusCode(200)
        .body("tags", contains("PARTY_MEMBER", "WOMEN_VOLUNTEER"));
    assertThat(partyMembers(da)).isEqualTo(before + 1);
    api(da.token())
        .get("/api/v1/admin/volunteers?districtCode=" + DISTRICT + "&tag=PARTY_MEMBER&limit=100")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(v.id()));
    api(da.token())
        .get("/api/v1/admin/volunteers?districtCode=" + DISTRICT + "&tag=RED_BANNER&limit=100")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(v.id())));
    raw(da.token()).get("/api/v1/admin/volunteers?tag=ASTRONAUT").then().statusCode(422);

    raw(da.token())
        .contentType("application/json")
        .body(Map.of("tags", List.of("ASTRONAUT")))
        .put("/api/v1/admin/volunteers/{id}/tags", v.id())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("tags[0]"));
    raw(fixtures.districtAdmin("500103").token())
        .contentType("application/json")
        .body(Map.of("tags", List.of("PARTY_MEMBER")))
        .put("/api/v1/admin/volunteers/{id}/tags", v.id())
        .then()
        .statusCode(404);
    raw(fixtures
            .withRole(Role.STREET_SUPERVISOR, DISTRICT, fixtures.street(DISTRICT))
            .token())
        .contentType("application/json")
        .body(Map.of("tags", List.of()))
        .put("/api/v1/admin/volunteers/{id}/tags", v.id())
        .then()
        .statusCode(403);
    api(da.token())
        .body(Map.of("tags", List.of()))
        .put("/api/v1/admin/volunteers/{id}/tags", v.id())
        .then()
        .statusCode(200)
        .body("tags.size()", equalTo(0));
    assertThat(partyMembers(da)).isEqualTo(before);
  }

  @Test
  void honours_are_recorded_once_a_year_and_shown_in_her_record() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Volunteer v = fixtures.admittedVolunteer(da, DISTRICT, 29.5, 106.5, List.of("TEACHER"), 1);
    api(da.token())
        .body(Map.of("title", "最美爱心妈妈", "year", 2025, "awardedBy", "沙坪坝区妇联"))
        .post("/api/v1/admin/volunteers/{id}/honours", v.id())
        .then()
        .statusCode(201)
        .body("year", equalTo(2025));
    raw(da.token())
        .contentType("application/json")
        .body(Map.of("title", "最美爱心妈妈", "year", 2025))
        .post("/api/v1/admin/volunteers/{id}/honours", v.id())
        .then()
        .statusCode(409);
    for (Map<String, Object> bad : List.of(
        Map.<String, Object>of("title", "太早的荣誉", "year", 1989),
        Map.<String, Object>of("title", " ", "year", 2024),
        Map.<String, Object>of("title", "明年的荣誉", "year", 2999))) {
      raw(da.token())
          .contentType("application/json")
          .body(bad)
          .post("/api/v1/admin/volunteers/{id}/honours", v.id())
          .then()
          .statusCode(422);
    }
    api(v.login().token())
        .get("/api/v1/volunteers/me/service-record")
        .then()
        .statusCode(200)
        .body("honours.title", contains("最美爱心妈妈"))
        .body("honours[0].awardedBy", equalTo("沙坪坝区妇联"));
  }
}
