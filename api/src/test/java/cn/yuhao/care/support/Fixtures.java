package cn.yuhao.care.support;

import static io.restassured.RestAssured.given;

import cn.yuhao.care.auth.Role;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.security.SecureRandom;
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
    JsonPath body = given().port(server.app().port()).contentType(ContentType.JSON)
        .body(Map.of("code", code))
        .post("/api/v1/auth/wechat-login")
        .then().statusCode(200).extract().jsonPath();
    return new Login(code, body.getString("user.id"), body.getString("token"));
  }

  /** A fresh user holding {@code role} with the given scope (granted directly, as set-up). */
  public Login withRole(Role role, String districtCode, String street) {
    Login l = login();
    grant(l, role, districtCode, street);
    return l;
  }

  public void grant(Login l, Role role, String districtCode, String street) {
    server.app().services().jdbi().useTransaction(h -> server.app().services().users()
        .ensureGrant(h, Long.parseLong(l.userId()), role, districtCode, street, server.clock().instant()));
  }

  public Login cityAdmin() {
    return withRole(Role.CITY_ADMIN, null, null);
  }

  public Login districtAdmin(String districtCode) {
    return withRole(Role.DISTRICT_ADMIN, districtCode, null);
  }

  /** A street that exists in the district, with a unique name. */
  public String street(String districtCode) {
    String name = "测试街道" + newCode().substring(1, 7);
    server.app().services().jdbi().useHandle(h -> h.createUpdate(
            "INSERT INTO streets (id, district_code, name, created_at) VALUES (:id, :d, :n, :t)")
        .bind("id", cn.yuhao.care.db.Ids.next()).bind("d", districtCode).bind("n", name)
        .bind("t", server.clock().instant()).execute());
    return name;
  }
}
