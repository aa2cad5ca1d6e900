package cn.yuhao.care.points;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Set-up shared by the points tests: merchants, offers, staff, points granted, the invariant check. */
abstract class PointsSupport extends ApiTest {

  static String merchant(Login admin, String district, double lat, double lng) {
    return api(admin.token())
        .body(Map.of(
            "name",
            "礼遇商家" + fixtures.newCode().substring(1, 6),
            "category",
            "FOOD",
            "districtCode",
            district,
            "address",
            "测试路 1 号",
            "latitude",
            lat,
            "longitude",
            lng,
            "contactName",
            "陈经理",
            "contactPhone",
            "13800138000"))
        .post("/api/v1/admin/merchants")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static Map<String, Object> offerBody(int cost, int stock) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", "麻花一袋");
    body.put("description", "凭兑换码到店领取原味麻花一袋");
    body.put("pointsCost", cost);
    body.put("stock", stock);
    body.put("validFrom", server.clock().instant().minus(Duration.ofDays(1)).toString());
    body.put("validTo", server.clock().instant().plus(Duration.ofDays(60)).toString());
    return body;
  }

  static String offer(Login admin, String merchantId, Map<String, Object> body) {
    return api(admin.token())
        .body(body)
        .post("/api/v1/admin/merchants/{id}/offers", merchantId)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** A new user who joined the merchant's staff through an invitation. */
  static Login staff(Login admin, String merchantId) {
    String scene = api(admin.token())
        .post("/api/v1/admin/merchants/{id}/staff-invites", merchantId)
        .then()
        .statusCode(201)
        .extract()
        .path("scene");
    Login l = fixtures.login();
    api(l.token())
        .post("/api/v1/merchant-invites/{scene}/accept", scene)
        .then()
        .statusCode(200)
        .body("merchantId", equalTo(merchantId));
    return l;
  }

  /** Grants points below the approval threshold (booked at once). */
  static void grant(Login admin, Login volunteer, int amount) {
    api(admin.token())
        .body(Map.of("userId", volunteer.userId(), "amount", amount, "reason", "测试发放"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201)
        .body("status", equalTo("APPLIED"));
  }

  static int balance(Login volunteer) {
    return api(volunteer.token())
        .get("/api/v1/points/me")
        .then()
        .statusCode(200)
        .extract()
        .path("balance");
  }

  /** One redemption asked for, with a fresh idempotency key: its answer, to assert on. */
  static ValidatableResponse attempt(String token, String offerId) {
    return api(token)
        .header("Idempotency-Key", "r-" + fixtures.newCode())
        .body(Map.of("offerId", offerId))
        .post("/api/v1/redemptions")
        .then();
  }

  static String redeem(Login volunteer, String offerId) {
    return attempt(volunteer.token(), offerId).statusCode(201).extract().path("id");
  }

  /** The ledger's invariants hold, through the API (the test helper is the admin endpoint itself). */
  static void assertInvariants() {
    JsonPath r = api(fixtures.cityAdmin().token())
        .get("/api/v1/admin/points/invariants")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    List<Map<String, Object>> checks = r.getList("checks");
    assertTrue(r.getBoolean("ok"), "invariant violations: " + checks);
    assertTrue(checks.size() >= 9);
  }

  /**
   * The dashboard's points figures for the district, over the last two years, equal a count over the ledger's own
   * rows booked in it, and what it shows volunteers holding equals their balances: the counters the ledger keeps
   * follow every kind of transaction.
   */
  static void assertDashboardPointsMatchLedger(String district) {
    LocalDate today = CarePeriods.day(server.clock().instant());
    LocalDate from = today.minusYears(2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant start = from.atStartOfDay(CarePeriods.CHONGQING).toInstant();
    Instant end = today
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .plusWeeks(1)
        .atStartOfDay(CarePeriods.CHONGQING)
        .toInstant();
    Map<String, Object> counted = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("""
            SELECT
              COALESCE(SUM(CASE WHEN t.kind IN ('EARN', 'GRANT') THEN t.amount
                                WHEN t.kind = 'CLAWBACK' THEN -t.amount ELSE 0 END), 0) AS issued,
              COALESCE(SUM(CASE WHEN t.kind = 'CAPTURE' THEN t.amount ELSE 0 END), 0) AS redeemed,
              COALESCE(SUM(CASE WHEN t.kind IN ('EXPIRE', 'RELEASE') THEN
                  (SELECT COALESCE(SUM(e.amount), 0) FROM points_entries e
                    WHERE e.transaction_id = t.id AND e.account_id = 2) ELSE 0 END), 0) AS expired
              FROM points_transactions t
             WHERE t.district_code = :d AND t.created_at >= :start AND t.created_at < :end""")
            .bind("d", district)
            .bind("start", start)
            .bind("end", end)
            .map((rs, ctx) -> Map.<String, Object>of(
                "issued", rs.getInt("issued"),
                "redeemed", rs.getInt("redeemed"),
                "expired", rs.getInt("expired")))
            .one());
    Map<String, Object> shown = api(fixtures.cityAdmin().token())
        .queryParam("from", from.toString())
        .queryParam("districtCode", district)
        .get("/api/v1/admin/dashboard")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("total.points");
    assertEquals(
        counted,
        Map.of(
            "issued", shown.get("issued"),
            "redeemed", shown.get("redeemed"),
            "expired", shown.get("expired")));
    // What they hold now is their balances (no volunteer here has moved district).
    long balances = server
        .app()
        .services()
        .jdbi()
        .withHandle(
            h -> h.createQuery("""
            SELECT COALESCE(SUM(a.balance), 0) FROM points_accounts a JOIN volunteers v ON v.user_id = a.owner_id
             WHERE a.kind IN ('VOLUNTEER', 'PENDING') AND v.district_code = :d""").bind("d", district).mapTo(Long.class).one());
    assertEquals(balances, ((Number) shown.get("outstanding")).longValue());
  }
}
