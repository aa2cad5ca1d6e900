package cn.yuhao.care.child;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentApiTest extends ApiTest {
  private static final String SHAPINGBA = "500106";

  private static String child(Login admin) {
    LocalDate birth = LocalDate.ofInstant(server.clock().instant(), ZoneId.of("Asia/Shanghai"))
        .minusYears(8);
    return api(admin.token())
        .body(Map.of(
            "name",
            "李小明",
            "gender",
            "MALE",
            "birthDate",
            birth.toString(),
            "idNumber",
            fixtures.idNumber(birth),
            "districtCode",
            SHAPINGBA,
            "category",
            "MIGRANT",
            "needs",
            List.of("LIVING_DIFFICULTY"),
            "careLevel",
            "ONE_TO_ONE",
            "guardians",
            List.of(Map.of("name", "李强", "relation", "FATHER", "phone", "13500003333"))))
        .post("/api/v1/admin/children")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static Map<String, Object> consent() {
    return Map.of(
        "guardianName",
        "李强",
        "relation",
        "FATHER",
        "method",
        "PAPER_SCANNED",
        "signedAt",
        server.clock().instant().minus(1, ChronoUnit.DAYS).toString(),
        "version",
        "2026-11");
  }

  @Test
  void consent_is_recorded_listed_and_withdrawn_but_never_deleted() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String childId = child(da);
    api(da.token())
        .get("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .statusCode(200)
        .body("current", equalTo(false));
    String consentId = api(da.token())
        .body(consent())
        .post("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .statusCode(201)
        .body("current", equalTo(true))
        .extract()
        .path("id");
    api(da.token())
        .get("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .body("current", equalTo(true));
    api(da.token())
        .body(Map.of("reason", "监护人撤回"))
        .post("/api/v1/admin/children/{id}/consents/{c}/withdraw", childId, consentId)
        .then()
        .statusCode(200)
        .body("current", equalTo(false))
        .body("withdrawReason", equalTo("监护人撤回"));
    api(da.token())
        .get("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .body("current", equalTo(false))
        .body("items.id", hasItem(consentId));
    api(da.token())
        .body(Map.of("reason", "again"))
        .post("/api/v1/admin/children/{id}/consents/{c}/withdraw", childId, consentId)
        .then()
        .statusCode(409);
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "child")
        .queryParam("targetId", childId)
        .get("/api/v1/admin/audit")
        .then()
        .body("items.action", hasItem("consent.withdraw"));
  }

  @Test
  void bad_consents_and_wrong_callers_are_refused() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String childId = child(da);
    raw(da.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("method"))
        .body("fields.field", hasItem("signedAt"));
    api(da.token())
        .body(Map.of(
            "guardianName",
            "李强",
            "relation",
            "FATHER",
            "method",
            "WECHAT",
            "signedAt",
            server.clock().instant().plus(1, ChronoUnit.DAYS).toString(),
            "version",
            "2026-11"))
        .post("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("signedAt"));
    api(da.token())
        .body(Map.of(
            "guardianName",
            "李强",
            "relation",
            "FATHER",
            "method",
            "WECHAT",
            "signedAt",
            "2000-01-01T00:00:00Z",
            "version",
            "2026-11"))
        .post("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("signedAt"));
    api(fixtures.districtAdmin("500103").token())
        .body(consent())
        .post("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .statusCode(404);
    Login supervisor =
        fixtures.withRole(Role.STREET_SUPERVISOR, SHAPINGBA, fixtures.street(SHAPINGBA));
    api(supervisor.token())
        .body(consent())
        .post("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .statusCode(403);
    api(da.token())
        .body(Map.of("reason", "x"))
        .post("/api/v1/admin/children/{id}/consents/{c}/withdraw", childId, "123")
        .then()
        .statusCode(404);
  }
}
