package cn.yuhao.care.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.region.Geo;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each test has a district of its own, so the district-wide parts of matching see only its data. */
class MatchingApiTest extends ApiTest {
  private static final String D_500237 = Districts.claim(MatchingApiTest.class, "500237");
  private static final String D_500235 = Districts.claim(MatchingApiTest.class, "500235");
  private static final String D_500230 = Districts.claim(MatchingApiTest.class, "500230");
  private static final String D_500229 = Districts.claim(MatchingApiTest.class, "500229");
  private static final String FENGDU = D_500230;
  private static final String YUNYANG = D_500235;
  private static final String CHENGKOU = D_500229;
  private static final String WUSHAN = D_500237;

  @Test
  void suggestions_for_a_child_rank_near_and_fitting_volunteers_first_and_say_why() {
    Login da = fixtures.districtAdmin(FENGDU);
    String child =
        fixtures.child(da, FENGDU, 29.86, 107.73, Map.of("needs", List.of("ACADEMIC_LAG")));
    Volunteer teacherNear =
        fixtures.admittedVolunteer(da, FENGDU, 29.861, 107.731, List.of("TEACHER"), 2);
    Volunteer nurseNear =
        fixtures.admittedVolunteer(da, FENGDU, 29.861, 107.731, List.of("NURSE"), 2);
    Volunteer teacherFar =
        fixtures.admittedVolunteer(da, FENGDU, 29.95, 107.73, List.of("TEACHER"), 2);
    Volunteer full =
        fixtures.admittedVolunteer(da, FENGDU, 29.8601, 107.7301, List.of("TEACHER"), 1);
    String other = fixtures.child(da, FENGDU, 29.7, 107.6, Map.of());
    fixtures.consent(da, other);
    api(da.token())
        .body(Map.of("childId", other, "volunteerId", full.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(201);

    JsonPath body = api(da.token())
        .queryParam("limit", 10)
        .get("/api/v1/admin/children/{id}/match-suggestions", child)
        .then()
        .statusCode(200)
        .body("childHasLocation", equalTo(true))
        .extract()
        .jsonPath();
    List<String> ids = body.getList("items.volunteerId");
    assertThat(ids).doesNotContain(full.id());
    // With the default weights, fit outweighs ten kilometres: the far teacher comes before the
    // nearby nurse.
    assertThat(ids).startsWith(teacherNear.id(), teacherFar.id(), nurseNear.id());
    Map<String, Object> top =
        body.getMap("items.find { it.volunteerId == '" + teacherNear.id() + "' }");
    assertThat((Map<String, Object>) top.get("components"))
        .containsEntry("specialty", 1.0f)
        .containsEntry("load", 1.0f);
    assertThat((List<String>) top.get("reasons")).contains("专长对应需求：学业落后", "已结对 0/2");
    // Measured between the ~1.2 km × 0.6 km cells the homes lie in (the only clear location), not
    // the points.
    assertThat((Float) top.get("distanceKm")).isLessThan(1.5f);

    api(fixtures.districtAdmin(YUNYANG).token())
        .get("/api/v1/admin/children/{id}/match-suggestions", child)
        .then()
        .statusCode(404);
    api(teacherNear.login().token())
        .get("/api/v1/admin/children/{id}/match-suggestions", child)
        .then()
        .statusCode(403);
  }

  @Test
  void a_volunteer_is_offered_her_own_cell_first_and_the_cells_around_only_when_it_holds_too_few() {
    Login da = fixtures.districtAdmin(WUSHAN);
    // ~37 km north of the other test here: beyond every cell either looks at.
    double[] centre = Geo.centre(Geo.cell(31.40, 109.70).substring(0, 5));
    for (String need : List.of("ACADEMIC_LAG", "LEGAL_AWARENESS")) {
      fixtures.consent(
          da, fixtures.child(da, WUSHAN, centre[0], centre[1], Map.of("needs", List.of(need))));
    }
    // One cell south (a cell is 0.044° high), and the better fit for her: still after her own cell.
    fixtures.consent(
        da,
        fixtures.child(
            da, WUSHAN, centre[0] - 0.044, centre[1], Map.of("needs", List.of("PSYCHOLOGICAL"))));
    Volunteer v =
        fixtures.admittedVolunteer(da, WUSHAN, centre[0], centre[1], List.of("PSYCHOLOGIST"), 1);

    api(v.login().token())
        .queryParam("limit", 2)
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .statusCode(200)
        .body("items.distanceBand", equalTo(List.of("约 5 公里内", "约 5 公里内")))
        .body("items.needs.flatten()", not(hasItem("PSYCHOLOGICAL")));
    api(v.login().token())
        .queryParam("limit", 3)
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .statusCode(200)
        .body("items.distanceBand", equalTo(List.of("约 5 公里内", "约 5 公里内", "约 5–10 公里")))
        .body("items[2].needs", equalTo(List.of("PSYCHOLOGICAL")));
  }

  @Test
  void a_volunteer_sees_waiting_children_only_anonymised_and_may_ask_to_pair() {
    Login da = fixtures.districtAdmin(YUNYANG);
    String waiting = fixtures.child(
        da,
        YUNYANG,
        30.93,
        108.70,
        Map.of("name", "陈小雨", "needs", List.of("PSYCHOLOGICAL"), "school", "云阳县实验小学"));
    fixtures.consent(da, waiting);
    fixtures.child(da, YUNYANG, 30.931, 108.701, Map.of("name", "未同意"));
    String highRisk = fixtures.child(
        da,
        YUNYANG,
        30.931,
        108.701,
        Map.of("name", "高风险", "riskFlags", List.of("HIGH_RISK"), "careLevel", "CASE_TEAM"));
    fixtures.consent(da, highRisk);
    // High risk alone keeps a child out of volunteers' view, whatever her care level says.
    fixtures.consent(
        da,
        fixtures.child(
            da,
            YUNYANG,
            30.931,
            108.701,
            Map.of("name", "高风险一对一", "riskFlags", List.of("HIGH_RISK"))));
    Volunteer v =
        fixtures.admittedVolunteer(da, YUNYANG, 30.94, 108.70, List.of("PSYCHOLOGIST"), 1);

    String raw = api(v.login().token())
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].needs", hasItem("PSYCHOLOGICAL"))
        .body(
            "items[0].distanceBand",
            equalTo("约 5–10 公里")) // her ~5 km square borders the child's.body("items[0].requested",
        // equalTo(false))
        .extract()
        .asString();
    for (String secret :
        List.of("陈小雨", waiting, "云阳县实验小学", "张桂兰", "30.93", "108.7", "13500002222")) {
      assertThat(raw).doesNotContain(secret);
    }
    Map<String, Object> item = JsonPath.from(raw).getMap("items[0]");
    assertThat(item.keySet())
        .isEqualTo(
            Set.of("ref", "alias", "ageBand", "needs", "distanceBand", "reasons", "requested"));
    String ref = (String) item.get("ref");

    // The ref is hers alone: another volunteer, or a forged one, finds nothing.
    Volunteer other = fixtures.admittedVolunteer(da, YUNYANG, 30.94, 108.70, List.of("TEACHER"), 1);
    api(other.login().token())
        .body(Map.of("ref", ref))
        .post("/api/v1/volunteers/me/pairing-requests")
        .then()
        .statusCode(404);
    api(v.login().token())
        .body(Map.of("ref", "k1:forged"))
        .post("/api/v1/volunteers/me/pairing-requests")
        .then()
        .statusCode(404);

    String request = api(v.login().token())
        .body(Map.of("ref", ref, "message", "我是心理咨询师，住得近"))
        .post("/api/v1/volunteers/me/pairing-requests")
        .then()
        .statusCode(201)
        .body("status", equalTo("PENDING"))
        .body("alias", equalTo(item.get("alias")))
        .extract()
        .path("id");
    api(v.login().token())
        .body(Map.of("ref", ref))
        .post("/api/v1/volunteers/me/pairing-requests")
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
    api(v.login().token())
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .body("items[0].requested", equalTo(true));
    String otherRef = api(other.login().token())
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .extract()
        .path("items[0].ref");
    String otherRequest = api(other.login().token())
        .body(Map.of("ref", otherRef))
        .post("/api/v1/volunteers/me/pairing-requests")
        .then()
        .statusCode(201)
        .extract()
        .path("id");

    api(fixtures.districtAdmin(FENGDU).token())
        .post("/api/v1/admin/pairing-requests/{id}/approve", request)
        .then()
        .statusCode(404);
    api(da.token())
        .queryParam("status", "PENDING")
        .get("/api/v1/admin/pairing-requests")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(request))
        .body("items.find { it.id == '" + request + "' }.childId", equalTo(waiting));
    String pairing = api(da.token())
        .post("/api/v1/admin/pairing-requests/{id}/approve", request)
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"))
        .extract()
        .path("pairingId");
    api(da.token())
        .post("/api/v1/admin/pairing-requests/{id}/approve", request)
        .then()
        .statusCode(409)
        .body("code", equalTo("PAIRING_STATE"));
    api(other.login().token())
        .get("/api/v1/volunteers/me/pairing-requests")
        .then()
        .body("items.find { it.id == '" + otherRequest + "' }.status", equalTo("DECLINED"));
    api(v.login().token())
        .get("/api/v1/volunteers/me/pairings")
        .then()
        .body("items[0].id", equalTo(pairing))
        .body("items[0].childName", equalTo("陈小雨"));
    api(v.login().token())
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .body("items", hasSize(0));
  }

  @Test
  void a_request_can_be_declined_with_a_reason() {
    Login da = fixtures.districtAdmin(WUSHAN);
    String child = fixtures.child(da, WUSHAN, 31.07, 109.88, Map.of());
    fixtures.consent(da, child);
    Volunteer v = fixtures.admittedVolunteer(da, WUSHAN, 31.07, 109.88, List.of("TEACHER"), 1);
    String ref = api(v.login().token())
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .extract()
        .path("items[0].ref");
    String request = api(v.login().token())
        .body(Map.of("ref", ref))
        .post("/api/v1/volunteers/me/pairing-requests")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    raw(da.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/pairing-requests/{id}/decline", request)
        .then()
        .statusCode(422);
    api(da.token())
        .body(Map.of("reason", "该儿童需要女性志愿者，已另行安排"))
        .post("/api/v1/admin/pairing-requests/{id}/decline", request)
        .then()
        .statusCode(200)
        .body("status", equalTo("DECLINED"));
    api(v.login().token())
        .get("/api/v1/volunteers/me/pairing-requests")
        .then()
        .body("items[0].declineReason", equalTo("该儿童需要女性志愿者，已另行安排"));
    api(fixtures.login().token())
        .get("/api/v1/volunteers/me/match-suggestions")
        .then()
        .statusCode(403);
  }

  @Test
  void the_optimal_proposal_pairs_more_children_than_greedy_where_greedy_fails() {
    Login da = fixtures.districtAdmin(CHENGKOU);
    // A and V1 share a place; B is 15 km north of A and reaches only V1; V2 is 15 km south and
    // reaches only A.
    // Greedy gives V1 to A (the best single pair) and leaves B alone; the optimum pairs A–V2 and
    // B–V1.
    String a = fixtures.child(da, CHENGKOU, 31.90, 108.66, Map.of());
    String b = fixtures.child(da, CHENGKOU, 32.035, 108.66, Map.of());
    fixtures.consent(da, a);
    fixtures.consent(da, b);
    Volunteer v1 = fixtures.admittedVolunteer(da, CHENGKOU, 31.90, 108.66, List.of("TEACHER"), 1);
    Volunteer v2 = fixtures.admittedVolunteer(da, CHENGKOU, 31.765, 108.66, List.of("TEACHER"), 1);
    String unconsented = fixtures.child(da, CHENGKOU, 31.90, 108.66, Map.of());

    JsonPath p = api(da.token())
        .queryParam("districtCode", CHENGKOU)
        .post("/api/v1/admin/matching/proposals")
        .then()
        .statusCode(200)
        .body("eligibleChildren", equalTo(2))
        .body("availableVolunteers", equalTo(2))
        .body("greedy.paired", equalTo(1))
        .body("optimal.paired", equalTo(2))
        .extract()
        .jsonPath();
    assertThat(p.getString("pairs.find { it.childId == '" + a + "' }.volunteerId"))
        .isEqualTo(v2.id());
    assertThat(p.getString("pairs.find { it.childId == '" + b + "' }.volunteerId"))
        .isEqualTo(v1.id());

    // All or none: one bad pair (no consent) and nothing is written.
    api(da.token())
        .body(Map.of(
            "pairs",
            List.of(
                Map.of("childId", a, "volunteerId", v2.id()),
                Map.of("childId", unconsented, "volunteerId", v1.id()))))
        .post("/api/v1/admin/matching/proposals/confirm")
        .then()
        .statusCode(409)
        .body("code", equalTo("CONSENT_REQUIRED"));
    api(da.token())
        .queryParam("childId", a)
        .get("/api/v1/admin/pairings")
        .then()
        .body("items", hasSize(0));

    api(da.token())
        .body(Map.of(
            "pairs",
            List.of(
                Map.of("childId", a, "volunteerId", v2.id()),
                Map.of("childId", b, "volunteerId", v1.id()))))
        .post("/api/v1/admin/matching/proposals/confirm")
        .then()
        .statusCode(201)
        .body("items", hasSize(2));
    api(da.token())
        .queryParam("districtCode", CHENGKOU)
        .post("/api/v1/admin/matching/proposals")
        .then()
        .body("eligibleChildren", equalTo(0))
        .body("pairs", hasSize(0));

    api(fixtures.districtAdmin(FENGDU).token())
        .queryParam("districtCode", CHENGKOU)
        .post("/api/v1/admin/matching/proposals")
        .then()
        .statusCode(403);
    raw(da.token()).post("/api/v1/admin/matching/proposals").then().statusCode(422);
    raw(da.token())
        .queryParam("districtCode", "999999")
        .post("/api/v1/admin/matching/proposals")
        .then()
        .statusCode(422);
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("pairs", List.of()))
        .post("/api/v1/admin/matching/proposals/confirm")
        .then()
        .statusCode(422);
    api(da.token())
        .get("/api/v1/admin/pairing-queue")
        .then()
        .body("items.childId", not(hasItem(a)));
  }
}
