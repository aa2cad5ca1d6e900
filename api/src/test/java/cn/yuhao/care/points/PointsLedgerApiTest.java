package cn.yuhao.care.points;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import cn.yuhao.care.support.Fixtures.Volunteer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Earning, the daily cap, care items, admin adjustments and expiry, in 荣昌 (500153), used by no other test. */
class PointsLedgerApiTest extends PointsSupport {
  private static final String D_500155 = Districts.claim(PointsLedgerApiTest.class, "500155");
  private static final String D_500153 = Districts.claim(PointsLedgerApiTest.class, "500153");
  static final String RONGCHANG = D_500153;

  /** A closed check-in as the troupe module publishes it (service_hours, business key checkin:{id}). */
  static void serviceHours(Volunteer v, String hours, boolean verified, LocalDate day) {
    serviceHours(v, hours, verified, day, Ids.next());
  }

  static void serviceHours(
      Volunteer v, String hours, boolean verified, LocalDate day, long sessionId) {
    server
        .app()
        .services()
        .jdbi()
        .useHandle(h -> h.createUpdate("""
            INSERT INTO service_hours (id, business_key, user_id, volunteer_id, session_id, hours, verified, served_on,
                                       created_at)
            VALUES (:id, :key, :u, :v, :s, :hours, :verified, :day, :now)""")
            .bind("id", Ids.next())
            .bind("key", "checkin:" + Ids.next())
            .bind("u", Long.parseLong(v.login().userId()))
            .bind("v", Long.parseLong(v.id()))
            .bind("s", sessionId)
            .bind("hours", new BigDecimal(hours))
            .bind("verified", verified)
            .bind("day", day)
            .bind("now", server.clock().instant())
            .execute());
  }

  static void runJobs() {
    server.app().services().points().runJobs();
  }

  @Test
  void verified_hours_earn_once_within_the_daily_cap() {
    Login da = fixtures.districtAdmin(RONGCHANG);
    Volunteer v = fixtures.admittedVolunteer(da, RONGCHANG, 29.40, 105.59, List.of("TEACHER"), 2);
    LocalDate today = CarePeriods.day(server.clock().instant());
    serviceHours(v, "2.5", true, today);
    serviceHours(v, "3.0", false, today); // closed by the coach without a code: earns nothing
    runJobs();
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .statusCode(200)
        .body("balance", equalTo(25))
        .body("entries", hasSize(1))
        .body("entries[0].kind", equalTo("EARN"))
        .body("entries[0].memo", containsString("2.5 小时"))
        .body("lifetimeHours", equalTo(2.5f))
        .body("stars", equalTo(0))
        .body("nextStarHours", equalTo(100));

    // 8 h + 5 h on one day: 80 + the 20 left under the cap of 100 (25 were earned already: 80 →
    // 75).
    serviceHours(v, "8.0", true, today);
    serviceHours(v, "5.0", true, today);
    serviceHours(v, "1.0", true, today.minusDays(1));
    runJobs();
    assertEquals(25 + 75 + 10, balance(v.login()));
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .body("entries.memo", hasItem(containsString("已达每日上限")));

    // Re-delivering every event (the cursors forgotten) changes nothing.
    server.app().services().jdbi().useHandle(h -> h.execute("DELETE FROM points_cursors"));
    runJobs();
    runJobs();
    assertEquals(110, balance(v.login()));
    assertInvariants();
  }

  @Test
  void a_verified_check_in_at_a_training_also_earns_the_training_points() {
    Login da = fixtures.districtAdmin(RONGCHANG);
    Volunteer v = fixtures.admittedVolunteer(da, RONGCHANG, 29.40, 105.59, List.of("TEACHER"), 2);
    long session = Ids.next();
    server
        .app()
        .services()
        .jdbi()
        .useHandle(h -> h.createUpdate("""
            INSERT INTO troupe_sessions (id, troupe_id, district_code, kind, title, starts_at, ends_at, class_hours, place,
                                         status, created_by, created_at)
            VALUES (:id, 1, :d, 'TRAINING', '志愿者培训', :now, :now, 2, '区妇联', 'SCHEDULED', 1, :now)""")
            .bind("id", session)
            .bind("d", RONGCHANG)
            .bind("now", server.clock().instant())
            .execute());
    serviceHours(v, "2.0", true, CarePeriods.day(server.clock().instant()), session);
    serviceHours(v, "2.0", false, CarePeriods.day(server.clock().instant()), session);
    runJobs();
    // 2 h × 10 + the training's 5; the unverified row earns neither.
    assertEquals(25, balance(v.login()));
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .body("entries.memo", hasItem("参加培训：志愿者培训"));
  }

  @Test
  void the_yearly_summary_counts_issued_and_redeemed_by_district_and_merchant() {
    String liangping = D_500155;
    Login da = fixtures.districtAdmin(liangping);
    Volunteer v = fixtures.admittedVolunteer(da, liangping, 30.67, 107.80, List.of("TEACHER"), 2);
    grant(da, v.login(), 100);
    String merchant = merchant(da, liangping, 30.67, 107.80);
    Login staff = staff(da, merchant);
    String id = redeem(v.login(), offer(da, merchant, offerBody(30, 5)));
    String code = api(v.login().token())
        .get("/api/v1/redemptions/{id}", id)
        .then()
        .extract()
        .path("code");
    api(staff.token())
        .body(Map.of("code", code))
        .post("/api/v1/merchant/redemptions/verify")
        .then()
        .statusCode(200);
    String year = Integer.toString(CarePeriods.day(server.clock().instant()).getYear());
    var summary = api(fixtures.cityAdmin().token())
        .queryParam("year", year)
        .get("/api/v1/admin/points/summary")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertEquals(100, summary.getInt("byDistrict.find { it.key == '" + liangping + "' }.issued"));
    assertEquals(
        "梁平区", summary.getString("byDistrict.find { it.key == '" + liangping + "' }.label"));
    assertEquals(30, summary.getInt("byDistrict.find { it.key == '" + liangping + "' }.redeemed"));
    assertEquals(30, summary.getInt("byMerchant.find { it.key == '" + merchant + "' }.redeemed"));
    api(fixtures.cityAdmin().token())
        .queryParam("year", "20x6")
        .get("/api/v1/admin/points/summary")
        .then()
        .statusCode(422);
  }

  @Test
  void one_event_delivered_concurrently_is_booked_once() throws Exception {
    Login da = fixtures.districtAdmin(RONGCHANG);
    Volunteer v = fixtures.admittedVolunteer(da, RONGCHANG, 29.40, 105.59, List.of("TEACHER"), 2);
    var event = new PointsEarning.Earning(
        "test:" + Ids.next(),
        Long.parseLong(v.login().userId()),
        CarePeriods.day(server.clock().instant()),
        7,
        "测试事件");
    var pool = Executors.newFixedThreadPool(10);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      results.add(pool.submit(() -> server.app().services().earning().deliver(event)));
    }
    int booked = 0;
    for (Future<Boolean> f : results) {
      booked += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, booked);
    assertEquals(7, balance(v.login()));
    assertInvariants();
  }

  @Test
  void care_items_done_on_time_earn_once_per_period() {
    Paired p = fixtures.pairing(RONGCHANG, Map.of());
    fixtures.backdatePairing(p.pairingId(), Duration.ofDays(1));
    Login vol = p.volunteer().login();
    for (int i = 0; i < 2; i++) {
      api(vol.token())
          .header("Idempotency-Key", "care-" + fixtures.newCode())
          .body(Map.of(
              "kind",
              "CONTACT_CHILD",
              "occurredAt",
              server.clock().instant().minusSeconds(600).toString(),
              "way",
              "PHONE",
              "summary",
              "和孩子通了电话，聊了这周的学习。",
              "followUpNeeded",
              false))
          .post("/api/v1/pairings/{id}/care-records", p.pairingId())
          .then()
          .statusCode(201);
    }
    api(vol.token())
        .header("Idempotency-Key", "care-" + fixtures.newCode())
        .body(Map.of(
            "kind",
            "TALK_GUARDIAN",
            "occurredAt",
            server.clock().instant().minusSeconds(600).toString(),
            "way",
            "HOME_VISIT",
            "summary",
            "与奶奶沟通了孩子的作息安排。",
            "followUpNeeded",
            false))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201);
    runJobs();
    // CONTACT_CHILD 2 (once this week, not twice) + TALK_GUARDIAN 5.
    assertEquals(7, balance(vol));
    api(vol.token())
        .get("/api/v1/points/me")
        .then()
        .body("entries.memo", hasItem(containsString("联系儿童")));
  }

  @Test
  void
      the_second_admin_cannot_be_avoided_by_splitting_granting_oneself_or_granting_an_exited_volunteer() {
    Login da = fixtures.districtAdmin(RONGCHANG);
    Volunteer v = fixtures.admittedVolunteer(da, RONGCHANG, 29.40, 105.59, List.of("TEACHER"), 2);
    // Three grants just under the threshold of 500: the third brings the month's sum over it.
    for (String status : List.of("APPLIED", "APPLIED")) {
      api(da.token())
          .body(Map.of("userId", v.login().userId(), "amount", 200, "reason", "活动奖励"))
          .post("/api/v1/admin/points/adjustments")
          .then()
          .statusCode(201)
          .body("status", equalTo(status));
    }
    api(da.token())
        .body(Map.of("userId", v.login().userId(), "amount", 200, "reason", "活动奖励"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201)
        .body("status", equalTo("PENDING"));
    assertEquals(400, balance(v.login()));

    // An admin who is also a volunteer grants nothing to herself, directly or by approving.
    Volunteer adminVolunteer =
        fixtures.admittedVolunteer(da, RONGCHANG, 29.40, 105.59, List.of("TEACHER"), 1);
    fixtures.grant(adminVolunteer.login(), cn.yuhao.care.auth.Role.DISTRICT_ADMIN, RONGCHANG, null);
    api(adminVolunteer.login().token())
        .body(Map.of("userId", adminVolunteer.login().userId(), "amount", 500, "reason", "自我奖励"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(403);
    String forHer = api(da.token())
        .body(Map.of("userId", adminVolunteer.login().userId(), "amount", 501, "reason", "奖励"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(adminVolunteer.login().token())
        .post("/api/v1/admin/points/adjustments/{id}/approve", forHer)
        .then()
        .statusCode(403);
    assertEquals(0, balance(adminVolunteer.login()));

    // A volunteer who exited can no longer earn: no grant, though a claw-back still works.
    api(v.login().token())
        .body(Map.of("reason", "工作调动"))
        .post("/api/v1/volunteers/me/exit")
        .then()
        .statusCode(200);
    api(da.token())
        .body(Map.of("userId", v.login().userId(), "amount", 10, "reason", "补发"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(409)
        .body("code", equalTo("VOLUNTEER_STATE"));
    api(da.token())
        .body(Map.of("userId", v.login().userId(), "amount", -10, "reason", "扣回"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201);
  }

  @Test
  void admins_grant_and_claw_back_with_a_second_admin_above_the_threshold() {
    Login da = fixtures.districtAdmin(RONGCHANG);
    Login second = fixtures.districtAdmin(RONGCHANG);
    Login outsider = fixtures.districtAdmin(RedemptionApiTest.TONGNAN);
    Volunteer v = fixtures.admittedVolunteer(da, RONGCHANG, 29.40, 105.59, List.of("TEACHER"), 2);
    String user = v.login().userId();

    String big = api(da.token())
        .body(Map.of("userId", user, "amount", 600, "reason", "年度优秀志愿者奖励"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201)
        .body("status", equalTo("PENDING"))
        .body("volunteerName", containsString("*"))
        .extract()
        .path("id");
    assertEquals(0, balance(v.login()));
    api(da.token())
        .post("/api/v1/admin/points/adjustments/{id}/approve", big)
        .then()
        .statusCode(409)
        .body("code", equalTo("ADJUSTMENT_STATE"));
    api(outsider.token())
        .post("/api/v1/admin/points/adjustments/{id}/approve", big)
        .then()
        .statusCode(404);
    api(second.token())
        .queryParam("status", "PENDING")
        .get("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(big));
    api(second.token())
        .post("/api/v1/admin/points/adjustments/{id}/approve", big)
        .then()
        .statusCode(200)
        .body("status", equalTo("APPLIED"))
        .body("decidedBy", equalTo(second.userId()));
    api(second.token())
        .post("/api/v1/admin/points/adjustments/{id}/approve", big)
        .then()
        .statusCode(409);
    assertEquals(600, balance(v.login()));

    String rejected = api(da.token())
        .body(Map.of("userId", user, "amount", -501, "reason", "重复发放"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(second.token())
        .body(Map.of("note", "核实后无需扣回"))
        .post("/api/v1/admin/points/adjustments/{id}/reject", rejected)
        .then()
        .statusCode(200)
        .body("status", equalTo("REJECTED"));
    assertEquals(600, balance(v.login()));

    api(da.token())
        .body(Map.of("userId", user, "amount", -100, "reason", "活动取消，扣回"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201)
        .body("status", equalTo("APPLIED"));
    assertEquals(500, balance(v.login()));
    String tooMuch = api(da.token())
        .body(Map.of("userId", user, "amount", -600, "reason", "测试超额扣回"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(second.token())
        .post("/api/v1/admin/points/adjustments/{id}/approve", tooMuch)
        .then()
        .statusCode(409)
        .body("code", equalTo("INSUFFICIENT_POINTS"));
    api(second.token())
        .queryParam("status", "PENDING")
        .get("/api/v1/admin/points/adjustments")
        .then()
        .body("items.id", hasItem(tooMuch)); // nothing half-written: still pending
    assertEquals(500, balance(v.login()));
    assertDashboardPointsMatchLedger(RONGCHANG);

    // Bad input and scope.
    for (Object amount : new Object[] {0, 100_001, -100_001}) {
      api(da.token())
          .body(Map.of("userId", user, "amount", amount, "reason", "测试"))
          .post("/api/v1/admin/points/adjustments")
          .then()
          .statusCode(422)
          .body("fields[0].field", equalTo("amount"));
    }
    api(da.token())
        .body(Map.of("userId", user, "amount", 10, "reason", " "))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("reason"));
    api(outsider.token())
        .body(Map.of("userId", user, "amount", 10, "reason", "外区"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(404);
    api(v.login().token())
        .body(Map.of("userId", user, "amount", 10, "reason", "自己加分"))
        .post("/api/v1/admin/points/adjustments")
        .then()
        .statusCode(403);
    long audited = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'points.adjust.%' AND target_id = :u")
            .bind("u", user)
            .mapTo(Long.class)
            .one());
    assertEquals(6, audited); // the failed approval rolled back with its audit row
    assertInvariants();
  }

  @Test
  void lots_expiring_first_are_spent_first_and_expired_points_leave() {
    Login da = fixtures.districtAdmin(RONGCHANG);
    Volunteer v = fixtures.admittedVolunteer(da, RONGCHANG, 29.40, 105.59, List.of("TEACHER"), 2);
    long user = Long.parseLong(v.login().userId());
    grant(da, v.login(), 30);
    grant(da, v.login(), 50);
    var jdbi = server.app().services().jdbi();
    // Make the second lot expire in 10 days: spending takes it first, and she is told.
    jdbi.useHandle(h -> h.createUpdate("""
            UPDATE points_lots SET expires_at = :t WHERE user_id = :u AND amount = 50""")
        .bind("t", server.clock().instant().plus(Duration.ofDays(10)))
        .bind("u", user)
        .execute());
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .body("expiringSoon", hasSize(1))
        .body("expiringSoon[0].points", equalTo(50));
    String merchant = merchant(da, RONGCHANG, 29.40, 105.59);
    String offer = offer(da, merchant, offerBody(20, 5));
    redeem(v.login(), offer);
    long left = jdbi.withHandle(
        h -> h.createQuery("SELECT remaining FROM points_lots WHERE user_id = :u AND amount = 50")
            .bind("u", user)
            .mapTo(Long.class)
            .one());
    assertEquals(30, left);
    runJobs();
    long notices = jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND template = 'POINTS_EXPIRING'")
        .bind("u", user)
        .mapTo(Long.class)
        .one());
    assertEquals(1, notices);
    runJobs();
    assertEquals(1, (long) jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND template = 'POINTS_EXPIRING'")
        .bind("u", user)
        .mapTo(Long.class)
        .one()));

    // The lot passes its date: its 30 remaining points expire; a later release of the hold sends
    // its 20 to expiry too.
    jdbi.useHandle(h -> h.createUpdate(
            "UPDATE points_lots SET expires_at = :t WHERE user_id = :u AND amount = 50")
        .bind("t", server.clock().instant().minusSeconds(1))
        .bind("u", user)
        .execute());
    runJobs();
    assertEquals(30, balance(v.login()));
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .body("entries.kind", hasItem("EXPIRE"))
        .body("held", equalTo(20));
    assertDashboardPointsMatchLedger(RONGCHANG); // 20 held for a redemption, not outstanding
    server.clock().advance(Duration.ofMinutes(11));
    server.app().services().redemptions().expireHeld();
    assertEquals(30, balance(v.login()));
    api(v.login().token()).get("/api/v1/points/me").then().body("held", equalTo(0));
    assertInvariants();
    assertDashboardPointsMatchLedger(RONGCHANG);

    var summary = api(fixtures.cityAdmin().token())
        .get("/api/v1/admin/points/summary")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    org.junit.jupiter.api.Assertions.assertTrue(summary.getLong("expired") >= 50);
    org.junit.jupiter.api.Assertions.assertTrue(
        summary.getList("byDistrict.key").contains(RONGCHANG));
    api(da.token()).get("/api/v1/admin/points/summary").then().statusCode(403);
    api(da.token()).get("/api/v1/admin/points/invariants").then().statusCode(403);
  }

  /** With a waiting period, earnings land in the pending account and become spendable when the job matures them. */
  @Test
  void pending_points_become_spendable_after_the_waiting_period() {
    Login da = fixtures.districtAdmin(RONGCHANG);
    Volunteer v = fixtures.admittedVolunteer(da, RONGCHANG, 29.40, 105.59, List.of("TEACHER"), 2);
    var jdbi = server.app().services().jdbi();
    var rules = new cn.yuhao.care.config.PointsRules(10, 5, Map.of(), 100, 3, 2, 30, 500);
    var earning = new PointsEarning(jdbi, rules, null, server.clock());
    var points = new PointsService(jdbi, earning, rules, null, server.clock());
    earning.deliver(new PointsEarning.Earning(
        "test:" + Ids.next(),
        Long.parseLong(v.login().userId()),
        CarePeriods.day(server.clock().instant()),
        40,
        "测试待生效"));
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .body("balance", equalTo(0))
        .body("pending", equalTo(40))
        .body("entries[0].pending", equalTo(true));
    points.matureLots();
    assertEquals(0, balance(v.login()));
    server.clock().advance(Duration.ofDays(3).plusMinutes(1));
    points.matureLots();
    api(v.login().token())
        .get("/api/v1/points/me")
        .then()
        .body("balance", equalTo(40))
        .body("pending", equalTo(0))
        .body("entries.kind", hasItem("MATURE"));
    assertInvariants();
  }

  /** The spec's own words, for readers: the expiry instant for a lot earned in 2026 is the start of 2029. */
  @Test
  void earnings_expire_at_the_end_of_the_second_year_after() {
    var e = server.app().services().earning();
    assertEquals("2028-12-31T16:00:00Z", e.expiresAt(LocalDate.of(2026, 1, 1)).toString());
    assertEquals("2028-12-31T16:00:00Z", e.expiresAt(LocalDate.of(2026, 12, 31)).toString());
  }
}
