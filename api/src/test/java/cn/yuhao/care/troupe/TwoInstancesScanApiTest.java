package cn.yuhao.care.troupe;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yuhao.care.App;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two coaches' phones on two instances scan the same children at once: each child counts once. */
@Tag("slow") // several service instances, restarts or bulk loads
class TwoInstancesScanApiTest extends ApiTest {
  private static final String D_500119 = Districts.claim(TwoInstancesScanApiTest.class, "500119");

  @Test
  void the_same_badges_scanned_through_both_instances_count_once() throws Exception {
    TroupeApiTest.Running t = TroupeApiTest.troupe(D_500119, "RUNNING", "测试：两个实例同时扫码");
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tokens.add(TroupeApiTest.token(t, TroupeApiTest.member(t, 3)));
    }
    String session = TroupeApiTest.session(t, Duration.ofMinutes(5));
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try (App other = server.another(Map.of("PORT", "0"))) {
      List<Future<String>> results = new ArrayList<>();
      for (String token : tokens) {
        for (int port : new int[] {server.app().port(), other.port()}) {
          results.add(pool.submit(() -> api(t.coach().token())
              .port(port)
              .body(TroupeApiTest.scan(token))
              .post("/api/v1/sessions/{id}/attendance", session)
              .then()
              .statusCode(org.hamcrest.Matchers.oneOf(200, 201))
              .extract()
              .<String>path("result")));
        }
      }
      List<String> answers = new ArrayList<>();
      for (Future<String> f : results) {
        answers.add(f.get());
      }
      assertThat(answers.stream().filter("RECORDED"::equals).count()).isEqualTo(tokens.size());
      assertThat(answers.stream().filter("ALREADY_RECORDED"::equals).count())
          .isEqualTo(tokens.size());
    } finally {
      pool.shutdownNow();
    }
    int rows = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attendance WHERE session_id = :s")
            .bind("s", Long.parseLong(session))
            .mapTo(Integer.class)
            .one());
    assertThat(rows).isEqualTo(tokens.size());
  }
}
