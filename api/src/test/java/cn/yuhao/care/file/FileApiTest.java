package cn.yuhao.care.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Uploads through HTTP: what is kept of a photo, what is refused, and who can read what. */
class FileApiTest extends ApiTest {
  private static final String DISTRICT = "500106";
  private static final String ELSEWHERE = "500101";

  /**
   * The contract's validator does not read multipart bodies (it reports none), so uploads validate their
   * response only; the parts are checked by the tests of refusals below.
   */
  static String upload(String token, String purpose, String name, byte[] bytes) {
    return raw(token)
        .contentType("multipart/form-data")
        .multiPart("file", name, bytes, "application/octet-stream")
        .multiPart("purpose", purpose)
        .post("/api/v1/files")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static io.restassured.response.ValidatableResponse refused(
      Login who, String purpose, byte[] bytes, int status) {
    long before = uploadsOf(who);
    var r = raw(who.token())
        .contentType("multipart/form-data")
        .multiPart("file", "photo.jpg", bytes, "image/jpeg")
        .multiPart("purpose", purpose)
        .post("/api/v1/files")
        .then()
        .statusCode(status)
        .contentType(containsString("application/problem+json"));
    assertThat(uploadsOf(who)).as("nothing stored").isEqualTo(before);
    return r;
  }

  private static long uploadsOf(Login who) {
    return server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM files WHERE uploaded_by = :u")
            .bind("u", Long.parseLong(who.userId()))
            .mapTo(Long.class)
            .one());
  }

  private static Paired paired() {
    Paired p = fixtures.pairing(DISTRICT, Map.of());
    fixtures.backdatePairing(p.pairingId(), Duration.ofHours(1));
    return p;
  }

  private static String careRecord(Paired p, List<String> photos) {
    Map<String, Object> body = new HashMap<>(Map.of(
        "kind", "FREE_VISIT",
        "occurredAt", Instant.now(server.clock()).minusSeconds(600).toString(),
        "way", "HOME_VISIT",
        "summary", "上门看望，孩子在写作业，外婆身体还好。",
        "attachmentIds", photos));
    return api(p.volunteer().login().token())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body)
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static byte[] read(String token, String fileId) {
    return api(token)
        .get("/api/v1/files/{id}", fileId)
        .then()
        .statusCode(200)
        .header("Cache-Control", "private, no-store")
        .extract()
        .asByteArray();
  }

  @Test
  void a_visit_photo_comes_back_upright_without_its_location() throws Exception {
    byte[] photo = TestFiles.phonePhoto();
    Metadata sent = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo));
    assertThat(sent.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation())
        .isNotNull();

    Paired p = paired();
    String volunteer = p.volunteer().login().token();
    String file = upload(volunteer, "CARE_RECORD", "IMG_0001.jpg", photo);
    String record = careRecord(p, List.of(file));

    byte[] kept = read(volunteer, file);
    Metadata stored = ImageMetadataReader.readMetadata(new ByteArrayInputStream(kept));
    assertThat(stored.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
    assertThat(stored.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(kept));
    assertThat(img.getWidth()).as("turned as orientation 6 says").isEqualTo(20);
    assertThat(img.getHeight()).isEqualTo(40);

    api(p.admin().token())
        .get("/api/v1/care-records/{id}", record)
        .then()
        .statusCode(200)
        .body("attachments", hasSize(1))
        .body("attachments[0].id", equalTo(file))
        .body("attachments[0].contentType", equalTo("image/jpeg"));
    assertThat(read(p.admin().token(), file)).isEqualTo(kept);
    long audited = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'file.read' AND target_id = :id")
            .bind("id", file)
            .mapTo(Long.class)
            .one());
    assertThat(audited).isEqualTo(1);
  }

  @Test
  void nobody_else_can_read_or_take_a_file() {
    Paired p = paired();
    String volunteer = p.volunteer().login().token();
    String file = upload(volunteer, "CARE_RECORD", "a.png", TestFiles.png(8, 8));
    Login other = fixtures
        .admittedVolunteer(p.admin(), DISTRICT, 29.7, 107.3, List.of("TEACHER"), 3)
        .login();
    Login otherAdmin = fixtures.districtAdmin(ELSEWHERE);
    // Unattached, it is hers alone, even to the admin of her district.
    for (String t : List.of(other.token(), otherAdmin.token(), p.admin().token())) {
      api(t).get("/api/v1/files/{id}", file).then().statusCode(404);
    }
    // Nobody else can attach it.
    Paired q = paired();
    Map<String, Object> body = new HashMap<>(Map.of(
        "kind", "FREE_VISIT",
        "occurredAt", Instant.now(server.clock()).minusSeconds(600).toString(),
        "way", "HOME_VISIT",
        "summary", "上门看望，孩子在写作业，外婆身体还好。",
        "attachmentIds", List.of(file)));
    api(q.volunteer().login().token())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body)
        .post("/api/v1/pairings/{id}/care-records", q.pairingId())
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("attachmentIds"));

    careRecord(p, List.of(file));
    // Attached once: not again.
    body.put("attachmentIds", List.of(file));
    api(volunteer)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body)
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422);
    api(other.token()).get("/api/v1/files/{id}", file).then().statusCode(404);
    api(otherAdmin.token()).get("/api/v1/files/{id}", file).then().statusCode(404);
    api(p.admin().token()).get("/api/v1/files/{id}", file).then().statusCode(200);
    api(volunteer).get("/api/v1/files/{id}", "999999999").then().statusCode(404);
    api(volunteer).get("/api/v1/files/{id}", "abc").then().statusCode(404);
  }

  @Test
  void a_photo_of_the_wrong_purpose_is_not_attached() {
    Paired p = paired();
    String scan =
        upload(p.volunteer().login().token(), "CONCERN_EVIDENCE", "x.png", TestFiles.png(4, 4));
    Map<String, Object> body = new HashMap<>(Map.of(
        "kind", "FREE_VISIT",
        "occurredAt", Instant.now(server.clock()).minusSeconds(600).toString(),
        "way", "HOME_VISIT",
        "summary", "上门看望，孩子在写作业，外婆身体还好。",
        "attachmentIds", List.of(scan)));
    api(p.volunteer().login().token())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body)
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422)
        .body("detail", containsString("用途不符"));
  }

  @Test
  void hostile_and_broken_files_are_refused_and_nothing_is_kept() {
    Login who = fixtures
        .admittedVolunteer(
            fixtures.districtAdmin(DISTRICT), DISTRICT, 29.7, 107.3, List.of("TEACHER"), 3)
        .login();
    String t = who.token();
    refused(who, "CARE_RECORD", new byte[0], 422).body("detail", containsString("空"));
    refused(who, "CARE_RECORD", "just text, named .jpg".getBytes(), 415);
    refused(who, "CARE_RECORD", TestFiles.executable(), 415);
    refused(who, "CARE_RECORD", TestFiles.heic(), 415).body("detail", containsString("HEIC"));
    refused(who, "CARE_RECORD", TestFiles.pdf(false), 415).body("detail", containsString("JPEG"));
    refused(who, "CARE_RECORD", TestFiles.truncated(TestFiles.phonePhoto()), 422)
        .body("detail", containsString("损坏"));
    refused(who, "CARE_RECORD", TestFiles.pngBomb(), 422).body("detail", containsString("尺寸过大"));
    refused(who, "CONCERN_EVIDENCE", TestFiles.pdf(true), 422).body("detail", containsString("脚本"));
    refused(who, "CONCERN_EVIDENCE", TestFiles.truncated(TestFiles.pdf(false)), 422)
        .body("detail", containsString("不完整"));
    byte[] big = new byte[10 * 1024 * 1024 + 1];
    System.arraycopy(TestFiles.phonePhoto(), 0, big, 0, 100);
    refused(who, "CARE_RECORD", big, 413);
    refused(who, "NOT_A_PURPOSE", TestFiles.png(4, 4), 422)
        .body("fields[0].field", equalTo("purpose"));
    refused(who, "REFERRAL_FEEDBACK", TestFiles.png(4, 4), 422);
    raw(t)
        .contentType("application/json")
        .body("{\"purpose\":\"CARE_RECORD\"}")
        .post("/api/v1/files")
        .then()
        .statusCode(415);
    raw(t)
        .contentType("multipart/form-data")
        .multiPart("purpose", "CARE_RECORD")
        .post("/api/v1/files")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("file"));
    // A clean PDF is kept as it is.
    byte[] pdf = TestFiles.pdf(false);
    String id = upload(t, "CONCERN_EVIDENCE", "scan.pdf", pdf);
    assertThat(read(t, id)).isEqualTo(pdf);
  }

  @Test
  void a_photo_wechat_flags_is_refused_but_evidence_never_is() {
    Login who = fixtures
        .admittedVolunteer(
            fixtures.districtAdmin(DISTRICT), DISTRICT, 29.7, 107.3, List.of("TEACHER"), 3)
        .login();
    refused(who, "CARE_RECORD", TestFiles.red(2000, 1500), 422)
        .body("code", equalTo("CONTENT_REJECTED"));
    upload(who.token(), "CONCERN_EVIDENCE", "evidence.png", TestFiles.red(2000, 1500));
  }

  @Test
  void an_upload_left_unattached_for_a_day_is_removed() {
    String t = fixtures
        .admittedVolunteer(
            fixtures.districtAdmin(DISTRICT), DISTRICT, 29.7, 107.3, List.of("TEACHER"), 3)
        .login()
        .token();
    String id = upload(t, "CARE_RECORD", "a.png", TestFiles.png(4, 4));
    Paired p = paired();
    String kept =
        upload(p.volunteer().login().token(), "CARE_RECORD", "b.png", TestFiles.png(4, 4));
    careRecord(p, List.of(kept));
    server.clock().advance(Duration.ofDays(2));
    server.app().services().scheduler().runOnce();
    api(t).get("/api/v1/files/{id}", id).then().statusCode(404);
    api(p.volunteer().login().token()).get("/api/v1/files/{id}", kept).then().statusCode(200);
  }
}
