package cn.yuhao.care.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLIntegrityConstraintViolationException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one error mapper on a bare server with routes that fail the ways real code can. */
class ErrorMapperTest {
  private static Javalin app;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app = HttpServer.create(
            Json.mapper(), new SimpleMeterRegistry(), ctx -> {}, QueryRules.fromContract(), () -> {
              get(
                  "/boom",
                  ctx -> {
                    throw new IllegalStateException(
                        "SELECT secret FROM users -- at com.example.Foo");
                  },
                  Access.PUBLIC);
              get(
                  "/duplicate",
                  ctx -> {
                    throw new UnableToExecuteStatementException(
                        new SQLIntegrityConstraintViolationException(
                            "Duplicate entry 'x' for key 'uk'", "23000", 1062),
                        null);
                  },
                  Access.PUBLIC);
            })
        .start(0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> fetch(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unexpected_errors_are_500_with_the_request_id_and_nothing_internal() throws Exception {
    HttpResponse<String> r = fetch("/boom");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(r.body())
        .contains("\"code\":\"INTERNAL_ERROR\"")
        .contains(requestId)
        .doesNotContain("SELECT")
        .doesNotContain("com.example")
        .doesNotContain("Exception");
  }

  @Test
  void duplicate_keys_from_the_database_are_409() throws Exception {
    HttpResponse<String> r = fetch("/duplicate");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("\"code\":\"DUPLICATE\"").doesNotContain("Duplicate entry");
  }
}
