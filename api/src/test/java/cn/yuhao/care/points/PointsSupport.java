package cn.yuhao.care.points;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
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

  static String redeem(Login volunteer, String offerId) {
    return api(volunteer.token())
        .header("Idempotency-Key", "r-" + fixtures.newCode())
        .body(Map.of("offerId", offerId))
        .post("/api/v1/redemptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
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
}
