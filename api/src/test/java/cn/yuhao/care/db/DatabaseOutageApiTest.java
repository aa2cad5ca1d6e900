package cn.yuhao.care.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import cn.yuhao.care.App;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.TcpProxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The database goes away under a running instance and comes back: 503 problem+json meanwhile, then service. */
@Tag("slow") // several service instances, restarts or bulk loads
class DatabaseOutageApiTest extends ApiTest {

  @Test
  void while_the_database_is_away_requests_get_503_and_the_service_recovers_by_itself()
      throws Exception {
    URI db = URI.create(server.app().services().jdbcUrl().substring("jdbc:".length()));
    try (TcpProxy proxy = new TcpProxy(db.getHost(), db.getPort());
        App other = server.another(Map.of(
            "PORT", "0", "DB_URL", "jdbc:mysql://127.0.0.1:" + proxy.port() + db.getPath()))) {
      int port = other.port();
      String token = given()
          .port(port)
          .contentType("application/json")
          .body(Map.of("code", fixtures.newCode()))
          .post("/api/v1/auth/wechat-login")
          .then()
          .statusCode(200)
          .extract()
          .path("token");

      proxy.cut();
      for (int i = 0; i < 3; i++) {
        given()
            .port(port)
            .contentType("application/json")
            .body(Map.of("code", fixtures.newCode()))
            .post("/api/v1/auth/wechat-login")
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .body("code", equalTo("DB_UNAVAILABLE"))
            .header("Retry-After", notNullValue());
      }
      given().port(port).get("/ready").then().statusCode(503).body("code", equalTo("NOT_READY"));

      proxy.restore();
      // The pool makes new connections on the next requests: no restart, no person.
      int status = 0;
      for (int i = 0; i < 100 && status != 200; i++) {
        status = given().port(port).auth().oauth2(token).get("/api/v1/me").statusCode();
        if (status != 200) {
          Thread.sleep(100);
        }
      }
      given().port(port).get("/ready").then().statusCode(200);
      given()
          .port(port)
          .contentType("application/json")
          .body(Map.of("code", fixtures.newCode()))
          .post("/api/v1/auth/wechat-login")
          .then()
          .statusCode(200);
    }
  }
}
