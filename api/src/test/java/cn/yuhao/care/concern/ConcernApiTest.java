package cn.yuhao.care.concern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Harm reports in 石柱 (500240), a district no other test uses. */
class ConcernApiTest extends ApiTest {
  private static final String D_500240 = Districts.claim(ConcernApiTest.class, "500240");
  private static final String SHIZHU = D_500240;

  private static Map<String, Object> report(String childId, String severity, String category) {
    return new HashMap<>(Map.of(
        "childId",
        childId,
        "category",
        category,
        "severity",
        severity,
        "description",
        "孩子连续三天独自在家，奶奶住院，家中没有食物。",
        "occurredAt",
        server.clock().instant().minusSeconds(3600).toString()));
  }

  private static String reportAs(Login l, Map<String, Object> body) {
    return api(l.token())
        .body(body)
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void a_volunteers_report_flows_to_an_agency_and_is_closed() {
    String street = fixtures.street(SHIZHU);
    Paired p = fixtures.pairing(SHIZHU, Map.of("street", street));
    String id = api(p.volunteer().login().token())
        .body(report(p.childId(), "HIGH", "NEGLECT"))
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .body("status", equalTo("REPORTED"))
        .body("emergencyAdvice", containsString("110"))
        .body("emergencyAdvice", containsString("120"))
        .extract()
        .path("id");
    Login da = p.admin();
    api(da.token())
        .get("/api/v1/admin/children/{id}", p.childId())
        .then()
        .body("riskFlags", hasItem("HIGH_RISK"));
    api(da.token())
        .queryParam("status", "REPORTED")
        .get("/api/v1/admin/concerns")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + id + "' }.caseTeamSuggested", equalTo(true))
        .body("items.find { it.id == '" + id + "' }.overdue", equalTo(false));
    // The district admin's alert is queued with the report.
    long queued = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM notifications WHERE dedupe_key = :k")
            .bind("k", "concern:" + id + ":" + da.userId())
            .mapTo(Long.class)
            .one());
    assertEquals(1, queued);

    Map<String, Object> referral = Map.of(
        "agency",
        "CIVIL_AFFAIRS",
        "unit",
        "石柱县民政局儿童福利科",
        "contact",
        "023-73331234",
        "referenceNo",
        "SZ-2026-118",
        "referredAt",
        server.clock().instant().toString());
    api(da.token())
        .body(referral)
        .post("/api/v1/admin/concerns/{id}/referrals", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("CONCERN_STATE"));
    api(da.token())
        .body(Map.of("note", "已电话联系村委"))
        .post("/api/v1/admin/concerns/{id}/acknowledge", id)
        .then()
        .statusCode(200)
        .body("summary.status", equalTo("ACKNOWLEDGED"))
        .body("acknowledgedAt", notNullValue());
    api(da.token())
        .body(Map.of())
        .post("/api/v1/admin/concerns/{id}/acknowledge", id)
        .then()
        .statusCode(409);
    raw(da.token())
        .contentType("application/json")
        .body(Map.of(
            "agency",
            "MAGIC",
            "unit",
            "",
            "referredAt",
            server.clock().instant().plusSeconds(3600).toString()))
        .post("/api/v1/admin/concerns/{id}/referrals", id)
        .then()
        .statusCode(422)
        .body("fields.field", hasItems("agency", "unit", "referredAt"));
    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, SHIZHU, street);
    api(supervisor.token())
        .body(referral)
        .post("/api/v1/admin/concerns/{id}/referrals", id)
        .then()
        .statusCode(403);
    api(da.token())
        .body(referral)
        .post("/api/v1/admin/concerns/{id}/referrals", id)
        .then()
        .statusCode(201)
        .body("referrals[0].agency", equalTo("CIVIL_AFFAIRS"))
        .body("referrals[0].referenceNo", equalTo("SZ-2026-118"))
        .body("referrals[0].status", equalTo("SENT"));
    api(da.token())
        .body(Map.of("outcome", "民政局已将孩子临时安置到亲属家，奶奶出院后回家。"))
        .post("/api/v1/admin/concerns/{id}/resolve", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("REFERRALS_OPEN"));
    String referralId = api(da.token())
        .get("/api/v1/admin/concerns/{id}", id)
        .then()
        .extract()
        .path("referrals[0].id");
    api(da.token())
        .body(Map.of("reason", "民政局电话告知已安置，书面回复另行寄送"))
        .post("/api/v1/admin/referrals/{id}/waive", referralId)
        .then()
        .statusCode(200)
        .body("referrals[0].status", equalTo("WAIVED"));
    api(da.token())
        .body(Map.of("outcome", "民政局已将孩子临时安置到亲属家，奶奶出院后回家。"))
        .post("/api/v1/admin/concerns/{id}/resolve", id)
        .then()
        .statusCode(200)
        .body("summary.status", equalTo("RESOLVED"))
        .body("outcome", containsString("临时安置"));
    api(da.token())
        .body(Map.of("note", "回访确认"))
        .post("/api/v1/admin/concerns/{id}/close", id)
        .then()
        .statusCode(200)
        .body("summary.status", equalTo("CLOSED"))
        .body(
            "events.action",
            equalTo(
                List.of("REPORT", "ACKNOWLEDGE", "REFER", "REFERRAL_WAIVE", "RESOLVE", "CLOSE")))
        .body("reporter.userId", equalTo(p.volunteer().login().userId()))
        .body("summary.caseTeamSuggested", equalTo(false));
    // A street supervisor follows the case but does not learn who reported it.
    api(supervisor.token())
        .get("/api/v1/admin/concerns/{id}", id)
        .then()
        .statusCode(200)
        .body("reporter", nullValue())
        .body("events[0].actorUserId", nullValue())
        .body("description", containsString("独自在家"));
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "concern")
        .queryParam("targetId", id)
        .get("/api/v1/admin/audit")
        .then()
        .body("items.action", hasItems("concern.read", "concern.close"));
    api(p.volunteer().login().token())
        .get("/api/v1/concerns/mine")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + id + "' }.status", equalTo("CLOSED"));
    String stored = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT CONCAT(description_enc, outcome_enc) FROM concerns WHERE id = :id")
            .bind("id", Long.parseLong(id))
            .mapTo(String.class)
            .one());
    assertTrue(!stored.contains("奶奶") && !stored.contains("安置"));
  }

  @Test
  void nobody_reports_about_a_child_she_cannot_see_and_bad_reports_say_what_to_fix() {
    Paired p = fixtures.pairing(SHIZHU, Map.of());
    Paired other = fixtures.pairing(SHIZHU, Map.of());
    Login coach = fixtures.withRole(Role.COACH, SHIZHU, null);
    for (Login l : List.of(other.volunteer().login(), fixtures.districtAdmin("500101"), coach)) {
      api(l.token())
          .body(report(p.childId(), "URGENT", "ABUSE_VIOLENCE"))
          .post("/api/v1/concerns")
          .then()
          .statusCode(404);
    }
    api(fixtures.login().token())
        .body(report(p.childId(), "URGENT", "ABUSE_VIOLENCE"))
        .post("/api/v1/concerns")
        .then()
        .statusCode(403);
    Map<String, Object> bad = report(p.childId(), "VERY", "GOSSIP");
    bad.put("description", "x".repeat(2001));
    bad.put("occurredAt", server.clock().instant().plus(Duration.ofDays(1)).toString());
    raw(p.volunteer().login().token())
        .contentType("application/json")
        .body(bad)
        .post("/api/v1/concerns")
        .then()
        .statusCode(422)
        .body("fields.field", hasItems("category", "severity", "description", "occurredAt"));
    api(p.volunteer().login().token())
        .get("/api/v1/concerns/mine")
        .then()
        .body("items", hasSize(0));
    raw(p.admin().token())
        .queryParam("overdue", "maybe")
        .get("/api/v1/admin/concerns")
        .then()
        .statusCode(422);
    // The same Idempotency-Key makes one report, however often a bad network retries it.
    Map<String, Object> body = report(p.childId(), "NORMAL", "DROPOUT");
    String first = api(p.volunteer().login().token())
        .header("Idempotency-Key", "concern-retry-" + p.childId())
        .body(body)
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(p.volunteer().login().token())
        .header("Idempotency-Key", "concern-retry-" + p.childId())
        .body(body)
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first));
    api(p.volunteer().login().token())
        .get("/api/v1/concerns/mine")
        .then()
        .body("items", hasSize(1));
    api(p.admin().token())
        .get("/api/v1/admin/children/{id}", p.childId())
        .then()
        .body("riskFlags", hasItem("DROPOUT_RISK"))
        .body("riskFlags", not(hasItem("HIGH_RISK")));
  }

  @Test
  void an_urgent_report_left_unacknowledged_is_escalated_to_the_city() {
    Paired p = fixtures.pairing(SHIZHU, Map.of());
    Login city = fixtures.cityAdmin();
    api(city.token())
        .body(Map.of("accepted", List.of(Map.of("template", "CONCERN_ALERT", "times", 1))))
        .post("/api/v1/me/subscriptions")
        .then()
        .statusCode(200);
    String id = reportAs(p.volunteer().login(), report(p.childId(), "URGENT", "SELF_HARM"));
    api(p.admin().token())
        .queryParam("overdue", "true")
        .get("/api/v1/admin/concerns")
        .then()
        .body("items.id", not(hasItem(id)));

    server.clock().advance(Duration.ofMinutes(61));
    api(p.admin().token())
        .queryParam("overdue", "true")
        .get("/api/v1/admin/concerns")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + id + "' }.overdue", equalTo(true));
    Map<String, Integer> ran = server.app().services().scheduler().runOnce();
    assertTrue(ran.get("concern-escalation") >= 1, ran.toString());
    api(city.token())
        .get("/api/v1/admin/concerns/{id}", id)
        .then()
        .statusCode(200)
        .body("summary.escalatedAt", notNullValue())
        .body("events.action", hasItem("ESCALATE"))
        .body("summary.status", equalTo("REPORTED"));
    assertTrue(server.app().services().simulator().sentMessages().stream()
        .anyMatch(m -> m.toUser().equals(city.openid())
            && m.templateId().equals("tmpl_concern_alert")
            && m.data().get("thing1").startsWith("强制报告")
            && m.data().get("thing4").contains("市级")));
    // Escalation happens once.
    assertEquals(0, server.app().services().scheduler().runOnce().get("concern-escalation"));
    api(p.admin().token())
        .body(Map.of())
        .post("/api/v1/admin/concerns/{id}/acknowledge", id)
        .then()
        .statusCode(200)
        .body("summary.overdue", equalTo(false));
  }

  @Test
  void no_role_can_delete_a_report() {
    Paired p = fixtures.pairing(SHIZHU, Map.of());
    String id = reportAs(p.volunteer().login(), report(p.childId(), "NORMAL", "OTHER"));
    for (Login l : List.of(p.volunteer().login(), p.admin(), fixtures.cityAdmin())) {
      for (String path : List.of("/api/v1/admin/concerns/{id}", "/api/v1/concerns/{id}")) {
        int status = raw(l.token()).delete(path, id).then().extract().statusCode();
        assertTrue(status == 404 || status == 405, path + " answered " + status);
      }
    }
    api(p.admin().token())
        .get("/api/v1/admin/concerns/{id}", id)
        .then()
        .statusCode(200)
        .body("summary.status", equalTo("REPORTED"));
    long rows = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM concerns WHERE id = :id")
            .bind("id", Long.parseLong(id))
            .mapTo(Long.class)
            .one());
    assertEquals(1, rows);
  }
}
