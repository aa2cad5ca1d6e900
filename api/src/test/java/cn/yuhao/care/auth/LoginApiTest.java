package cn.yuhao.care.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("smoke")
class LoginApiTest extends ApiTest {

  private static Response login(String code) {
    return api().body(Map.of("code", code)).post("/api/v1/auth/wechat-login");
  }

  @Test
  void first_login_creates_the_user_and_returns_a_token() {
    String code = fixtures.newCode();
    login(code)
        .then()
        .statusCode(200)
        .header("X-Request-Id", notNullValue())
        .body("token", matchesPattern("[A-Za-z0-9_-]{43}"))
        .body("expiresAt", notNullValue())
        .body("user.id", notNullValue())
        .body("user.roles", empty())
        .body("user.volunteerStatus", equalTo("NONE"))
        .body("user.phone", nullValue())
        .body("$", not(org.hamcrest.Matchers.hasKey("sessionKey")));
  }

  @Test
  void logging_in_again_gives_the_same_user_and_a_new_token() {
    Login first = fixtures.login();
    Login second = fixtures.login(first.code());
    assertThat(second.userId()).isEqualTo(first.userId());
    assertThat(second.token()).isNotEqualTo(first.token());
    api(first.token()).get("/api/v1/me").then().statusCode(200).body("id", equalTo(first.userId()));
    api(second.token())
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("id", equalTo(first.userId()));
  }

  @Test
  void bootstrap_openid_is_a_city_admin() {
    api(fixtures.login("test_root").token())
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("roles", hasItem("CITY_ADMIN"));
  }

  @Test
  void only_the_token_hash_is_stored_and_the_session_key_is_encrypted() {
    Login l = fixtures.login();
    var rows = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT token_hash, session_key_enc FROM login_sessions WHERE user_id = :u")
            .bind("u", Long.parseLong(l.userId()))
            .mapToMap()
            .list());
    assertThat(rows).hasSize(1);
    assertThat((byte[]) rows.get(0).get("token_hash")).isEqualTo(Tokens.hash(l.token()));
    String sessionKeyEnc = (String) rows.get(0).get("session_key_enc");
    assertThat(sessionKeyEnc).startsWith("dev1:");
    assertThat(
            server.app().services().cipher().decrypt(sessionKeyEnc, "login_sessions.session_key"))
        .hasSize(24); // 16 random bytes, base64
  }

  @Test
  void missing_code_is_422_naming_the_field() {
    raw()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("VALIDATION_FAILED"))
        .body("fields.field", hasItem("code"))
        .body("title", equalTo("提交的内容有误"));
  }

  @Test
  void wrong_type_unknown_field_and_bad_characters_are_422() {
    raw()
        .contentType(ContentType.JSON)
        .body("{\"code\": 123}")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("code"))
        .body("fields[0].message", equalTo("类型不正确"));
    raw()
        .contentType(ContentType.JSON)
        .body("{\"code\": {\"a\": 1}}")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("code"));
    raw()
        .contentType(ContentType.JSON)
        .body("{\"code\": \"abc\", \"nickname\": \"x\"}")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("nickname"));
    raw()
        .contentType(ContentType.JSON)
        .body("{\"code\": \"a b;drop\"}")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("code"));
    raw()
        .contentType(ContentType.JSON)
        .body("{\"code\": \"" + "a".repeat(129) + "\"}")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(422);
  }

  @Test
  void malformed_empty_and_non_object_bodies_are_400() {
    raw()
        .contentType(ContentType.JSON)
        .body("{\"code\": ")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(400)
        .body("code", equalTo("MALFORMED_JSON"));
    raw()
        .contentType(ContentType.JSON)
        .body("")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(400)
        .body("code", equalTo("MALFORMED_JSON"));
    raw()
        .contentType(ContentType.JSON)
        .body("[1,2]")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(400)
        .body("code", equalTo("MALFORMED_JSON"));
    raw()
        .contentType(ContentType.JSON)
        .body("{\"code\": \"abc\"} trailing")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(400)
        .body("code", equalTo("MALFORMED_JSON"));
    raw()
        .contentType(ContentType.JSON)
        .body("[".repeat(100))
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(400)
        .body("code", equalTo("MALFORMED_JSON"));
  }

  @Test
  void non_json_content_type_is_415() {
    raw()
        .contentType(ContentType.TEXT)
        .body("code=abc")
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(415)
        .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
  }

  @Test
  void oversized_body_is_413() {
    String body = "{\"code\": \"" + "a".repeat(70_000) + "\"}";
    raw()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(413)
        .body("code", equalTo("PAYLOAD_TOO_LARGE"));
  }

  @Test
  void invalid_or_used_wechat_code_is_401() {
    login("invalid" + fixtures.newCode())
        .then()
        .statusCode(401)
        .body("code", equalTo("WECHAT_CODE_INVALID"));
    login("used" + fixtures.newCode())
        .then()
        .statusCode(401)
        .body("code", equalTo("WECHAT_CODE_INVALID"));
  }

  @Test
  void wechat_failures_are_503_without_the_library_message() {
    for (String prefix : new String[] {"busy", "broken"}) {
      login(prefix + fixtures.newCode())
          .then()
          .statusCode(503)
          .body("code", equalTo("WECHAT_UNAVAILABLE"))
          .body("detail", equalTo("微信服务暂时不可用，请稍后再试"));
    }
  }

  @Test
  void slow_wechat_is_503_within_the_timeout_bound() {
    long start = System.nanoTime();
    login("slow" + fixtures.newCode())
        .then()
        .statusCode(503)
        .body("code", equalTo("WECHAT_UNAVAILABLE"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    // The configured timeout is 1.5 s; the simulator would answer after 10 s.
    assertThat(millis).isLessThan(5_000);
  }

  @Test
  void too_many_logins_for_one_user_are_429_with_retry_after() {
    String code = fixtures.newCode();
    for (int i = 0; i < 5; i++) {
      login(code).then().statusCode(200);
    }
    login(code)
        .then()
        .statusCode(429)
        .header("Retry-After", matchesPattern("[1-9][0-9]*"))
        .body("code", equalTo("RATE_LIMITED"));
  }

  @Test
  void me_without_token_is_401_unauthenticated() {
    raw()
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("UNAUTHENTICATED"))
        .body("title", equalTo("请先登录"));
  }

  @Test
  void malformed_unknown_and_non_bearer_tokens_are_401() {
    raw("not-a-token")
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("TOKEN_INVALID"));
    raw("A".repeat(43))
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("TOKEN_INVALID"));
    raw()
        .header("Authorization", "Basic dXNlcjpwYXNz")
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("TOKEN_INVALID"));
  }

  @Test
  void logout_revokes_the_token_at_once() {
    Login l = fixtures.login();
    api(l.token()).post("/api/v1/auth/logout").then().statusCode(204);
    raw(l.token()).get("/api/v1/me").then().statusCode(401).body("code", equalTo("TOKEN_INVALID"));
    raw(l.token()).post("/api/v1/auth/logout").then().statusCode(401);
  }

  @Test
  void idle_session_expires() {
    Login l = fixtures.login();
    server.clock().advance(java.time.Duration.ofDays(7).plusMinutes(1));
    raw(l.token())
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .body("code", equalTo("TOKEN_INVALID"))
        .body("detail", equalTo("登录已过期，请重新登录"));
  }

  @Test
  void session_ends_at_its_absolute_expiry_even_when_used() {
    Login l = fixtures.login();
    for (int i = 0; i < 4; i++) { // 24 days, never idle for 7
      server.clock().advance(java.time.Duration.ofDays(6));
      api(l.token()).get("/api/v1/me").then().statusCode(200);
    }
    server.clock().advance(java.time.Duration.ofDays(6)); // day 30: the absolute limit
    raw(l.token()).get("/api/v1/me").then().statusCode(401).body("code", equalTo("TOKEN_INVALID"));
  }

  @Test
  void every_response_carries_a_request_id_and_keeps_a_well_formed_one() {
    raw()
        .header("X-Request-Id", "mini-program-abc123")
        .get("/api/v1/me")
        .then()
        .header("X-Request-Id", equalTo("mini-program-abc123"))
        .body("requestId", equalTo("mini-program-abc123"));
    raw()
        .header("X-Request-Id", "bad id\u0001")
        .get("/health")
        .then()
        .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
  }

  @Test
  void unknown_path_is_404_problem() {
    raw()
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("NOT_FOUND"))
        .body("fields", hasSize(0));
  }
}
