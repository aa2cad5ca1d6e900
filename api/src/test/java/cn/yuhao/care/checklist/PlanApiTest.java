package cn.yuhao.care.checklist;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The child's plan: written by her volunteers, decided by the supervisor or admin, reviewed each semester. */
class PlanApiTest extends ApiTest {
  private static final String DISTRICT = "500152";

  private static LocalDate today() {
    return server.clock().instant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
  }

  private static Map<String, Object> plan(LocalDate reviewDue) {
    Map<String, Object> body = new HashMap<>();
    body.put("needs", List.of("数学基础薄弱", "父母外出务工后情绪低落"));
    body.put("goals", List.of(Map.of("text", "期末数学及格"), Map.of("text", "每周与父母视频一次")));
    body.put(
        "actions",
        List.of(
            Map.of(
                "goal",
                0,
                "what",
                "每周两次作业辅导",
                "who",
                "爱心妈妈",
                "due",
                today().plusDays(40).toString()),
            Map.of(
                "goal",
                1,
                "what",
                "约定周日晚视频",
                "who",
                "爱心妈妈",
                "due",
                today().plusDays(10).toString())));
    body.put("reviewDue", reviewDue.toString());
    return body;
  }

  private static String approvedPlan(Paired p, Login decider, LocalDate reviewDue) {
    String id = api(p.volunteer().login().token())
        .body(plan(reviewDue))
        .put("/api/v1/pairings/{id}/plan", p.pairingId())
        .then()
        .statusCode(200)
        .body("status", equalTo("DRAFT"))
        .extract()
        .path("id");
    api(p.volunteer().login().token())
        .post("/api/v1/pairings/{id}/plan/submit", p.pairingId())
        .then()
        .statusCode(200)
        .body("status", equalTo("SUBMITTED"));
    api(decider.token())
        .post("/api/v1/admin/plans/{id}/approve", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"));
    return id;
  }

  @Test
  void written_submitted_returned_approved_and_reviewed() {
    Paired p = fixtures.pairing(DISTRICT, Map.of());
    String v = p.volunteer().login().token();
    Map<String, Object> bad = plan(today().plusDays(60));
    bad.put("needs", List.of());
    bad.put(
        "actions",
        List.of(Map.of("goal", 5, "what", "x", "who", "y", "due", today().toString())));
    bad.put("reviewDue", today().plusDays(400).toString());
    raw(v)
        .contentType("application/json")
        .body(bad)
        .put("/api/v1/pairings/{id}/plan", p.pairingId())
        .then()
        .statusCode(422)
        .body("fields.field", equalTo(List.of("needs", "reviewDue", "actions")));
    // The admin reads but does not write the plan; a stranger does not even find the pairing.
    api(p.admin().token())
        .body(plan(today().plusDays(60)))
        .put("/api/v1/pairings/{id}/plan", p.pairingId())
        .then()
        .statusCode(403);

    String id = api(v)
        .body(plan(today().plusDays(60)))
        .put("/api/v1/pairings/{id}/plan", p.pairingId())
        .then()
        .statusCode(200)
        .extract()
        .path("id");
    api(v).post("/api/v1/pairings/{id}/plan/submit", p.pairingId()).then().statusCode(200);
    api(v)
        .body(plan(today().plusDays(60)))
        .put("/api/v1/pairings/{id}/plan", p.pairingId())
        .then()
        .statusCode(409);
    api(fixtures.districtAdmin("500101").token())
        .post("/api/v1/admin/plans/{id}/approve", id)
        .then()
        .statusCode(404);
    api(p.admin().token())
        .body(Map.of("reason", "措施要写明具体时间"))
        .post("/api/v1/admin/plans/{id}/return", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("RETURNED"))
        .body("returnReason", equalTo("措施要写明具体时间"));
    api(v)
        .body(plan(today().plusDays(60)))
        .put("/api/v1/pairings/{id}/plan", p.pairingId())
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("status", equalTo("DRAFT"));
    api(v).post("/api/v1/pairings/{id}/plan/submit", p.pairingId()).then().statusCode(200);
    api(p.admin().token())
        .post("/api/v1/admin/plans/{id}/approve", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"));

    raw(v)
        .contentType("application/json")
        .body(Map.of(
            "progress", List.of(Map.of("goal", 0, "status", "ON_TRACK")),
            "nextReview", today().plusDays(120).toString()))
        .post("/api/v1/pairings/{id}/plan/reviews", p.pairingId())
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("progress"));
    api(v)
        .body(Map.of(
            "progress",
            List.of(
                Map.of("goal", 0, "status", "ON_TRACK", "note", "月考 58 分"),
                Map.of("goal", 1, "status", "ACHIEVED")),
            "nextReview",
            today().plusDays(120).toString()))
        .post("/api/v1/pairings/{id}/plan/reviews", p.pairingId())
        .then()
        .statusCode(201)
        .body("reviews", hasSize(1))
        .body("reviewDue", equalTo(today().plusDays(120).toString()));
    api(p.admin().token())
        .get("/api/v1/pairings/{id}/plan", p.pairingId())
        .then()
        .statusCode(200)
        .body("current.id", equalTo(id))
        .body("current.goals[0].text", equalTo("期末数学及格"))
        .body("$", not(org.hamcrest.Matchers.hasKey("draft")));
  }

  @Test
  void a_high_risk_child_without_a_plan_and_an_overdue_review_need_attention() {
    Login first = fixtures.districtAdmin(DISTRICT);
    String risky =
        fixtures.child(first, DISTRICT, 29.7, 107.3, Map.of("riskFlags", List.of("HIGH_RISK")));
    Paired reviewed = fixtures.pairing(DISTRICT, Map.of());
    approvedPlan(reviewed, reviewed.admin(), today().plusDays(20));

    server.clock().advance(Duration.ofDays(21));
    Login da = fixtures.districtAdmin(DISTRICT);
    api(da.token())
        .queryParam("districtCode", DISTRICT)
        .queryParam("limit", 100)
        .get("/api/v1/admin/plan-attention")
        .then()
        .statusCode(200)
        .body("highRiskPlanDays", equalTo(14))
        .body(
            "items.findAll { it.childId == '" + risky + "' }.reason",
            equalTo(List.of("HIGH_RISK_NO_PLAN")))
        .body(
            "items.findAll { it.childId == '" + reviewed.childId() + "' }.reason",
            equalTo(List.of("REVIEW_OVERDUE")));
    api(da.token())
        .queryParam("districtCode", DISTRICT)
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(200)
        .body("plans.highRiskWithoutPlan", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
        .body("plans.reviewsOverdue", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    api(fixtures.districtAdmin("500101").token())
        .queryParam("districtCode", DISTRICT)
        .get("/api/v1/admin/plan-attention")
        .then()
        .statusCode(404);

    // Reviewed, the plan is due again in four months and needs no attention.
    String volunteer = fixtures.login(reviewed.volunteer().login().code()).token();
    api(volunteer)
        .body(Map.of(
            "progress",
            List.of(Map.of("goal", 0, "status", "BEHIND"), Map.of("goal", 1, "status", "ON_TRACK")),
            "nextReview",
            today().plusDays(120).toString()))
        .post("/api/v1/pairings/{id}/plan/reviews", reviewed.pairingId())
        .then()
        .statusCode(201);
    api(da.token())
        .queryParam("districtCode", DISTRICT)
        .queryParam("limit", 100)
        .get("/api/v1/admin/plan-attention")
        .then()
        .statusCode(200)
        .body("items.childId", not(hasItem(reviewed.childId())))
        .body("items.childId", hasItem(risky));
  }
}
