package cn.yuhao.care.concern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.file.TestFiles;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A report referred to two agencies, answered through one-time links, closed only when both have an outcome. */
class ReferralApiTest extends ApiTest {
  private static final String DISTRICT = "500103";

  private record Reported(Paired pairing, String id) {}

  private static Reported acknowledged() {
    Paired p = fixtures.pairing(DISTRICT, Map.of());
    String id = api(p.volunteer().login().token())
        .body(Map.of(
            "childId", p.childId(),
            "category", "ABUSE_VIOLENCE",
            "severity", "NORMAL",
            "description", "孩子手臂上有新的淤青，说是爸爸喝酒后打的。",
            "occurredAt", server.clock().instant().minusSeconds(7200).toString()))
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(p.admin().token())
        .body(Map.of())
        .post("/api/v1/admin/concerns/{id}/acknowledge", id)
        .then()
        .statusCode(200);
    return new Reported(p, id);
  }

  private static String refer(Login admin, String concern, String agency, String unit) {
    JsonPath c = api(admin.token())
        .body(Map.of(
            "agency",
            agency,
            "unit",
            unit,
            "referredAt",
            server.clock().instant().toString()))
        .post("/api/v1/admin/concerns/{id}/referrals", concern)
        .then()
        .statusCode(201)
        .body("summary.status", equalTo("REFERRED"))
        .extract()
        .jsonPath();
    return c.getString("referrals.find { it.unit == '" + unit + "' }.id");
  }

  private static String link(Login admin, String referral) {
    return api(admin.token())
        .post("/api/v1/admin/referrals/{id}/links", referral)
        .then()
        .statusCode(201)
        .body("page", equalTo("pages/referral/index"))
        .extract()
        .path("scene");
  }

  private static String open(String token) {
    return api()
        .post("/api/v1/referral-links/{token}/open", token)
        .then()
        .statusCode(200)
        .body("referral.child.name", containsString("*"))
        .body("referral.report.description", containsString("淤青"))
        .body(not(containsString("idNumber")))
        .extract()
        .path("session");
  }

  private static io.restassured.response.ValidatableResponse answer(
      String session, String stage, String note) {
    return api()
        .header("X-Referral-Session", session)
        .body(note == null ? Map.of("stage", stage) : Map.of("stage", stage, "note", note))
        .post("/api/v1/referral-session/feedback")
        .then();
  }

  @Test
  void two_agencies_one_late_and_escalated_the_report_closes_when_both_answered() {
    Reported r = acknowledged();
    Login da = r.pairing().admin();
    String police = refer(da, r.id(), "POLICE", "某某派出所");
    String school = refer(da, r.id(), "EDUCATION", "某某小学");
    api(da.token())
        .body(Map.of(
            "agency",
            "POLICE",
            "unit",
            "某某派出所",
            "referredAt",
            server.clock().instant().toString()))
        .post("/api/v1/admin/concerns/{id}/referrals", r.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));

    // The police answer at once, through their link, with a file.
    String session = open(link(da, police));
    answer(session, "RECEIVED", null).statusCode(200).body("status", equalTo("RECEIVED"));
    answer(session, "RECEIVED", null).statusCode(409).body("code", equalTo("REFERRAL_STATE"));
    answer(session, "ACTION", " ").statusCode(422);
    answer(session, "ACTION", "已出警，对父亲进行训诫").statusCode(200).body("status", equalTo("ACTING"));
    given(session)
        .multiPart("file", "reply.pdf", TestFiles.pdf(false), "application/pdf")
        .post("/api/v1/referral-session/files")
        .then()
        .statusCode(201);
    answer(session, "OUTCOME", "出具家庭教育指导令，孩子暂住姑姑家")
        .statusCode(200)
        .body("status", equalTo("DONE"))
        .body("attachments", hasSize(1));
    answer(session, "ACTION", "再次走访").statusCode(409);

    // The school does not answer: after its receipt deadline (72 h for NORMAL) the city hears of
    // it, once.
    server.clock().advance(Duration.ofDays(4));
    server.app().services().scheduler().runOnce();
    server.app().services().scheduler().runOnce();
    JsonPath c = api(da.token())
        .get("/api/v1/admin/concerns/{id}", r.id())
        .then()
        .statusCode(200)
        .body("referrals.find { it.id == '" + school + "' }.overdue", equalTo(true))
        .body("referrals.find { it.id == '" + police + "' }.outcome", containsString("姑姑家"))
        .extract()
        .jsonPath();
    assertThat(c.getList("events.findAll { it.action == 'ESCALATE' }.note", String.class))
        .containsExactly("教育部门超过时限未确认接收，已上报市级");
    api(da.token())
        .body(Map.of("outcome", "已处置"))
        .post("/api/v1/admin/concerns/{id}/resolve", r.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("REFERRALS_OPEN"));

    // Late, the school answers; now the report can be resolved and closed.
    String schoolSession = open(link(da, school));
    answer(schoolSession, "OUTCOME", "班主任每周家访一次，已纳入重点关注").statusCode(200);
    api(da.token())
        .body(Map.of("outcome", "公安训诫，学校跟进，孩子安全"))
        .post("/api/v1/admin/concerns/{id}/resolve", r.id())
        .then()
        .statusCode(200);
    api(da.token())
        .body(Map.of())
        .post("/api/v1/admin/concerns/{id}/close", r.id())
        .then()
        .statusCode(200);

    // The reporter sees how far each agency got, nothing of what it did, and is told it is closed.
    api(r.pairing().volunteer().login().token())
        .get("/api/v1/concerns/mine")
        .then()
        .statusCode(200)
        .body(
            "items.find { it.id == '" + r.id() + "' }.referrals.status",
            equalTo(List.of("DONE", "DONE")))
        .body(not(containsString("姑姑家")))
        .body(not(containsString("派出所")));
    long told = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM notifications WHERE template = 'CONCERN_CLOSED' AND dedupe_key = :k")
            .bind("k", "closed:" + r.id())
            .mapTo(Long.class)
            .one());
    assertThat(told).isEqualTo(1);
  }

  @Test
  void a_link_opens_once_and_forged_spent_or_expired_ones_open_nothing() {
    Reported r = acknowledged();
    Login da = r.pairing().admin();
    String referral = refer(da, r.id(), "CIVIL_AFFAIRS", "某某街道儿童督导员");
    String token = link(da, referral);
    open(token);
    raw()
        .post("/api/v1/referral-links/{token}/open", token)
        .then()
        .statusCode(409)
        .body("code", equalTo("REFERRAL_LINK_USED"))
        .body(not(containsString("淤青")));
    raw().post("/api/v1/referral-links/{token}/open", "A".repeat(32)).then().statusCode(404);
    raw().post("/api/v1/referral-links/{token}/open", "short").then().statusCode(404);
    raw()
        .header("X-Referral-Session", "B".repeat(43))
        .get("/api/v1/referral-session")
        .then()
        .statusCode(404);
    raw().get("/api/v1/referral-session").then().statusCode(404);

    String unopened = link(da, referral);
    server.clock().advance(Duration.ofDays(15));
    raw()
        .post("/api/v1/referral-links/{token}/open", unopened)
        .then()
        .statusCode(409)
        .body("code", equalTo("REFERRAL_LINK_EXPIRED"));

    // Fifteen days on, the admin's session has ended (7 days idle): another admin of the district
    // takes over.
    da = fixtures.districtAdmin(DISTRICT);
    // Another district's admin cannot link or waive it.
    Login stranger = fixtures.districtAdmin("500101");
    api(stranger.token())
        .post("/api/v1/admin/referrals/{id}/links", referral)
        .then()
        .statusCode(404);
    api(stranger.token())
        .body(Map.of("reason", "x"))
        .post("/api/v1/admin/referrals/{id}/waive", referral)
        .then()
        .statusCode(404);
    api(da.token())
        .body(Map.of("reason", "督导员已调离，口头反馈孩子已安置"))
        .post("/api/v1/admin/referrals/{id}/waive", referral)
        .then()
        .statusCode(200)
        .body("referrals[0].waiveReason", containsString("调离"));
    api(da.token())
        .post("/api/v1/admin/referrals/{id}/links", referral)
        .then()
        .statusCode(409)
        .body("code", equalTo("REFERRAL_STATE"));
    api(da.token())
        .get("/api/v1/admin/concerns/{id}", r.id())
        .then()
        .body("events.action", hasItem("REFERRAL_WAIVE"));
  }

  private static io.restassured.specification.RequestSpecification given(String session) {
    return raw().header("X-Referral-Session", session);
  }
}
