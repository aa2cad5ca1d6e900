package cn.yuhao.care.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yuhao.care.App;
import cn.yuhao.care.support.ApiTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ready means ready: the port opens only after what must happen first (the demo data) is done. */
@Tag("slow") // several service instances, restarts or bulk loads
class ReadinessApiTest extends ApiTest {

  @Test
  void nothing_answers_while_the_data_loaded_before_listening_is_loading() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AtomicBoolean answeredEarly = new AtomicBoolean();
    try (App other = server.another(Map.of("PORT", Integer.toString(port)), services -> {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        answeredEarly.set(true);
      } catch (IOException refused) {
        // as it should be: /ready cannot answer 200 while this runs
      }
    })) {
      assertThat(answeredEarly).isFalse();
      io.restassured.RestAssured.given().port(other.port()).get("/ready").then().statusCode(200);
    }
  }
}
