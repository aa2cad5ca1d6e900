package cn.yuhao.care.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.file.TestFiles;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** One child's file: every section from one read, scope-filtered and audited, and its printable PDF. */
class ChildFileApiTest extends ApiTest {
  private static final String DISTRICT = "500116";

  @Test
  void the_file_holds_the_childs_story_and_prints_it_masked() throws IOException {
    Paired p = fixtures.pairing(DISTRICT, Map.of());
    fixtures.backdatePairing(p.pairingId(), Duration.ofHours(1));
    String v = p.volunteer().login().token();
    String photo = TestFiles.upload(server.app().port(), v, "CARE_RECORD", TestFiles.phonePhoto());
    api(v)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of(
            "kind", "CONTACT_CHILD",
            "occurredAt", server.clock().instant().minusSeconds(600).toString(),
            "way", "HOME_VISIT",
            "summary", "上门看望，一起读了绘本。",
            "attachmentIds", List.of(photo)))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201);
    LocalDate today =
        server.clock().instant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    String plan = api(v)
        .body(Map.of(
            "needs", List.of("阅读习惯"),
            "goals", List.of(Map.of("text", "每周读完一本绘本")),
            "actions",
                List.of(Map.of(
                    "goal",
                    0,
                    "what",
                    "每周共读",
                    "who",
                    "爱心妈妈",
                    "due",
                    today.plusDays(30).toString())),
            "reviewDue", today.plusDays(90).toString()))
        .put("/api/v1/pairings/{id}/plan", p.pairingId())
        .then()
        .statusCode(200)
        .extract()
        .path("id");
    api(v).post("/api/v1/pairings/{id}/plan/submit", p.pairingId()).then().statusCode(200);
    api(p.admin().token()).post("/api/v1/admin/plans/{id}/approve", plan).then().statusCode(200);
    String concern = api(v)
        .body(Map.of(
            "childId", p.childId(),
            "category", "NEGLECT",
            "severity", "NORMAL",
            "description", "家中无人照看。",
            "occurredAt", server.clock().instant().minusSeconds(3600).toString()))
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");

    JsonPath file = api(p.admin().token())
        .get("/api/v1/admin/children/{id}/file", p.childId())
        .then()
        .statusCode(200)
        .body("$", not(hasKey("sensitive")))
        .body("child.idNumber", containsString("*"))
        .body("consents.current", equalTo(true))
        .body("pairings", hasSize(1))
        .body("care", hasSize(1))
        .body("care[0].attachments[0].id", equalTo(photo))
        .body("reports[0].id", equalTo(concern))
        .body("plan.current.goals[0].text", equalTo("每周读完一本绘本"))
        .extract()
        .jsonPath();
    assertThat(file.getString("care[0].summary")).contains("绘本");

    api(p.admin().token())
        .queryParam("unmask", "true")
        .get("/api/v1/admin/children/{id}/file", p.childId())
        .then()
        .statusCode(200)
        .body("sensitive.idNumber", not(containsString("*")));
    String street = fixtures.street(DISTRICT);
    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, DISTRICT, street);
    api(supervisor.token())
        .queryParam("unmask", "true")
        .get("/api/v1/admin/children/{id}/file", p.childId())
        .then()
        .statusCode(403);
    api(fixtures.districtAdmin("500101").token())
        .get("/api/v1/admin/children/{id}/file", p.childId())
        .then()
        .statusCode(404);
    api(fixtures.districtAdmin("500101").token())
        .get("/api/v1/admin/children/{id}/file.pdf", p.childId())
        .then()
        .statusCode(404);
    long reads = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'child.file.read' AND target_id = :c")
            .bind("c", p.childId())
            .mapTo(Long.class)
            .one());
    assertThat(reads).isEqualTo(2);

    byte[] pdf = api(p.admin().token())
        .get("/api/v1/admin/children/{id}/file.pdf", p.childId())
        .then()
        .statusCode(200)
        .contentType("application/pdf")
        .extract()
        .asByteArray();
    String fullId = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT id_number_enc FROM children WHERE id = :c")
            .bind("c", p.childId())
            .mapTo(String.class)
            .one());
    String idNumber = server.app().services().cipher().decrypt(fullId, "children.id_number");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("儿童关爱档案")
          .contains("每周读完一本绘本")
          .contains("上门看望")
          .contains("照片 1 张")
          .doesNotContain(idNumber);
    }
  }
}
