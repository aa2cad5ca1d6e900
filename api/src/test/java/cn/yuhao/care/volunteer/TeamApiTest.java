package cn.yuhao.care.volunteer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.http.ContentType;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamApiTest extends ApiTest {
  private static final String SHAPINGBA = "500106";

  /** An admitted volunteer of the district, through the API as a real one would be. */
  private static String admittedVolunteer(Login admin, String district) {
    Login v = fixtures.login();
    Map<String, Object> app = new HashMap<>();
    app.put("realName", "李娟");
    app.put("phone", "13900002222");
    app.put("districtCode", district);
    app.put("location", Map.of("lat", 29.56, "lng", 106.45));
    app.put("specialties", List.of("PSYCHOLOGIST"));
    app.put("maxChildren", 1);
    app.put("agreedTerms", true);
    app.put("pledgeVersion", VolunteerService.PLEDGE_VERSION);
    String id = api(v.token())
        .body(app)
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(admin.token())
        .body(Map.of(
            "backgroundCheck",
            Map.of(
                "checkedBy",
                "派出所",
                "checkedAt",
                server.clock().instant().minus(1, ChronoUnit.DAYS).toString(),
                "result",
                "CLEAR"),
            "note",
            "通过"))
        .post("/api/v1/admin/volunteers/{id}/admit", id)
        .then()
        .statusCode(200);
    return id;
  }

  private static String team(Login admin, String name) {
    return api(admin.token())
        .body(Map.of("name", name, "districtCode", SHAPINGBA))
        .post("/api/v1/admin/volunteer-teams")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void a_district_admin_builds_a_team_of_admitted_volunteers() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String name = "工作室" + fixtures.newCode();
    String teamId = team(da, name);
    String v1 = admittedVolunteer(da, SHAPINGBA);
    api(da.token())
        .body(Map.of("volunteerId", v1, "role", "LEADER"))
        .post("/api/v1/admin/volunteer-teams/{id}/members", teamId)
        .then()
        .statusCode(200)
        .body("members", hasSize(1))
        .body("members[0].role", equalTo("LEADER"));
    api(da.token())
        .body(Map.of("volunteerId", v1, "role", "MEMBER"))
        .post("/api/v1/admin/volunteer-teams/{id}/members", teamId)
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
    api(da.token())
        .body(Map.of("name", name, "districtCode", SHAPINGBA))
        .post("/api/v1/admin/volunteer-teams")
        .then()
        .statusCode(409);
    api(da.token())
        .get("/api/v1/admin/volunteer-teams/{id}", teamId)
        .then()
        .statusCode(200)
        .body("members.volunteerId", hasItem(v1));
    api(da.token())
        .delete("/api/v1/admin/volunteer-teams/{id}/members/{v}", teamId, v1)
        .then()
        .statusCode(200)
        .body("members", hasSize(0));
    api(da.token())
        .delete("/api/v1/admin/volunteer-teams/{id}/members/{v}", teamId, v1)
        .then()
        .statusCode(404);
  }

  @Test
  void only_admitted_volunteers_of_the_district_join_and_exit_leaves_the_team() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String teamId = team(da, "团队" + fixtures.newCode());
    Login pending = fixtures.login();
    Map<String, Object> app = new HashMap<>(Map.of(
        "realName",
        "赵敏",
        "phone",
        "13700003333",
        "districtCode",
        SHAPINGBA,
        "location",
        Map.of("lat", 29.5, "lng", 106.4),
        "specialties",
        List.of("OTHER"),
        "maxChildren",
        1,
        "agreedTerms",
        true,
        "pledgeVersion",
        VolunteerService.PLEDGE_VERSION));
    String pendingId = api(pending.token())
        .body(app)
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(da.token())
        .body(Map.of("volunteerId", pendingId, "role", "MEMBER"))
        .post("/api/v1/admin/volunteer-teams/{id}/members", teamId)
        .then()
        .statusCode(409)
        .body("code", equalTo("VOLUNTEER_STATE"));
    Login yuzhongAdmin = fixtures.districtAdmin("500103");
    String elsewhere = admittedVolunteer(yuzhongAdmin, "500103");
    api(da.token())
        .body(Map.of("volunteerId", elsewhere, "role", "MEMBER"))
        .post("/api/v1/admin/volunteer-teams/{id}/members", teamId)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("volunteerId"));

    String member = admittedVolunteer(da, SHAPINGBA);
    api(da.token())
        .body(Map.of("volunteerId", member, "role", "MEMBER"))
        .post("/api/v1/admin/volunteer-teams/{id}/members", teamId)
        .then()
        .statusCode(200);
    api(da.token())
        .body(Map.of("reason", "退出"))
        .post("/api/v1/admin/volunteers/{id}/exit", member)
        .then()
        .statusCode(200);
    api(da.token())
        .get("/api/v1/admin/volunteer-teams/{id}", teamId)
        .then()
        .body("members.volunteerId", not(hasItem(member)));
  }

  @Test
  void teams_are_scoped_and_validated() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String teamId = team(da, "团队" + fixtures.newCode());
    Login other = fixtures.districtAdmin("500103");
    api(other.token()).get("/api/v1/admin/volunteer-teams/{id}", teamId).then().statusCode(404);
    api(other.token())
        .queryParam("limit", "100")
        .get("/api/v1/admin/volunteer-teams")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(teamId)));
    api(other.token())
        .body(Map.of("name", "越界团队", "districtCode", SHAPINGBA))
        .post("/api/v1/admin/volunteer-teams")
        .then()
        .statusCode(403);
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("districtCode", SHAPINGBA))
        .post("/api/v1/admin/volunteer-teams")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("name"));
    api(da.token())
        .body(Map.of("name", "某团队", "districtCode", SHAPINGBA, "street", "没有这个街道"))
        .post("/api/v1/admin/volunteer-teams")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("street"));
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("volunteerId", "1", "role", "BOSS"))
        .post("/api/v1/admin/volunteer-teams/{id}/members", teamId)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("role"));
    api(fixtures.login().token()).get("/api/v1/admin/volunteer-teams").then().statusCode(403);
  }
}
