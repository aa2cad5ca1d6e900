package cn.yuhao.care.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.wechat.WeChatSimulator;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhoneApiTest extends ApiTest {

  @Test
  void bound_phone_is_stored_encrypted_with_a_blind_index_and_answered_masked() {
    Login l = fixtures.login();
    String phone = WeChatSimulator.phoneFor("pc" + l.code());
    String masked = phone.substring(0, 3) + "****" + phone.substring(7);
    api(l.token())
        .body(Map.of("phoneCode", "pc" + l.code()))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(200)
        .body("phone", equalTo(masked));
    api(l.token()).get("/api/v1/me").then().statusCode(200).body("phone", equalTo(masked));

    var services = server.app().services();
    var row = services
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT phone_enc, phone_index FROM users WHERE id = :id")
            .bind("id", Long.parseLong(l.userId()))
            .mapToMap()
            .one());
    String stored = (String) row.get("phone_enc");
    assertThat(stored).doesNotContain(phone).doesNotContain(phone.substring(3));
    assertThat(services.cipher().decrypt(stored, "users.phone")).isEqualTo(phone);
    assertThat(row.get("phone_index")).isEqualTo(services.blindIndex().of("phone", phone));
  }

  @Test
  void binding_is_audited_without_the_number() {
    Login l = fixtures.login();
    api(l.token())
        .body(Map.of("phoneCode", "pc" + l.code()))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(200);
    Login admin = fixtures.cityAdmin();
    api(admin.token())
        .queryParam("targetType", "user")
        .queryParam("targetId", l.userId())
        .get("/api/v1/admin/audit")
        .then()
        .statusCode(200)
        .body("items.action", hasItem("user.phone.bind"))
        .body("items.find { it.action == 'user.phone.bind' }.actorUserId", equalTo(l.userId()))
        .body("items.find { it.action == 'user.phone.bind' }.detail", equalTo(null));
  }

  @Test
  void only_an_admin_in_scope_reveals_the_full_phone_and_each_reveal_is_audited() {
    Login coach = fixtures.withRole(cn.yuhao.care.auth.Role.COACH, "500106", null);
    api(coach.token())
        .body(Map.of("phoneCode", "pc" + coach.code()))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(200);
    String phone = WeChatSimulator.phoneFor("pc" + coach.code());
    Login da = fixtures.districtAdmin("500106");
    api(da.token())
        .get("/api/v1/admin/users/{id}/phone", coach.userId())
        .then()
        .statusCode(200)
        .body("phone", equalTo(phone));
    api(fixtures.districtAdmin("500103").token())
        .get("/api/v1/admin/users/{id}/phone", coach.userId())
        .then()
        .statusCode(404);
    api(coach.token())
        .get("/api/v1/admin/users/{id}/phone", coach.userId())
        .then()
        .statusCode(403);
    api(fixtures.cityAdmin().token())
        .queryParam("targetId", coach.userId())
        .get("/api/v1/admin/audit")
        .then()
        .statusCode(200)
        .body(
            "items.findAll { it.action == 'user.phone.read' }.actorUserId",
            org.hamcrest.Matchers.contains(da.userId()));
  }

  @Test
  void invalid_phone_code_is_422_and_changes_nothing() {
    Login l = fixtures.login();
    api(l.token())
        .body(Map.of("phoneCode", "invalid" + l.code()))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(422)
        .body("code", equalTo("PHONE_CODE_INVALID"));
    api(l.token()).get("/api/v1/me").then().statusCode(200).body("phone", equalTo(null));
  }

  @Test
  void missing_code_and_missing_token_are_rejected() {
    Login l = fixtures.login();
    raw(l.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("phoneCode"));
    raw()
        .contentType(ContentType.JSON)
        .body(Map.of("phoneCode", "abc"))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(401)
        .body("code", equalTo("UNAUTHENTICATED"));
  }

  @Test
  void too_many_phone_attempts_are_429() {
    Login l = fixtures.login();
    for (int i = 0; i < 5; i++) {
      api(l.token())
          .body(Map.of("phoneCode", "invalid" + i))
          .post("/api/v1/auth/phone")
          .then()
          .statusCode(422);
    }
    api(l.token())
        .body(Map.of("phoneCode", "p" + l.code()))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(429)
        .body("code", equalTo("RATE_LIMITED"));
  }
}
