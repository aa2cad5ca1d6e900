package cn.yuhao.care.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.QrCodes;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ConsentLinkApiTest extends ApiTest {
  private static final String SHAPINGBA = "500106";

  private static JsonPath issue(Login admin, String child) {
    return api(admin.token())
        .post("/api/v1/admin/children/{id}/consent-links", child)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void a_guardian_agrees_in_the_mini_program_and_the_child_can_be_paired() throws Exception {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String child = fixtures.child(da, SHAPINGBA, 29.56, 106.45, Map.of("name", "李小明"));
    JsonPath link = issue(da, child);
    String scene = link.getString("scene");
    assertThat(scene.length()).isLessThanOrEqualTo(32);
    assertThat(link.getString("page")).isEqualTo("pages/consent/index");
    var image = ImageIO.read(
        new ByteArrayInputStream(Base64.getDecoder().decode(link.getString("qrCodePng"))));
    assertThat(QrCodes.read(image)).isEqualTo(scene);

    // The same code again as a PNG for an image tag, while the link is open; decoded, it is the
    // scene.
    byte[] png = api(da.token())
        .get("/api/v1/admin/children/{id}/consent-links/{link}.png", child, link.getString("id"))
        .then()
        .statusCode(200)
        .contentType("image/png")
        .extract()
        .asByteArray();
    assertThat(QrCodes.read(png)).isEqualTo(scene);
    api(fixtures.districtAdmin("500103").token())
        .get("/api/v1/admin/children/{id}/consent-links/{link}.png", child, link.getString("id"))
        .then()
        .statusCode(404);

    Login guardian = fixtures.login();
    api(guardian.token())
        .get("/api/v1/consent-links/{scene}", scene)
        .then()
        .statusCode(200)
        .body("childName", equalTo("李**"))
        .body("districtName", equalTo("沙坪坝区"))
        .body("status", equalTo("OPEN"))
        .body("textVersion", equalTo(ConsentLinkService.TEXT_VERSION))
        // Whom it was made for, so a link that reached the wrong person is not answered by her.
        .body("madeFor[0].name", equalTo("张**"))
        .body("madeFor[0].relation", equalTo("GRANDPARENT"));
    raw(guardian.token())
        .contentType(ContentType.JSON)
        .body(Map.of("agree", true))
        .post("/api/v1/consent-links/{scene}/answer", scene)
        .then()
        .statusCode(422);
    api(guardian.token())
        .body(Map.of("agree", true, "guardianName", "李强", "relation", "FATHER"))
        .post("/api/v1/consent-links/{scene}/answer", scene)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACCEPTED"));
    api(da.token())
        .get("/api/v1/admin/children/{id}/consent-links/{link}.png", child, link.getString("id"))
        .then()
        .statusCode(404);
    api(da.token())
        .get("/api/v1/admin/children/{id}/consents", child)
        .then()
        .body("current", equalTo(true))
        .body("items[0].method", equalTo("WECHAT"))
        .body("items[0].guardianName", equalTo("李强"))
        .body("items[0].version", equalTo(ConsentLinkService.TEXT_VERSION));
    api(guardian.token())
        .body(Map.of("agree", false))
        .post("/api/v1/consent-links/{scene}/answer", scene)
        .then()
        .statusCode(409)
        .body("code", equalTo("CONSENT_LINK_USED"));
    api(guardian.token())
        .get("/api/v1/consent-links/{scene}", scene)
        .then()
        .body("status", equalTo("ACCEPTED"));

    var volunteer = fixtures.admittedVolunteer(da, SHAPINGBA, 29.56, 106.45, List.of("TEACHER"), 1);
    api(da.token())
        .body(Map.of("childId", child, "volunteerId", volunteer.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(201);
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "child")
        .queryParam("targetId", child)
        .get("/api/v1/admin/audit")
        .then()
        .body("items.action", org.hamcrest.Matchers.hasItem("consent.link.accept"));
  }

  @Test
  void refusals_forgeries_expiry_and_other_districts() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String child = fixtures.child(da, SHAPINGBA, null, null, Map.of());
    String scene = issue(da, child).getString("scene");
    Login guardian = fixtures.login();
    api(guardian.token())
        .body(Map.of("agree", false))
        .post("/api/v1/consent-links/{scene}/answer", scene)
        .then()
        .statusCode(200)
        .body("status", equalTo("REFUSED"));
    api(da.token())
        .get("/api/v1/admin/children/{id}/consents", child)
        .then()
        .body("current", equalTo(false));

    String other = issue(da, child).getString("scene");
    String forged = other.substring(0, other.length() - 1) + (other.endsWith("0") ? "1" : "0");
    api(guardian.token()).get("/api/v1/consent-links/{scene}", forged).then().statusCode(404);
    api(guardian.token())
        .get("/api/v1/consent-links/{scene}", "nonsense")
        .then()
        .statusCode(404);
    api(fixtures.districtAdmin("500103").token())
        .post("/api/v1/admin/children/{id}/consent-links", child)
        .then()
        .statusCode(404);
    api(guardian.token())
        .post("/api/v1/admin/children/{id}/consent-links", child)
        .then()
        .statusCode(403);

    server.clock().advance(Duration.ofDays(8));
    guardian = fixtures.login(); // sessions idle out after 7 days too
    api(guardian.token())
        .get("/api/v1/consent-links/{scene}", other)
        .then()
        .body("status", equalTo("EXPIRED"));
    api(guardian.token())
        .body(Map.of("agree", true, "guardianName", "李强", "relation", "FATHER"))
        .post("/api/v1/consent-links/{scene}/answer", other)
        .then()
        .statusCode(409)
        .body("code", equalTo("CONSENT_LINK_EXPIRED"));
  }
}
