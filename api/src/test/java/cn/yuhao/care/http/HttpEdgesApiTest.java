package cn.yuhao.care.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.App;
import cn.yuhao.care.support.ApiTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Answers at the edge of the service: every one of them problem+json with the same headers. */
class HttpEdgesApiTest extends ApiTest {

  @Test
  void head_answers_like_get_without_a_body_and_with_the_same_access_rules() {
    Response get = api().get("/api/v1/regions");
    raw()
        .head("/api/v1/regions")
        .then()
        .statusCode(200)
        .body(emptyString())
        .header("Content-Type", get.contentType());
    raw().head("/api/v1/me").then().statusCode(401).body(emptyString());
    raw(fixtures.login().token()).head("/api/v1/admin/children").then().statusCode(403);
    raw().head("/health").then().statusCode(200);
  }

  @Test
  void a_known_path_with_another_method_is_405_problem_json() {
    raw()
        .delete("/api/v1/regions")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .body("code", equalTo("METHOD_NOT_ALLOWED"));
    raw().put("/api/v1/auth/wechat-login").then().statusCode(405);
    raw().get("/api/v1/no-such-thing").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
  }

  @Test
  void every_answer_is_not_stored_and_not_sniffed() {
    for (Response r : new Response[] {
      api().get("/api/v1/regions"),
      raw().get("/api/v1/me"),
      raw().get("/api/v1/nothing"),
      raw().delete("/api/v1/regions")
    }) {
      assertThat(r.header("Cache-Control")).isEqualTo("no-store");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }

  @Test
  void a_uri_jetty_cannot_parse_is_answered_as_problem_json() throws IOException {
    String answer = exchange(
        server.app().port(), "GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(answer)
        .startsWith("HTTP/1.1 400")
        .contains("application/problem+json")
        .contains("\"code\":\"BAD_REQUEST\"")
        .contains("no-store")
        .doesNotContain("<html");
  }

  @Test
  void metrics_need_the_token_when_one_is_set() {
    try (App other = server.another(Map.of("METRICS_TOKEN", "s3cret-metrics-token", "PORT", "0"))) {
      io.restassured.RestAssured.given()
          .port(other.port())
          .get("/metrics")
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
      io.restassured.RestAssured.given()
          .port(other.port())
          .auth()
          .oauth2("wrong")
          .get("/metrics")
          .then()
          .statusCode(401);
      io.restassured.RestAssured.given()
          .port(other.port())
          .auth()
          .oauth2("s3cret-metrics-token")
          .get("/metrics")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void a_request_on_a_kept_alive_connection_during_a_graceful_stop_gets_problem_json()
      throws Exception {
    // WeChat's answer to a "slow" code takes 10 s in the simulator: that login keeps the stop
    // waiting.
    App other = server.another(Map.of("PORT", "0", "WECHAT_TIMEOUT_MS", "60000"));
    int port = other.port();
    try (Socket kept = new Socket("127.0.0.1", port)) {
      OutputStream out = kept.getOutputStream();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(kept.getInputStream(), StandardCharsets.UTF_8));
      out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
      CompletableFuture<Void> slow =
          CompletableFuture.runAsync(() -> io.restassured.RestAssured.given()
              .port(port)
              .contentType("application/json")
              .body("{\"code\":\"slow-stop\"}")
              .post("/api/v1/auth/wechat-login"));
      waitUntilInFlight(other);
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(other::close);
      waitUntilRefused(port);
      // Jetty stops accepting before its handlers start refusing: in between, a request on a kept
      // connection is still served. Ask until the stop reaches the handlers (the slow login holds
      // the stop there for 10 s).
      String answer = null;
      for (int asked = 0; asked < 500; asked++) {
        out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        answer = readResponse(in);
        if (!answer.startsWith("HTTP/1.1 200")) {
          break;
        }
        Thread.sleep(10);
      }
      assertThat(answer)
          .startsWith("HTTP/1.1 503")
          .contains("application/problem+json")
          .doesNotContain("<html");
      stopping.join();
      slow.handle((done, failed) -> null)
          .join(); // cut at the 10 s stop timeout or answered: either is fine
    }
  }

  private static void waitUntilInFlight(App app) throws InterruptedException {
    while (app.services().simulator().slowCallsStarted() == 0) {
      Thread.sleep(10);
    }
  }

  private static void waitUntilRefused(int port) throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        Thread.sleep(10);
      } catch (IOException refused) {
        return;
      }
    }
    throw new AssertionError("the server kept accepting connections");
  }

  private static String exchange(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One HTTP/1.1 response: head and a Content-Length body. */
  private static String readResponse(BufferedReader in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      sb.append(line).append('\n');
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    char[] body = new char[length];
    int read = 0;
    while (read < length) {
      int n = in.read(body, read, length - read);
      if (n < 0) {
        break;
      }
      read += n;
    }
    return sb.append('\n').append(body, 0, read).toString();
  }
}
