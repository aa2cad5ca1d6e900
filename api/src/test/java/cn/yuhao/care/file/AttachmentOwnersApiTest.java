package cn.yuhao.care.file;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evidence on a report, a paper consent's scan, an activity's photos: attached, listed, read in scope. */
class AttachmentOwnersApiTest extends ApiTest {
  private static final String DISTRICT = "500106";

  private static String upload(Login who, String purpose, byte[] bytes) {
    return TestFiles.upload(server.app().port(), who.token(), purpose, bytes);
  }

  @Test
  void a_report_carries_its_evidence_to_the_district_admin() {
    Paired p = fixtures.pairing(DISTRICT, Map.of());
    Login v = p.volunteer().login();
    String evidence = upload(v, "CONCERN_EVIDENCE", TestFiles.pdf(false));
    String concern = api(v.token())
        .body(Map.of(
            "childId",
            p.childId(),
            "category",
            "NEGLECT",
            "severity",
            "NORMAL",
            "description",
            "孩子说家里这几天没有大人。",
            "occurredAt",
            Instant.now(server.clock()).minusSeconds(3600).toString(),
            "attachmentIds",
            List.of(evidence)))
        .post("/api/v1/concerns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(p.admin().token())
        .get("/api/v1/admin/concerns/{id}", concern)
        .then()
        .statusCode(200)
        .body("attachments", hasSize(1))
        .body("attachments[0].contentType", equalTo("application/pdf"));
    api(p.admin().token()).get("/api/v1/files/{id}", evidence).then().statusCode(200);
    api(fixtures.districtAdmin("500101").token())
        .get("/api/v1/files/{id}", evidence)
        .then()
        .statusCode(404);
  }

  @Test
  void a_paper_consent_keeps_its_scan() {
    Login da = fixtures.districtAdmin(DISTRICT);
    String child = fixtures.child(da, DISTRICT, 29.7, 107.3, Map.of());
    String scan = upload(da, "CONSENT_SCAN", TestFiles.png(30, 40));
    api(da.token())
        .body(Map.of(
            "guardianName", "李奶奶",
            "relation", "GRANDPARENT",
            "method", "PAPER_SCANNED",
            "signedAt", Instant.now(server.clock()).minus(Duration.ofDays(1)).toString(),
            "version", "2026-11",
            "attachmentIds", List.of(scan)))
        .post("/api/v1/admin/children/{id}/consents", child)
        .then()
        .statusCode(201)
        .body("attachments[0].id", equalTo(scan));
    api(da.token())
        .get("/api/v1/admin/children/{id}/consents", child)
        .then()
        .statusCode(200)
        .body("items[0].attachments", hasSize(1));
  }

  @Test
  void an_activity_gets_its_photos_and_no_more_than_nine() {
    Login da = fixtures.districtAdmin(DISTRICT);
    Instant starts = server.clock().instant().plus(Duration.ofDays(3));
    Map<String, Object> body = new HashMap<>();
    body.put("districtCode", DISTRICT);
    body.put("kind", "PSY_GROUP");
    body.put("title", "附件测试活动");
    body.put("place", "社区活动室");
    body.put("startsAt", starts.toString());
    body.put("endsAt", starts.plus(Duration.ofHours(2)).toString());
    body.put("quota", 5);
    body.put("needsApproval", false);
    body.put("specialties", List.of());
    String activity = api(da.token())
        .body(body)
        .post("/api/v1/admin/activities")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    List<String> eight = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      eight.add(upload(da, "ACTIVITY", TestFiles.png(4, 4)));
    }
    api(da.token())
        .body(Map.of("attachmentIds", eight))
        .post("/api/v1/admin/activities/{id}/photos", activity)
        .then()
        .statusCode(200)
        .body("items", hasSize(8));
    List<String> two = List.of(
        upload(da, "ACTIVITY", TestFiles.png(4, 4)), upload(da, "ACTIVITY", TestFiles.png(4, 4)));
    api(da.token())
        .body(Map.of("attachmentIds", two))
        .post("/api/v1/admin/activities/{id}/photos", activity)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("attachmentIds"));
    api(da.token())
        .get("/api/v1/admin/activities/{id}/photos", activity)
        .then()
        .statusCode(200)
        .body("items", hasSize(8));
  }
}
