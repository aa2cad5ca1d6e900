package cn.yuhao.care.pairing;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairingApiTest extends ApiTest {
  private static final String SHAPINGBA = "500106";
  private static final String YUZHONG = "500103";

  private static Volunteer volunteer(Login da, int max) {
    return fixtures.admittedVolunteer(da, SHAPINGBA, 29.5603, 106.4565, List.of("TEACHER"), max);
  }

  private static String consentedChild(Login da) {
    String child = fixtures.child(da, SHAPINGBA, 29.56, 106.45, Map.of());
    fixtures.consent(da, child);
    return child;
  }

  private static String pair(Login da, String child, Volunteer v) {
    return api(da.token())
        .body(Map.of("childId", child, "volunteerId", v.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void a_volunteer_sees_no_child_before_pairing_and_what_she_needs_after() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Volunteer v = volunteer(da, 2);
    String child = consentedChild(da);
    api(v.login().token())
        .get("/api/v1/volunteers/me/pairings")
        .then()
        .statusCode(200)
        .body("items", empty());
    api(v.login().token()).get("/api/v1/admin/children/{id}", child).then().statusCode(403);

    String pairing = api(da.token())
        .body(Map.of("childId", child, "volunteerId", v.id(), "mode", "ONE_TO_ONE", "note", "就近结对"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(201)
        .body("status", equalTo("ACTIVE"))
        .body("childName", equalTo("测试儿童"))
        .body("volunteerId", equalTo(v.id()))
        .body("purpose", equalTo("CARE"))
        .extract()
        .path("id");
    api(v.login().token())
        .get("/api/v1/volunteers/me/pairings")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].id", equalTo(pairing))
        .body("items[0].childName", equalTo("测试儿童"))
        .body("items[0].role", equalTo("LEAD"))
        .body("items[0].guardians[0].phone", equalTo("13500002222"))
        .body("items[0].needs", hasItem("ACADEMIC_LAG"));
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "volunteer")
        .queryParam("targetId", v.id())
        .get("/api/v1/admin/audit")
        .then()
        .body("items.action", hasItem("pairing.children.read"));
    api(da.token())
        .get("/api/v1/admin/pairings/{id}", pairing)
        .then()
        .statusCode(200)
        .body("note", equalTo("就近结对"));
    api(da.token())
        .queryParam("childId", child)
        .get("/api/v1/admin/pairings")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(pairing));
  }

  @Test
  void no_pairing_without_current_consent_and_not_twice() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Volunteer v = volunteer(da, 3);
    String child = fixtures.child(da, SHAPINGBA, null, null, Map.of());
    api(da.token())
        .body(Map.of("childId", child, "volunteerId", v.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(409)
        .body("code", equalTo("CONSENT_REQUIRED"));
    String consent = fixtures.consent(da, child);
    pair(da, child, v);
    api(da.token())
        .body(Map.of("childId", child, "volunteerId", volunteer(da, 1).id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(409)
        .body("code", equalTo("ALREADY_PAIRED"));

    // Withdrawing the only consent ends the pairing: no pairing without current consent.
    api(da.token())
        .body(Map.of("reason", "监护人撤回"))
        .post("/api/v1/admin/children/{id}/consents/{c}/withdraw", child, consent)
        .then()
        .statusCode(200);
    api(da.token())
        .queryParam("childId", child)
        .get("/api/v1/admin/pairings")
        .then()
        .body("items[0].status", equalTo("ENDED"))
        .body("items[0].endReason", equalTo("CONSENT_WITHDRAWN"));
    api(v.login().token()).get("/api/v1/volunteers/me/pairings").then().body("items", empty());
  }

  @Test
  void capacity_and_volunteer_state_are_checked() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Volunteer v = volunteer(da, 1);
    pair(da, consentedChild(da), v);
    api(da.token())
        .body(Map.of("childId", consentedChild(da), "volunteerId", v.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(409)
        .body("code", equalTo("CAPACITY_EXCEEDED"));

    Login applicant = fixtures.login();
    String pendingId = api(applicant.token())
        .body(Map.of(
            "realName",
            "赵敏",
            "phone",
            "13800009999",
            "districtCode",
            SHAPINGBA,
            "location",
            Map.of("lat", 29.56, "lng", 106.45),
            "specialties",
            List.of("NURSE"),
            "maxChildren",
            1,
            "agreedTerms",
            true,
            "pledgeVersion",
            "2026-11"))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(da.token())
        .body(Map.of("childId", consentedChild(da), "volunteerId", pendingId, "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(409)
        .body("code", equalTo("VOLUNTEER_STATE"));

    String closed = consentedChild(da);
    api(da.token())
        .body(Map.of("status", "MOVED"))
        .patch("/api/v1/admin/children/{id}", closed)
        .then()
        .statusCode(200);
    api(da.token())
        .body(Map.of("childId", closed, "volunteerId", volunteer(da, 1).id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(409)
        .body("code", equalTo("CHILD_NOT_ACTIVE"));
  }

  @Test
  void exit_and_suspension_end_pairings_and_requeue_the_children_at_once() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Volunteer v = volunteer(da, 2);
    String child = consentedChild(da);
    String pairing = pair(da, child, v);
    api(da.token())
        .get("/api/v1/admin/pairing-queue")
        .then()
        .body("items.childId", not(hasItem(child)));

    api(v.login().token())
        .body(Map.of("reason", "工作调动，无法继续"))
        .post("/api/v1/volunteers/me/exit")
        .then()
        .statusCode(200);
    api(da.token())
        .get("/api/v1/admin/pairings/{id}", pairing)
        .then()
        .body("status", equalTo("ENDED"))
        .body("endReason", equalTo("VOLUNTEER_EXITED"));
    api(da.token())
        .queryParam("limit", 100)
        .get("/api/v1/admin/pairing-queue")
        .then()
        .statusCode(200)
        .body(
            "items.find { it.childId == '" + child + "' }.lastEndReason",
            equalTo("VOLUNTEER_EXITED"))
        .body("items.find { it.childId == '" + child + "' }.consentCurrent", equalTo(true));
    api(v.login().token()).get("/api/v1/volunteers/me/pairings").then().statusCode(403);

    Volunteer s = volunteer(da, 1);
    String other = consentedChild(da);
    String p2 = pair(da, other, s);
    api(da.token())
        .body(Map.of("reason", "投诉核查期间暂停"))
        .post("/api/v1/admin/volunteers/{id}/suspend", s.id())
        .then()
        .statusCode(200);
    api(da.token())
        .get("/api/v1/admin/pairings/{id}", p2)
        .then()
        .body("endReason", equalTo("VOLUNTEER_SUSPENDED"));
    // The child can be paired again with someone else.
    pair(da, other, volunteer(da, 1));
  }

  @Test
  void high_risk_children_need_a_case_team_with_members_and_roles() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String child = fixtures.child(
        da,
        SHAPINGBA,
        29.56,
        106.45,
        Map.of(
            "riskFlags",
            List.of("HIGH_RISK"),
            "careLevel",
            "CASE_TEAM",
            "needs",
            List.of("PSYCHOLOGICAL", "LEGAL_AWARENESS")));
    fixtures.consent(da, child);
    Volunteer lead = volunteer(da, 1);
    Volunteer police =
        fixtures.admittedVolunteer(da, SHAPINGBA, 29.56, 106.45, List.of("POLICE"), 1);
    api(da.token())
        .body(Map.of("childId", child, "volunteerId", lead.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(409)
        .body("code", equalTo("CASE_TEAM_REQUIRED"));
    api(da.token())
        .body(Map.of("childId", child, "volunteerId", lead.id(), "mode", "CASE_TEAM"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("members"));
    api(da.token())
        .body(Map.of(
            "childId",
            child,
            "volunteerId",
            lead.id(),
            "mode",
            "CASE_TEAM",
            "members",
            List.of(Map.of("volunteerId", lead.id(), "role", "TEACHER"))))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(422);
    String pairing = api(da.token())
        .body(Map.of(
            "childId",
            child,
            "volunteerId",
            lead.id(),
            "mode",
            "CASE_TEAM",
            "members",
            List.of(Map.of("volunteerId", police.id(), "role", "POLICE"))))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(201)
        .body("members[0].role", equalTo("POLICE"))
        .body("members[0].volunteerId", equalTo(police.id()))
        .extract()
        .path("id");
    api(police.login().token())
        .get("/api/v1/volunteers/me/pairings")
        .then()
        .body("items[0].id", equalTo(pairing))
        .body("items[0].role", equalTo("MEMBER"));
  }

  @Test
  void a_child_moving_district_takes_her_history_along_and_waits_there() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String child = consentedChild(da);
    String pairing = pair(da, child, volunteer(da, 1));
    Login both = fixtures.districtAdmin(SHAPINGBA);
    fixtures.grant(both, Role.DISTRICT_ADMIN, YUZHONG, null);
    api(both.token())
        .body(Map.of("districtCode", YUZHONG))
        .patch("/api/v1/admin/children/{id}", child)
        .then()
        .statusCode(200);
    api(da.token()).get("/api/v1/admin/pairings/{id}", pairing).then().statusCode(404);
    Login yuzhong = fixtures.districtAdmin(YUZHONG);
    api(yuzhong.token())
        .get("/api/v1/admin/pairings/{id}", pairing)
        .then()
        .statusCode(200)
        .body("status", equalTo("ENDED"))
        .body("endReason", equalTo("CHILD_MOVED"))
        .body("districtCode", equalTo(YUZHONG));
    api(yuzhong.token())
        .queryParam("districtCode", YUZHONG)
        .queryParam("limit", 100)
        .get("/api/v1/admin/pairing-queue")
        .then()
        .body("items.childId", hasItem(child));
  }

  @Test
  void a_team_can_care_for_a_child_as_a_group() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Volunteer member = volunteer(da, 1);
    String team = api(da.token())
        .body(Map.of(
            "districtCode", SHAPINGBA, "name", "团体关爱" + fixtures.newCode().substring(1, 6)))
        .post("/api/v1/admin/volunteer-teams")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(da.token())
        .body(Map.of("volunteerId", member.id(), "role", "MEMBER"))
        .post("/api/v1/admin/volunteer-teams/{id}/members", team)
        .then()
        .statusCode(200);
    String child = consentedChild(da);
    api(da.token())
        .body(Map.of("childId", child, "teamId", team, "mode", "GROUP"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(201)
        .body("teamId", equalTo(team));
    api(da.token())
        .body(Map.of("childId", child, "teamId", team, "mode", "GROUP"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(409)
        .body("code", equalTo("ALREADY_PAIRED"));
    // A group pairing does not count against a member's capacity, nor block a one-to-one pairing.
    pair(da, child, member);
    api(member.login().token())
        .get("/api/v1/volunteers/me/pairings")
        .then()
        .body("items", hasSize(2))
        .body("items.role", hasItem("TEAM"));
  }

  @Test
  void a_child_turning_18_is_flagged_and_handed_to_a_growth_mentor() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    LocalDate birth = LocalDate.ofInstant(server.clock().instant(), ZoneId.of("Asia/Shanghai"))
        .minusYears(18)
        .minusDays(10);
    String child = fixtures.child(
        da,
        SHAPINGBA,
        29.56,
        106.45,
        Map.of(
            "birthDate", birth.toString(), "idNumber", fixtures.idNumber(birth), "name", "成年礼测试"));
    fixtures.consent(da, child);
    Volunteer carer = volunteer(da, 1);
    String care = pair(da, child, carer);
    api(da.token())
        .queryParam("comingOfAgeDue", true)
        .queryParam("name", "成年礼测试")
        .get("/api/v1/admin/children")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(child))
        .body("items[0].comingOfAgeDue", equalTo(true));

    Volunteer mentor = volunteer(da, 1);
    api(da.token())
        .body(Map.of("volunteerId", mentor.id(), "note", "成年礼：由陈老师担任成长爱护人"))
        .post("/api/v1/admin/children/{id}/coming-of-age", child)
        .then()
        .statusCode(201)
        .body("purpose", equalTo("GROWTH_MENTOR"))
        .body("volunteerId", equalTo(mentor.id()));
    api(da.token())
        .get("/api/v1/admin/pairings/{id}", care)
        .then()
        .body("endReason", equalTo("CHILD_AGED_OUT"));
    api(da.token())
        .get("/api/v1/admin/children/{id}", child)
        .then()
        .body("status", equalTo("AGED_OUT"))
        .body("comingOfAgeDue", equalTo(false));
    api(carer.login().token()).get("/api/v1/volunteers/me/pairings").then().body("items", empty());
    api(mentor.login().token())
        .get("/api/v1/volunteers/me/pairings")
        .then()
        .body("items[0].purpose", equalTo("GROWTH_MENTOR"));
    api(da.token())
        .body(Map.of("volunteerId", mentor.id()))
        .post("/api/v1/admin/children/{id}/coming-of-age", child)
        .then()
        .statusCode(409);

    String young = consentedChild(da);
    api(da.token())
        .body(Map.of("volunteerId", volunteer(da, 1).id()))
        .post("/api/v1/admin/children/{id}/coming-of-age", young)
        .then()
        .statusCode(409)
        .body("detail", equalTo("该儿童未满 18 周岁，尚不能办理成年礼交接"));
  }

  @Test
  void ending_is_coded_kept_and_once() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String pairing = pair(da, consentedChild(da), volunteer(da, 1));
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "BORED"))
        .post("/api/v1/admin/pairings/{id}/end", pairing)
        .then()
        .statusCode(422);
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "OTHER"))
        .post("/api/v1/admin/pairings/{id}/end", pairing)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("note"));
    api(da.token())
        .body(Map.of("reason", "CHILD_MOVED", "note", "随父母迁往成都"))
        .post("/api/v1/admin/pairings/{id}/end", pairing)
        .then()
        .statusCode(200)
        .body("status", equalTo("ENDED"))
        .body("endReason", equalTo("CHILD_MOVED"));
    api(da.token())
        .body(Map.of("reason", "CHILD_MOVED"))
        .post("/api/v1/admin/pairings/{id}/end", pairing)
        .then()
        .statusCode(409)
        .body("code", equalTo("PAIRING_STATE"));
  }

  @Test
  void other_districts_and_supervisors_get_nothing_they_should_not() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Volunteer v = volunteer(da, 2);
    String child = consentedChild(da);
    String pairing = pair(da, child, v);
    Login other = fixtures.districtAdmin(YUZHONG);
    api(other.token()).get("/api/v1/admin/pairings/{id}", pairing).then().statusCode(404);
    api(other.token()).get("/api/v1/admin/children/{id}", child).then().statusCode(404);
    api(other.token()).get("/api/v1/admin/volunteers/{id}", v.id()).then().statusCode(404);
    api(other.token())
        .queryParam("childId", child)
        .get("/api/v1/admin/pairings")
        .then()
        .body("items", empty());
    api(other.token())
        .body(Map.of("reason", "CASE_CLOSED"))
        .post("/api/v1/admin/pairings/{id}/end", pairing)
        .then()
        .statusCode(404);
    api(other.token())
        .body(Map.of("childId", consentedChild(da), "volunteerId", v.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(404);
    api(other.token())
        .get("/api/v1/admin/pairing-queue")
        .then()
        .body("items.childId", not(hasItem(child)));
    Login supervisor =
        fixtures.withRole(Role.STREET_SUPERVISOR, SHAPINGBA, fixtures.street(SHAPINGBA));
    api(supervisor.token()).get("/api/v1/admin/pairings/{id}", pairing).then().statusCode(404);
    api(fixtures.login().token()).get("/api/v1/admin/pairings").then().statusCode(403);
    api(fixtures.login().token()).get("/api/v1/volunteers/me/pairings").then().statusCode(403);
  }

  @Test
  void bad_pairing_requests_are_refused_with_fields() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    raw(da.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("childId"))
        .body("fields.field", hasItem("mode"));
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("childId", "1", "mode", "THREESOME"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("mode"));
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("childId", "1", "mode", "GROUP", "volunteerId", "2"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("teamId"));
    api(da.token())
        .body(Map.of("childId", "123", "volunteerId", "456", "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(404);
    raw(da.token())
        .queryParam("status", "MAYBE")
        .get("/api/v1/admin/pairings")
        .then()
        .statusCode(422);
    raw(da.token())
        .queryParam("childId", "abc")
        .get("/api/v1/admin/pairings")
        .then()
        .statusCode(422);
  }
}
