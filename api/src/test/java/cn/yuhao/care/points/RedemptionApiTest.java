package cn.yuhao.care.points;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merchants, offers and redemption (核销) in 铜梁 (500151) and 潼南 (500152), districts no other test uses. */
class RedemptionApiTest extends PointsSupport {
  private static final String D_500151 = Districts.claim(RedemptionApiTest.class, "500151");
  static final String TONGLIANG = D_500151;
  static final String TONGNAN = "500152";

  @Test
  void a_volunteer_redeems_and_the_merchant_verifies_once() {
    Login da = fixtures.districtAdmin(TONGLIANG);
    String merchant = merchant(da, TONGLIANG, 29.84, 106.05);
    String offer = offer(da, merchant, offerBody(30, 5));
    Login staff = staff(da, merchant);
    Volunteer v = fixtures.admittedVolunteer(da, TONGLIANG, 29.84, 106.05, List.of("TEACHER"), 2);
    grant(da, v.login(), 100);

    String key = "redeem-" + fixtures.newCode();
    var first = api(v.login().token())
        .header("Idempotency-Key", key)
        .body(Map.of("offerId", offer))
        .post("/api/v1/redemptions")
        .then()
        .statusCode(201)
        .body("status", equalTo("HELD"))
        .body("code", matchesPattern("[0-9]{8}"))
        .body("points", equalTo(30))
        .extract()
        .jsonPath();
    String id = first.getString("id");
    String code = first.getString("code");
    assertEquals("YHR:" + code, first.getString("qrPayload"));
    // A retry with the same key answers the same redemption; the same key with another body is
    // refused.
    api(v.login().token())
        .header("Idempotency-Key", key)
        .body(Map.of("offerId", offer))
        .post("/api/v1/redemptions")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(id))
        .body("code", equalTo(code));
    api(v.login().token())
        .header("Idempotency-Key", key)
        .body(Map.of("offerId", "1"))
        .post("/api/v1/redemptions")
        .then()
        .statusCode(422)
        .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .statusCode(200)
        .body("balance", equalTo(70))
        .body("held", equalTo(30))
        .body("entries[0].kind", equalTo("HOLD"))
        .body("entries[0].amount", equalTo(-30));
    api(da.token())
        .get("/api/v1/admin/merchants/{id}/offers", merchant)
        .then()
        .body("items[0].stockLeft", equalTo(4));

    // The scanned QR payload verifies like the typed code; a second verification is refused.
    api(staff.token())
        .body(Map.of("code", "YHR:" + code))
        .post("/api/v1/merchant/redemptions/verify")
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("points", equalTo(30))
        .body("volunteer", containsString("*"));
    api(staff.token())
        .body(Map.of("code", code))
        .post("/api/v1/merchant/redemptions/verify")
        .then()
        .statusCode(409)
        .body("code", equalTo("REDEMPTION_USED"));
    api(v.login().token())
        .get("/api/v1/redemptions/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("USED"))
        .body("code", nullValue())
        .body("usedAt", notNullValue());
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .body("balance", equalTo(70))
        .body("held", equalTo(0));
    api(staff.token())
        .get("/api/v1/merchant/redemptions")
        .then()
        .statusCode(200)
        .body("count", equalTo(1))
        .body("points", equalTo(30))
        .body("items[0].id", equalTo(id));
    api(staff.token())
        .queryParam("date", "2026-13-01")
        .get("/api/v1/merchant/redemptions")
        .then()
        .statusCode(422);
    // A volunteer cannot see another's redemption; staff cannot redeem; a volunteer cannot verify.
    Volunteer other =
        fixtures.admittedVolunteer(da, TONGLIANG, 29.84, 106.05, List.of("TEACHER"), 2);
    api(other.login().token()).get("/api/v1/redemptions/{id}", id).then().statusCode(404);
    api(v.login().token())
        .body(Map.of("code", code))
        .post("/api/v1/merchant/redemptions/verify")
        .then()
        .statusCode(403);
    assertInvariants();
  }

  @Test
  void cancelled_and_expired_redemptions_give_points_and_stock_back() {
    Login da = fixtures.districtAdmin(TONGLIANG);
    String merchant = merchant(da, TONGLIANG, 29.85, 106.06);
    String offer = offer(da, merchant, offerBody(40, 2));
    Login staff = staff(da, merchant);
    Volunteer v = fixtures.admittedVolunteer(da, TONGLIANG, 29.85, 106.06, List.of("TEACHER"), 2);
    grant(da, v.login(), 100);

    String cancelled = redeem(v.login(), offer);
    api(v.login().token())
        .post("/api/v1/redemptions/{id}/cancel", cancelled)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"))
        .body("code", nullValue());
    api(v.login().token())
        .post("/api/v1/redemptions/{id}/cancel", cancelled)
        .then()
        .statusCode(409)
        .body("code", equalTo("REDEMPTION_STATE"));
    assertEquals(100, balance(v.login()));

    // A code verified after 10 minutes is refused and its points go back at once.
    String late = redeem(v.login(), offer);
    String lateCode = api(v.login().token())
        .get("/api/v1/redemptions/{id}", late)
        .then()
        .extract()
        .path("code");
    server.clock().advance(Duration.ofMinutes(11));
    api(staff.token())
        .body(Map.of("code", lateCode))
        .post("/api/v1/merchant/redemptions/verify")
        .then()
        .statusCode(409)
        .body("code", equalTo("REDEMPTION_EXPIRED"));
    assertEquals(100, balance(v.login()));
    api(v.login().token())
        .get("/api/v1/redemptions/{id}", late)
        .then()
        .body("status", equalTo("EXPIRED"));

    // The scheduler releases codes nobody verified.
    String forgotten = redeem(v.login(), offer);
    assertEquals(60, balance(v.login()));
    server.clock().advance(Duration.ofMinutes(11));
    server.app().services().redemptions().expireHeld();
    assertEquals(100, balance(v.login()));
    api(da.token())
        .get("/api/v1/admin/merchants/{id}/offers", merchant)
        .then()
        .body("items[0].stockLeft", equalTo(2));
    api(v.login().token())
        .get("/api/v1/redemptions/mine")
        .then()
        .statusCode(200)
        .body("items.status", hasItem("CANCELLED"))
        .body("items.find { it.id == '" + forgotten + "' }.status", equalTo("EXPIRED"));
    api(v.login().token()).get("/api/v1/points/me").then().body("entries.kind", hasItem("RELEASE"));
    assertInvariants();
  }

  @Test
  void redemption_rules_refuse_with_clear_codes() {
    Login da = fixtures.districtAdmin(TONGLIANG);
    String merchant = merchant(da, TONGLIANG, 29.86, 106.07);
    Volunteer v = fixtures.admittedVolunteer(da, TONGLIANG, 29.86, 106.07, List.of("TEACHER"), 2);
    grant(da, v.login(), 50);
    String token = v.login().token();

    var starred = offerBody(10, 5);
    starred.put("minStars", 1);
    String starOffer = offer(da, merchant, starred);
    attempt(token, starOffer)
        .statusCode(409)
        .body("code", equalTo("STAR_LEVEL_TOO_LOW"))
        .body("detail", containsString("1 星"));

    var daily = offerBody(10, 5);
    daily.put("perVolunteerLimit", 1);
    daily.put("limitPeriod", "DAY");
    String dailyOffer = offer(da, merchant, daily);
    redeem(v.login(), dailyOffer);
    attempt(token, dailyOffer).statusCode(409).body("code", equalTo("REDEMPTION_LIMIT_REACHED"));

    String dear = offer(da, merchant, offerBody(1000, 5));
    // Her list leaves out the offer whose daily limit she reached, and shows the dear one as not
    // affordable.
    api(token)
        .queryParam("lat", "29.86")
        .queryParam("lng", "106.07")
        .queryParam("limit", "100")
        .get("/api/v1/offers")
        .then()
        .statusCode(200)
        .body("items.id", org.hamcrest.Matchers.not(hasItem(dailyOffer)))
        .body("items.find { it.id == '" + dear + "' }.affordable", equalTo(false));
    attempt(token, dear)
        .statusCode(409)
        .body("code", equalTo("INSUFFICIENT_POINTS"))
        .body("detail", containsString("1000"));
    // A volunteer who never held a point has no account yet: it is opened, and she is told she
    // has 0.
    Volunteer fresh =
        fixtures.admittedVolunteer(da, TONGLIANG, 29.86, 106.07, List.of("TEACHER"), 1);
    attempt(fresh.login().token(), dear)
        .statusCode(409)
        .body("code", equalTo("INSUFFICIENT_POINTS"))
        .body("detail", containsString("您可用 0 积分"));

    String paused = offer(da, merchant, offerBody(10, 5));
    api(da.token())
        .body(Map.of("status", "PAUSED"))
        .patch("/api/v1/admin/offers/{id}", paused)
        .then()
        .statusCode(200);
    attempt(token, paused).statusCode(409).body("code", equalTo("OFFER_UNAVAILABLE"));
    var future = offerBody(10, 5);
    future.put("validFrom", server.clock().instant().plus(Duration.ofDays(3)).toString());
    String notYet = offer(da, merchant, future);
    attempt(token, notYet).statusCode(409).body("code", equalTo("OFFER_UNAVAILABLE"));

    var past = offerBody(10, 5);
    past.put("validFrom", server.clock().instant().minus(Duration.ofDays(30)).toString());
    past.put("validTo", server.clock().instant().minus(Duration.ofDays(1)).toString());
    String ended = offer(da, merchant, past);
    attempt(token, ended)
        .statusCode(409)
        .body("code", equalTo("OFFER_UNAVAILABLE"))
        .body("detail", containsString("已过兑换期"));

    String single = offer(da, merchant, offerBody(5, 1));
    Volunteer rich =
        fixtures.admittedVolunteer(da, TONGLIANG, 29.86, 106.07, List.of("TEACHER"), 2);
    grant(da, rich.login(), 50);
    redeem(rich.login(), single);
    attempt(token, single).statusCode(409).body("code", equalTo("OUT_OF_STOCK"));
    // Sold out is said first: a volunteer who could not afford it is not sent to earn points for
    // it.
    attempt(fresh.login().token(), single)
        .statusCode(409)
        .body("code", equalTo("OUT_OF_STOCK"))
        .body("detail", equalTo("这项礼遇已经兑完了"));

    attempt(token, "123").statusCode(404);
    raw(token)
        .contentType("application/json")
        .body(Map.of("offerId", single))
        .post("/api/v1/redemptions")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("Idempotency-Key"));
    raw(token)
        .contentType("application/json")
        .header("Idempotency-Key", "k-" + fixtures.newCode())
        .body(Map.of())
        .post("/api/v1/redemptions")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("offerId"));

    // A suspended merchant's offers cannot be redeemed and leave the list.
    String open = offer(da, merchant, offerBody(1, 5));
    api(token)
        .queryParam("lat", "29.86")
        .queryParam("lng", "106.07")
        .queryParam("limit", "100")
        .get("/api/v1/offers")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(open));
    api(da.token())
        .body(Map.of("status", "SUSPENDED"))
        .patch("/api/v1/admin/merchants/{id}", merchant)
        .then()
        .statusCode(200)
        .body("status", equalTo("SUSPENDED"));
    attempt(token, open).statusCode(409).body("code", equalTo("OFFER_UNAVAILABLE"));
    api(token)
        .queryParam("lat", "29.86")
        .queryParam("lng", "106.07")
        .queryParam("limit", "100")
        .get("/api/v1/offers")
        .then()
        .statusCode(200)
        .body("items.id", org.hamcrest.Matchers.not(hasItem(open)));
    api(da.token())
        .body(Map.of("status", "ACTIVE"))
        .patch("/api/v1/admin/merchants/{id}", merchant)
        .then()
        .statusCode(200);
    // A suspended volunteer loses the VOLUNTEER role, so she cannot redeem.
    api(da.token())
        .body(Map.of("reason", "暂停服务核查"))
        .post("/api/v1/admin/volunteers/{id}/suspend", v.id())
        .then()
        .statusCode(200);
    String cheap = offer(da, merchant, offerBody(1, 5));
    attempt(token, cheap).statusCode(403);
    assertInvariants();
  }

  @Test
  void staff_verify_only_their_merchants_codes_and_wrong_codes_are_limited() {
    Login da = fixtures.districtAdmin(TONGLIANG);
    String mine = merchant(da, TONGLIANG, 29.87, 106.08);
    String theirs = merchant(da, TONGLIANG, 29.87, 106.08);
    String offer = offer(da, theirs, offerBody(10, 5));
    Login staff = staff(da, mine);
    Volunteer v = fixtures.admittedVolunteer(da, TONGLIANG, 29.87, 106.08, List.of("TEACHER"), 2);
    grant(da, v.login(), 20);
    String id = redeem(v.login(), offer);
    String code = api(v.login().token())
        .get("/api/v1/redemptions/{id}", id)
        .then()
        .extract()
        .path("code");

    api(staff.token())
        .body(Map.of("code", code))
        .post("/api/v1/merchant/redemptions/verify")
        .then()
        .statusCode(404);
    api(staff.token())
        .body(Map.of("code", "12ab"))
        .post("/api/v1/merchant/redemptions/verify")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("code"));
    for (int i = 0; i < 9; i++) {
      api(staff.token())
          .body(Map.of("code", String.format("%08d", i)))
          .post("/api/v1/merchant/redemptions/verify")
          .then()
          .statusCode(404);
    }
    // The tenth wrong code used the last attempt: from now on even a right code waits.
    api(staff.token())
        .body(Map.of("code", code))
        .post("/api/v1/merchant/redemptions/verify")
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("code", equalTo("RATE_LIMITED"));

    // Removed staff lose the role at once.
    api(da.token())
        .get("/api/v1/admin/merchants/{id}/staff", mine)
        .then()
        .statusCode(200)
        .body("items[0].userId", equalTo(staff.userId()));
    api(da.token())
        .delete("/api/v1/admin/merchants/{id}/staff/{u}", mine, staff.userId())
        .then()
        .statusCode(204);
    api(staff.token()).get("/api/v1/merchant/redemptions").then().statusCode(403);
  }

  @Test
  void merchants_and_offers_are_validated_and_scoped() {
    Login da = fixtures.districtAdmin(TONGLIANG);
    Login other = fixtures.districtAdmin(TONGNAN);
    raw(da.token())
        .contentType("application/json")
        .body(Map.of(
            "name",
            "",
            "category",
            "BAR",
            "districtCode",
            TONGLIANG,
            "address",
            "x",
            "contactName",
            "陈",
            "contactPhone",
            "123",
            "latitude",
            29.8))
        .post("/api/v1/admin/merchants")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("name"))
        .body("fields.field", hasItem("category"))
        .body("fields.field", hasItem("contactPhone"))
        .body("fields.field", hasItem("longitude"));
    api(da.token())
        .body(Map.of(
            "name",
            "外区商家",
            "category",
            "FOOD",
            "districtCode",
            TONGNAN,
            "address",
            "潼南某路",
            "contactName",
            "李",
            "contactPhone",
            "13800138000"))
        .post("/api/v1/admin/merchants")
        .then()
        .statusCode(403);

    String merchant = merchant(da, TONGLIANG, 29.88, 106.09);
    api(other.token()).get("/api/v1/admin/merchants/{id}", merchant).then().statusCode(404);
    api(other.token())
        .body(offerBody(10, 5))
        .post("/api/v1/admin/merchants/{id}/offers", merchant)
        .then()
        .statusCode(404);
    api(other.token())
        .get("/api/v1/admin/merchants")
        .then()
        .statusCode(200)
        .body("items.id", org.hamcrest.Matchers.not(hasItem(merchant)));
    api(da.token())
        .get("/api/v1/admin/merchants/{id}", merchant)
        .then()
        .statusCode(200)
        .body("contactPhone", equalTo("13800138000"));
    String stored = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT contact_phone_enc FROM merchants WHERE id = :id")
            .bind("id", Long.parseLong(merchant))
            .mapTo(String.class)
            .one());
    org.junit.jupiter.api.Assertions.assertFalse(stored.contains("13800138000"));

    for (Object[] bad : new Object[][] {
      {"pointsCost", 0},
      {"pointsCost", -5},
      {"pointsCost", 2_000_000_000},
      {"stock", 0},
      {"minStars", 6},
      {"limitPeriod", "YEAR"},
      {"perVolunteerLimit", 0}
    }) {
      var body = offerBody(10, 5);
      body.put((String) bad[0], bad[1]);
      raw(da.token())
          .contentType("application/json")
          .body(body)
          .post("/api/v1/admin/merchants/{id}/offers", merchant)
          .then()
          .statusCode(422)
          .body("fields[0].field", equalTo(bad[0]));
    }
    var backwards = offerBody(10, 5);
    backwards.put("validTo", server.clock().instant().minus(Duration.ofDays(2)).toString());
    api(da.token())
        .body(backwards)
        .post("/api/v1/admin/merchants/{id}/offers", merchant)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("validTo"));
    String offer = offer(da, merchant, offerBody(10, 3));
    api(da.token())
        .body(Map.of("stock", -5))
        .patch("/api/v1/admin/offers/{id}", offer)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("stock"));
    api(da.token())
        .body(Map.of("pointsCost", 5))
        .patch("/api/v1/admin/offers/{id}", offer)
        .then()
        .statusCode(422);
    api(da.token())
        .body(Map.of("stock", 7))
        .patch("/api/v1/admin/offers/{id}", offer)
        .then()
        .statusCode(200)
        .body("stockTotal", equalTo(10))
        .body("stockLeft", equalTo(10));
    api(other.token())
        .body(Map.of("stock", 7))
        .patch("/api/v1/admin/offers/{id}", offer)
        .then()
        .statusCode(404);

    // Invitations work once; while unused, the code can be shown again as a PNG.
    io.restassured.path.json.JsonPath invite = api(da.token())
        .post("/api/v1/admin/merchants/{id}/staff-invites", merchant)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
    String scene = invite.getString("scene");
    String invitePng = "/api/v1/admin/merchants/{id}/staff-invites/{invite}.png";
    byte[] png = api(da.token())
        .get(invitePng, merchant, invite.getString("id"))
        .then()
        .statusCode(200)
        .contentType("image/png")
        .extract()
        .asByteArray();
    org.assertj.core.api.Assertions.assertThat(
            new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("PNG");
    api(other.token()).get(invitePng, merchant, invite.getString("id")).then().statusCode(404);
    api(fixtures.login().token())
        .post("/api/v1/merchant-invites/{s}/accept", scene)
        .then()
        .statusCode(200);
    api(fixtures.login().token())
        .post("/api/v1/merchant-invites/{s}/accept", scene)
        .then()
        .statusCode(409)
        .body("code", equalTo("INVITE_USED"));
    api(da.token()).get(invitePng, merchant, invite.getString("id")).then().statusCode(404);
    api(fixtures.login().token())
        .post("/api/v1/merchant-invites/{s}/accept", scene + "x")
        .then()
        .statusCode(404);
    String staleScene = api(da.token())
        .post("/api/v1/admin/merchants/{id}/staff-invites", merchant)
        .then()
        .statusCode(201)
        .extract()
        .path("scene");
    server
        .app()
        .services()
        .jdbi()
        .useHandle(h -> h.createUpdate(
                "UPDATE merchant_invites SET expires_at = :t WHERE merchant_id = :m AND used_by IS NULL")
            .bind("t", server.clock().instant().minusSeconds(1))
            .bind("m", Long.parseLong(merchant))
            .execute());
    api(fixtures.login().token())
        .post("/api/v1/merchant-invites/{s}/accept", staleScene)
        .then()
        .statusCode(409)
        .body("code", equalTo("INVITE_EXPIRED"));
  }

  @Test
  void the_offer_list_is_what_she_can_redeem_nearest_first() {
    Login da = fixtures.districtAdmin(TONGNAN);
    String near = merchant(da, TONGNAN, 30.19, 105.84);
    String far = merchant(da, TONGNAN, 30.40, 105.60);
    String nearOffer = offer(da, near, offerBody(10, 5));
    String farOffer = offer(da, far, offerBody(500, 5));
    // The district admin's merchants, newest first.
    assertEquals(
        List.of(far, near),
        api(da.token())
            .queryParam("districtCode", TONGNAN)
            .queryParam("limit", 2)
            .get("/api/v1/admin/merchants")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", String.class));
    var starred = offerBody(5, 5);
    starred.put("minStars", 3);
    String starOffer = offer(da, near, starred);
    Volunteer v = fixtures.admittedVolunteer(da, TONGNAN, 30.19, 105.84, List.of("TEACHER"), 2);
    grant(da, v.login(), 20);

    var items = api(v.login().token())
        .queryParam("lat", "30.1905")
        .queryParam("lng", "105.8405")
        .queryParam("limit", "100")
        .get("/api/v1/offers")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    List<String> ids = items.getList("items.id");
    org.junit.jupiter.api.Assertions.assertTrue(
        ids.indexOf(nearOffer) >= 0 && ids.indexOf(farOffer) > ids.indexOf(nearOffer),
        "nearest first: " + ids);
    org.junit.jupiter.api.Assertions.assertFalse(
        ids.contains(starOffer), "3-star offer listed for a 0-star volunteer");
    assertEquals(true, items.get("items.find { it.id == '" + nearOffer + "' }.affordable"));
    assertEquals(false, items.get("items.find { it.id == '" + farOffer + "' }.affordable"));
    // One at a time by cursor: the same offers in the same order, across the rings of the search.
    List<String> walked = new java.util.ArrayList<>();
    String cursor = null;
    do {
      var spec = api(v.login().token())
          .queryParam("lat", "30.1905")
          .queryParam("lng", "105.8405")
          .queryParam("limit", 1);
      if (cursor != null) {
        spec = spec.queryParam("cursor", cursor);
      }
      var page = spec.get("/api/v1/offers").then().statusCode(200).extract().jsonPath();
      walked.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null && walked.size() <= ids.size());
    assertEquals(ids, walked);
    raw(v.login().token())
        .queryParam("lat", "30.1905")
        .queryParam("lng", "105.8405")
        .queryParam("cursor", "not-a-cursor")
        .get("/api/v1/offers")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("cursor"));
    api(v.login().token())
        .queryParam("lat", "30.19")
        .get("/api/v1/offers")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("lng"));
    api(v.login().token())
        .queryParam("lat", "95")
        .queryParam("lng", "105")
        .get("/api/v1/offers")
        .then()
        .statusCode(422);
  }
}
