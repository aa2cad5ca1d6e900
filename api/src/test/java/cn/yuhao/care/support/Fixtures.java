package cn.yuhao.care.support;

import static io.restassured.RestAssured.given;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.child.IdNumbers;
import cn.yuhao.care.volunteer.VolunteerService;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the data a test needs: each call makes fresh users, never shared between tests. */
public final class Fixtures {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private final SecureRandom random = new SecureRandom();
  private final TestServer server;

  Fixtures(TestServer server) {
    this.server = server;
  }

  /** A logged-in user of the simulator: her code, openid, id and token. */
  public record Login(String code, String userId, String token) {
    public String openid() {
      return "dev_" + code;
    }
  }

  public String newCode() {
    StringBuilder sb = new StringBuilder("t");
    for (int i = 0; i < 15; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  public Login login() {
    return login(newCode());
  }

  public Login login(String code) {
    JsonPath body = given()
        .port(server.app().port())
        .contentType(ContentType.JSON)
        .body(Map.of("code", code))
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    ApiTest.ledger.rememberLogin(body.getString("token"), code);
    return new Login(code, body.getString("user.id"), body.getString("token"));
  }

  /** A fresh user holding {@code role} with the given scope (granted directly, as set-up). */
  public Login withRole(Role role, String districtCode, String street) {
    Login l = login();
    grant(l, role, districtCode, street);
    return l;
  }

  public void grant(Login l, Role role, String districtCode, String street) {
    server
        .app()
        .services()
        .jdbi()
        .useTransaction(h -> server
            .app()
            .services()
            .users()
            .ensureGrant(
                h,
                Long.parseLong(l.userId()),
                role,
                districtCode,
                street,
                server.clock().instant()));
  }

  /** The token of a new city admin of another instance ({@link TestServer#another}), granted there directly. */
  public String cityAdminOn(cn.yuhao.care.App app) {
    JsonPath body = given()
        .port(app.port())
        .contentType(ContentType.JSON)
        .body(Map.of("code", newCode()))
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    long userId = Long.parseLong(body.getString("user.id"));
    app.services()
        .jdbi()
        .useTransaction(h -> app.services()
            .users()
            .ensureGrant(h, userId, Role.CITY_ADMIN, null, null, server.clock().instant()));
    return body.getString("token");
  }

  public Login cityAdmin() {
    return withRole(Role.CITY_ADMIN, null, null);
  }

  public Login districtAdmin(String districtCode) {
    return withRole(Role.DISTRICT_ADMIN, districtCode, null);
  }

  /** A valid, unique ID number (GB 11643) for the birth date. */
  public String idNumber(LocalDate birth) {
    return IdNumbers.complete(
        "500106" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000)));
  }

  /**
   * A child registered by the admin through the API: ONE_TO_ONE, aged 7–12 (random birth day, so ID numbers
   * do not collide), at the location given (or none), with {@code extra} fields overriding the defaults.
   */
  public String child(
      Login admin, String districtCode, Double lat, Double lng, Map<String, Object> extra) {
    LocalDate birth = LocalDate.ofInstant(server.clock().instant(), ZoneId.of("Asia/Shanghai"))
        .minusYears(7)
        .minusDays(random.nextInt(5 * 365));
    Map<String, Object> body = new HashMap<>(Map.of(
        "name",
        "测试儿童",
        "gender",
        "FEMALE",
        "birthDate",
        birth.toString(),
        "idNumber",
        idNumber(birth),
        "districtCode",
        districtCode,
        "category",
        "LEFT_BEHIND",
        "needs",
        List.of("ACADEMIC_LAG"),
        "careLevel",
        "ONE_TO_ONE",
        "guardians",
        List.of(Map.of("name", "张桂兰", "relation", "GRANDPARENT", "phone", "13500002222"))));
    if (lat != null) {
      body.put("location", Map.of("lat", lat, "lng", lng));
    }
    body.putAll(extra);
    return given()
        .port(server.app().port())
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(admin.token())
        .body(body)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** The guardian's consent, recorded by the admin. */
  public String consent(Login admin, String childId) {
    return given()
        .port(server.app().port())
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(admin.token())
        .body(Map.of(
            "guardianName",
            "张桂兰",
            "relation",
            "GRANDPARENT",
            "method",
            "PAPER_SCANNED",
            "signedAt",
            server.clock().instant().minusSeconds(3600).toString(),
            "version",
            "2026-11"))
        .post("/api/v1/admin/children/{id}/consents", childId)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** A volunteer who applied and was admitted by the district admin: her login and volunteer id. */
  public record Volunteer(Login login, String id) {}

  public Volunteer admittedVolunteer(
      Login districtAdmin,
      String districtCode,
      double lat,
      double lng,
      List<String> specialties,
      int maxChildren) {
    Volunteer v = applicant(districtCode, lat, lng, specialties, maxChildren);
    admit(districtAdmin, v.id()).then().statusCode(200);
    return v;
  }

  /** A volunteer who applied and waits for review: her login and volunteer id. */
  public Volunteer applicant(
      String districtCode, double lat, double lng, List<String> specialties, int maxChildren) {
    Login l = login();
    String id = given()
        .port(server.app().port())
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(l.token())
        .body(Map.of(
            "realName",
            "志愿者" + l.code().substring(1, 5),
            "phone",
            "13800001234",
            "districtCode",
            districtCode,
            "location",
            Map.of("lat", lat, "lng", lng),
            "specialties",
            specialties,
            "maxChildren",
            maxChildren,
            "agreedTerms",
            true,
            "pledgeVersion",
            VolunteerService.PLEDGE_VERSION))
        .post("/api/v1/volunteers/me/application")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    return new Volunteer(l, id);
  }

  /** The district admin admits the applicant after a clear background check; the answer, unchecked. */
  public io.restassured.response.Response admit(Login districtAdmin, String volunteerId) {
    return given()
        .port(server.app().port())
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(districtAdmin.token())
        .body(Map.of(
            "backgroundCheck",
            Map.of(
                "checkedBy",
                "区公安分局",
                "checkedAt",
                server.clock().instant().minusSeconds(86400).toString(),
                "result",
                "CLEAR"),
            "note",
            "面谈通过"))
        .post("/api/v1/admin/volunteers/{id}/admit", volunteerId);
  }

  /** An active ONE_TO_ONE pairing made through the API: the district admin, the volunteer, child and pairing ids. */
  public record Paired(Login admin, Volunteer volunteer, String childId, String pairingId) {}

  public Paired pairing(String districtCode, Map<String, Object> childExtra) {
    Login da = districtAdmin(districtCode);
    return pairing(da, districtCode, childExtra);
  }

  public Paired pairing(Login da, String districtCode, Map<String, Object> childExtra) {
    Volunteer v = admittedVolunteer(da, districtCode, 29.70, 107.30, List.of("TEACHER"), 3);
    String child = child(da, districtCode, 29.70, 107.30, childExtra);
    consent(da, child);
    String pairing = given()
        .port(server.app().port())
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(da.token())
        .body(Map.of("childId", child, "volunteerId", v.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    return new Paired(da, v, child, pairing);
  }

  /** Moves a pairing's start back in time (set-up for periods that have already ended). */
  public void backdatePairing(String pairingId, java.time.Duration by) {
    server.app().services().jdbi().useTransaction(h -> {
      h.createUpdate("UPDATE pairings SET started_at = :t WHERE id = :id")
          .bind("t", server.clock().instant().minus(by))
          .bind("id", Long.parseLong(pairingId))
          .execute();
      new cn.yuhao.care.dashboard.PairingCounts(new cn.yuhao.care.dashboard.ChildCounts())
          .pairingChanged(h, Long.parseLong(pairingId));
    });
  }

  /** A street that exists in the district, with a unique name. */
  public String street(String districtCode) {
    String name = "测试街道" + newCode().substring(1, 7);
    server
        .app()
        .services()
        .jdbi()
        .useHandle(h -> h.createUpdate(
                "INSERT INTO streets (id, district_code, name, created_at) VALUES (:id, :d, :n, :t)")
            .bind("id", cn.yuhao.care.db.Ids.next())
            .bind("d", districtCode)
            .bind("n", name)
            .bind("t", server.clock().instant())
            .execute());
    return name;
  }
}
