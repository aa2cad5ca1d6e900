package cn.yuhao.care.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The races that must never lose or double points, through HTTP against the real database, with the invariant
 * check after each. In 开州 (500154), used by no other test.
 */
@Tag("slow") // several service instances, restarts or bulk loads
class PointsConcurrencyTest extends PointsSupport {
  private static final String D_500154 = Districts.claim(PointsConcurrencyTest.class, "500154");
  static final String KAIZHOU = D_500154;

  /** Runs the calls at once on {@code threads} threads; the answers' HTTP statuses and error codes, counted. */
  static Map<String, Integer> race(int threads, List<Callable<String>> calls) throws Exception {
    var pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (Callable<String> c : calls) {
        answers.add(pool.submit(c));
      }
      Map<String, Integer> counts = new HashMap<>();
      for (Future<String> f : answers) {
        counts.merge(f.get(), 1, Integer::sum);
      }
      return counts;
    } finally {
      pool.shutdown();
    }
  }

  static String outcome(io.restassured.response.Response r) {
    return r.statusCode() < 300
        ? Integer.toString(r.statusCode())
        : r.statusCode() + " " + r.path("code");
  }

  @Test
  void fifty_verifications_of_one_code_capture_once() throws Exception {
    Login da = fixtures.districtAdmin(KAIZHOU);
    String merchant = merchant(da, KAIZHOU, 31.16, 108.39);
    String offer = offer(da, merchant, offerBody(10, 5));
    Login staff = staff(da, merchant);
    Volunteer v = fixtures.admittedVolunteer(da, KAIZHOU, 31.16, 108.39, List.of("TEACHER"), 2);
    grant(da, v.login(), 10);
    String id = redeem(v.login(), offer);
    String code = api(v.login().token())
        .get("/api/v1/redemptions/{id}", id)
        .then()
        .extract()
        .path("code");
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(() -> outcome(api(staff.token())
          .body(Map.of("code", code))
          .post("/api/v1/merchant/redemptions/verify")));
    }
    Map<String, Integer> counts = race(50, calls);
    assertEquals(Map.of("200", 1, "409 REDEMPTION_USED", 49), counts);
    long merchantBalance = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT balance FROM points_accounts WHERE kind = 'MERCHANT' AND owner_id = :m")
            .bind("m", Long.parseLong(merchant))
            .mapTo(Long.class)
            .one());
    assertEquals(10, merchantBalance);
    assertInvariants();
    assertDashboardPointsMatchLedger(KAIZHOU);
  }

  @Test
  void fifty_redemptions_against_a_balance_of_one_hundred_make_exactly_ten() throws Exception {
    Login da = fixtures.districtAdmin(KAIZHOU);
    String merchant = merchant(da, KAIZHOU, 31.17, 108.40);
    String offer = offer(da, merchant, offerBody(10, 1000));
    Volunteer v = fixtures.admittedVolunteer(da, KAIZHOU, 31.17, 108.40, List.of("TEACHER"), 2);
    grant(da, v.login(), 100);
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String key = "race-" + fixtures.newCode();
      calls.add(() -> outcome(api(v.login().token())
          .header("Idempotency-Key", key)
          .body(Map.of("offerId", offer))
          .post("/api/v1/redemptions")));
    }
    Map<String, Integer> counts = race(50, calls);
    assertEquals(Map.of("201", 10, "409 INSUFFICIENT_POINTS", 40), counts);
    assertEquals(0, balance(v.login()));
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .body("held", org.hamcrest.Matchers.equalTo(100));
    assertInvariants();
  }

  @Test
  void two_hundred_redemptions_of_a_stock_of_fifty_make_exactly_fifty() throws Exception {
    Login da = fixtures.districtAdmin(KAIZHOU);
    String merchant = merchant(da, KAIZHOU, 31.18, 108.41);
    String offer = offer(da, merchant, offerBody(5, 50));
    List<Volunteer> volunteers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Volunteer v = fixtures.admittedVolunteer(da, KAIZHOU, 31.18, 108.41, List.of("TEACHER"), 2);
      grant(da, v.login(), 100);
      volunteers.add(v);
    }
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Volunteer v = volunteers.get(i % volunteers.size());
      String key = "stock-" + fixtures.newCode();
      calls.add(() -> outcome(api(v.login().token())
          .header("Idempotency-Key", key)
          .body(Map.of("offerId", offer))
          .post("/api/v1/redemptions")));
    }
    Map<String, Integer> counts = race(50, calls);
    assertEquals(Map.of("201", 50, "409 OUT_OF_STOCK", 150), counts);
    api(da.token())
        .get("/api/v1/admin/merchants/{id}/offers", merchant)
        .then()
        .body("items[0].stockLeft", org.hamcrest.Matchers.equalTo(0));
    int spent = 0;
    for (Volunteer v : volunteers) {
      spent += 100 - balance(v.login());
    }
    assertEquals(250, spent);
    assertTrue(counts.size() == 2);
    assertInvariants();
  }
}
