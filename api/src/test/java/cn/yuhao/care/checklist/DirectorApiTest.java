package cn.yuhao.care.checklist;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The child director: named by the admin, she sees that child only, records contacts and visits, counted. */
class DirectorApiTest extends ApiTest {
  private static final String DISTRICT = "500156";

  @Test
  void a_named_director_records_her_contacts_and_visits_and_they_count() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String child = fixtures.child(da, DISTRICT, 29.7, 107.3, Map.of());
    String other = fixtures.child(da, DISTRICT, 29.7, 107.3, Map.of());
    Login director = fixtures.login();
    raw(da.token())
        .contentType("application/json")
        .body(Map.of("userId", "999"))
        .put("/api/v1/admin/children/{id}/child-director", child)
        .then()
        .statusCode(422);
    api(fixtures.districtAdmin("500101").token())
        .body(Map.of("userId", director.userId()))
        .put("/api/v1/admin/children/{id}/child-director", child)
        .then()
        .statusCode(404);
    api(da.token())
        .body(Map.of("userId", director.userId()))
        .put("/api/v1/admin/children/{id}/child-director", child)
        .then()
        .statusCode(200);

    api(director.token())
        .get("/api/v1/me/director-children")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].childId", equalTo(child))
        .body("items[0].visitedThisQuarter", equalTo(false));
    String now = server.clock().instant().minusSeconds(3600).toString();
    api(director.token())
        .body(Map.of("kind", "HOME_VISIT", "occurredAt", now, "summary", "入户走访，孩子作业按时完成。"))
        .post("/api/v1/me/director-children/{id}/records", child)
        .then()
        .statusCode(201);
    // Not named for the other child: it does not exist for her.
    api(director.token())
        .body(Map.of("kind", "CONTACT", "occurredAt", now, "summary", "电话联系"))
        .post("/api/v1/me/director-children/{id}/records", other)
        .then()
        .statusCode(404);
    raw(director.token())
        .contentType("application/json")
        .body(Map.of("kind", "CHAT", "occurredAt", now, "summary", ""))
        .post("/api/v1/me/director-children/{id}/records", child)
        .then()
        .statusCode(422);
    api(director.token())
        .get("/api/v1/me/director-children")
        .then()
        .body("items[0].contactedThisMonth", equalTo(true))
        .body("items[0].visitedThisQuarter", equalTo(true));
    api(da.token())
        .queryParam("districtCode", DISTRICT)
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .body("childDirectors.named", greaterThanOrEqualTo(1))
        .body("childDirectors.visitedThisQuarter", greaterThanOrEqualTo(1));
  }
}
