package cn.yuhao.care.dashboard;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scan-to-login for the web dashboard: one confirmation, one token, read-only, two minutes. */
class WebTicketApiTest extends ApiTest {
  private static final String WULONG = "500156";

  private static JsonPath issue() {
    return api()
        .post("/api/v1/auth/web-tickets")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static JsonPath poll(JsonPath t) {
    return api()
        .header("X-Poll-Secret", t.getString("pollSecret"))
        .get("/api/v1/auth/web-tickets/{t}", t.getString("ticket"))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void an_admin_confirms_once_and_the_page_gets_one_read_only_token() {
    JsonPath t = issue();
    byte[] png = Base64.getDecoder().decode(t.getString("qrCodePng"));
    assertEquals("PNG", new String(png, 1, 3), "the 小程序码 is a PNG");
    assertEquals("pages/web-login/index", t.getString("page"));
    assertEquals("PENDING", poll(t).getString("status"));
    api()
        .header("X-Poll-Secret", "A".repeat(43))
        .get("/api/v1/auth/web-tickets/{t}", t.getString("ticket"))
        .then()
        .statusCode(404);
    raw().get("/api/v1/auth/web-tickets/{t}", t.getString("ticket")).then().statusCode(404);

    Login volunteer = fixtures.login();
    api(volunteer.token())
        .post("/api/v1/auth/web-tickets/{t}/confirm", t.getString("ticket"))
        .then()
        .statusCode(403);
    Login admin = fixtures.districtAdmin(WULONG);
    api(admin.token())
        .post("/api/v1/auth/web-tickets/{t}/confirm", t.getString("ticket"))
        .then()
        .statusCode(200)
        .body("status", equalTo("CONFIRMED"));
    api(admin.token())
        .post("/api/v1/auth/web-tickets/{t}/confirm", t.getString("ticket"))
        .then()
        .statusCode(409)
        .body("code", equalTo("WEB_TICKET_USED"));

    JsonPath loggedIn = poll(t);
    assertEquals("LOGGED_IN", loggedIn.getString("status"));
    String token = loggedIn.getString("token");
    api()
        .header("X-Poll-Secret", t.getString("pollSecret"))
        .get("/api/v1/auth/web-tickets/{t}", t.getString("ticket"))
        .then()
        .statusCode(200)
        .body("status", equalTo("USED"))
        .body("token", nullValue());

    // The token sees what the admin sees, on the dashboard only.
    JsonPath d = api(token)
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertEquals(List.of(WULONG), d.getList("districts.districtCode"));
    api(token).get("/api/v1/me").then().statusCode(200).body("id", equalTo(admin.userId()));
    api(token)
        .get("/api/v1/admin/children")
        .then()
        .statusCode(403)
        .body("detail", equalTo("数据看板登录只能查看看板"));
    api(token)
        .body(Map.of("name", "测试街道"))
        .post("/api/v1/admin/regions/{c}/streets", WULONG)
        .then()
        .statusCode(403);
    // The board's surveys panel: the list and results read, nothing written.
    api(token).get("/api/v1/admin/surveys").then().statusCode(200);
    api(token).get("/api/v1/admin/surveys/{id}", "1").then().statusCode(403);
    api(token)
        .body(Map.of("subjectId", WULONG))
        .post("/api/v1/admin/surveys/{id}/links", "1")
        .then()
        .statusCode(403);
    api(token)
        .post("/api/v1/auth/web-tickets/{t}/confirm", issue().getString("ticket"))
        .then()
        .statusCode(403);
    api(token).post("/api/v1/auth/logout").then().statusCode(204);
    api(token).get("/api/v1/admin/dashboard").then().statusCode(401);
    server
        .app()
        .services()
        .jdbi()
        .useHandle(h -> assertTrue(
            h.createQuery("""
            SELECT COUNT(*) FROM audit_log WHERE action = 'web-ticket.confirm' AND actor_user_id = :u""")
                    .bind("u", Long.parseLong(admin.userId()))
                    .mapTo(Integer.class)
                    .one()
                == 1,
            "the confirmation is audited"));
  }

  @Test
  void a_confirmed_ticket_is_not_exchanged_after_it_expires() {
    JsonPath t = issue();
    api(fixtures.districtAdmin(WULONG).token())
        .post("/api/v1/auth/web-tickets/{t}/confirm", t.getString("ticket"))
        .then()
        .statusCode(200);
    server.clock().advance(Duration.ofMinutes(2).plusSeconds(1));
    JsonPath late = poll(t);
    assertEquals("EXPIRED", late.getString("status"));
    assertEquals(null, late.getString("token"));
  }

  @Test
  void a_ticket_expires_after_two_minutes_and_unknown_tickets_are_not_found() {
    JsonPath t = issue();
    server.clock().advance(Duration.ofMinutes(2).plusSeconds(1));
    assertEquals("EXPIRED", poll(t).getString("status"));
    Login admin = fixtures.districtAdmin(WULONG);
    api(admin.token())
        .post("/api/v1/auth/web-tickets/{t}/confirm", t.getString("ticket"))
        .then()
        .statusCode(409)
        .body("code", equalTo("WEB_TICKET_EXPIRED"))
        .body("detail", equalTo("登录二维码已过期，请在大屏上刷新二维码"));
    assertEquals("EXPIRED", poll(t).getString("status"), "an expired ticket never logs in");
    api(admin.token())
        .post("/api/v1/auth/web-tickets/{t}/confirm", "x".repeat(22))
        .then()
        .statusCode(404);
    api(admin.token())
        .post("/api/v1/auth/web-tickets/{t}/confirm", "short")
        .then()
        .statusCode(404);
  }
}
