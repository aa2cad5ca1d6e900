package cn.yuhao.care.points;

import static cn.yuhao.care.points.PointsSupport.assertInvariants;
import static cn.yuhao.care.points.PointsSupport.balance;
import static cn.yuhao.care.points.PointsSupport.grant;
import static cn.yuhao.care.points.PointsSupport.merchant;
import static cn.yuhao.care.points.PointsSupport.offer;
import static cn.yuhao.care.points.PointsSupport.offerBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.yuhao.care.App;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import cn.yuhao.care.support.Fixtures.Volunteer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service on one database, as behind a load balancer: redemptions, keyed writes and the
 * scheduler's jobs on both at once double nothing, and a logout on one holds on the other within the token
 * cache's time (TOKEN_CACHE_SECONDS, 2 s). District 江津 is this class's alone.
 */
@Tag("slow") // several service instances, restarts or bulk loads
class TwoInstancesApiTest extends ApiTest {
  private static final String JIANGJIN = "500116";
  private static App other;
  private static ExecutorService pool;

  @BeforeAll
  static void startTheSecond() {
    other = server.another(Map.of("PORT", "0"));
    pool = Executors.newFixedThreadPool(16);
  }

  @AfterAll
  static void stopTheSecond() {
    pool.shutdownNow();
    other.close();
  }

  private static int port(int i) {
    return i % 2 == 0 ? server.app().port() : other.port();
  }

  @Test
  void an_offer_with_stock_5_is_redeemed_exactly_5_times_through_both_instances() throws Exception {
    Login da = fixtures.districtAdmin(JIANGJIN);
    Login city = fixtures.cityAdmin();
    String offer = offer(city, merchant(city, JIANGJIN, 29.29, 106.26), offerBody(10, 5));
    List<Volunteer> volunteers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Volunteer v = fixtures.admittedVolunteer(da, JIANGJIN, 29.29, 106.26, List.of("TEACHER"), 1);
      grant(da, v.login(), 50);
      volunteers.add(v);
    }
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < volunteers.size(); i++) {
      Login l = volunteers.get(i).login();
      int port = port(i);
      answers.add(pool.submit(() -> api(l.token())
          .port(port)
          .header("Idempotency-Key", UUID.randomUUID().toString())
          .body(Map.of("offerId", offer))
          .post("/api/v1/redemptions")
          .statusCode()));
    }
    int created = 0;
    for (Future<Integer> f : answers) {
      int status = f.get();
      assertThat(status).isIn(201, 409);
      created += status == 201 ? 1 : 0;
    }
    assertEquals(5, created);
    assertInvariants();
  }

  @Test
  void the_same_keyed_request_on_both_instances_at_once_is_done_once() throws Exception {
    Paired p = fixtures.pairing(JIANGJIN, Map.of());
    fixtures.backdatePairing(p.pairingId(), Duration.ofDays(1));
    String key = UUID.randomUUID().toString();
    Map<String, Object> record = Map.of(
        "kind",
        "CONTACT_CHILD",
        "occurredAt",
        server.clock().instant().minusSeconds(600).toString(),
        "way",
        "PHONE",
        "summary",
        "电话联系，孩子一切都好。");
    List<Future<String>> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int port = port(i);
      ids.add(pool.submit(() -> api(p.volunteer().login().token())
          .port(port)
          .header("Idempotency-Key", key)
          .body(record)
          .post("/api/v1/pairings/{id}/care-records", p.pairingId())
          .then()
          .statusCode(201)
          .extract()
          .<String>path("id")));
    }
    Set<String> distinct = new HashSet<>();
    for (Future<String> f : ids) {
      distinct.add(f.get());
    }
    assertThat(distinct).hasSize(1);

    // Both schedulers at once, several rounds: the on-time contact earns its 2 points once.
    List<Future<?>> rounds = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      App app = i % 2 == 0 ? server.app() : other;
      rounds.add(pool.submit(() -> app.services().scheduler().runOnce()));
    }
    for (Future<?> f : rounds) {
      f.get();
    }
    assertEquals(2, balance(p.volunteer().login()));
    assertInvariants();
  }

  @Test
  void a_logout_on_one_instance_holds_on_the_other_within_the_token_cache_time() throws Exception {
    Login l = fixtures.login();
    api(l.token()).port(other.port()).get("/api/v1/me").then().statusCode(200);
    api(l.token()).post("/api/v1/auth/logout").then().statusCode(204);
    long deadline = System.nanoTime()
        + Duration.ofSeconds(2 + 10).toNanos(); // the cache's 2 s, and a busy machine
    int status = 200;
    while (status == 200 && System.nanoTime() < deadline) {
      status = api(l.token()).port(other.port()).get("/api/v1/me").statusCode();
      if (status == 200) {
        Thread.sleep(100);
      }
    }
    assertEquals(401, status);
  }
}
