package cn.yuhao.care.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import cn.yuhao.care.wechat.WeChatSimulator;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hours of care visits: asked by the 爱心妈妈, confirmed by the child's guardian in WeChat or by a supervisor. */
class VisitHoursApiTest extends ApiTest {
  private static final String DISTRICT = "500101";

  /** A guardian logged in with her phone bound, and a pairing whose child has her on file. */
  private record Family(Login guardian, Paired paired) {}

  private static Family family() {
    Login guardian = fixtures.login();
    String phoneCode = "pc" + guardian.code();
    api(guardian.token())
        .body(Map.of("phoneCode", phoneCode))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(200);
    Login da = fixtures.districtAdmin(DISTRICT);
    Paired p = fixtures.pairing(
        da,
        DISTRICT,
        Map.of(
            "name",
            "李小花",
            "guardians",
            List.of(Map.of(
                "name",
                "李桂兰",
                "relation",
                "GRANDPARENT",
                "phone",
                WeChatSimulator.phoneFor(phoneCode)))));
    fixtures.backdatePairing(p.pairingId(), Duration.ofDays(40));
    return new Family(guardian, p);
  }

  private static Instant daysAgo(int days) {
    LocalDate day = CarePeriods.day(server.clock().instant()).minusDays(days);
    return day.atTime(LocalTime.of(10, 0)).atZone(CarePeriods.CHONGQING).toInstant();
  }

  private static String record(Paired p, Instant at, String way) {
    return api(p.volunteer().login().token())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of(
            "kind",
            "FREE_VISIT",
            "occurredAt",
            at.toString(),
            "way",
            way,
            "summary",
            "入户陪孩子读书，聊了学校的事。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String code(Paired p, String record, int minutes) {
    return api(p.volunteer().login().token())
        .body(Map.of("minutes", minutes))
        .post("/api/v1/care-records/{id}/hours", record)
        .then()
        .statusCode(201)
        .body("hours.status", equalTo("PENDING"))
        .extract()
        .path("code");
  }

  private static JsonPath points(Paired p) {
    return api(p.volunteer().login().token())
        .get("/api/v1/points/me")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void a_month_of_confirmed_visits_moves_her_hours_points_and_star() {
    Family f = family();
    Paired p = f.paired();
    // 97 hours of earlier service, a long time ago, already paid.
    server
        .app()
        .services()
        .jdbi()
        .useHandle(h -> h.createUpdate("""
            INSERT INTO service_hours (id, business_key, user_id, volunteer_id, session_id, hours, verified, served_on,
                                       created_at)
            VALUES (:id, :key, :u, :v, NULL, 97.0, TRUE, :day, :now)""")
            .bind("id", Ids.next())
            .bind("key", "checkin:" + Ids.next())
            .bind("u", Long.parseLong(p.volunteer().login().userId()))
            .bind("v", Long.parseLong(p.volunteer().id()))
            .bind("day", CarePeriods.day(server.clock().instant()).minusDays(300))
            .bind("now", server.clock().instant())
            .execute());
    server.app().services().points().runJobs();
    JsonPath before = points(p);
    assertThat(before.getInt("stars")).isZero();

    for (int week = 4; week >= 1; week--) {
      String code = code(p, record(p, daysAgo(7 * week), "HOME_VISIT"), 90);
      api(f.guardian().token())
          .get("/api/v1/visit-confirmations/{code}", code)
          .then()
          .statusCode(200)
          .body("childName", equalTo("李**"))
          .body("hours", equalTo(1.5f));
      api(f.guardian().token())
          .post("/api/v1/visit-confirmations/{code}/confirm", code)
          .then()
          .statusCode(200)
          .body("status", equalTo("CONFIRMED"))
          .body("confirmedHow", equalTo("GUARDIAN"));
    }
    server.app().services().points().runJobs();
    server.app().services().points().runJobs();
    JsonPath after = points(p);
    assertThat(after.getInt("balance") - before.getInt("balance")).isEqualTo(60); // 6 h × 10, once
    assertThat(new BigDecimal(after.getString("lifetimeHours"))).isEqualByComparingTo("103.0");
    assertThat(after.getInt("stars")).isEqualTo(1);
    api(p.volunteer().login().token())
        .get("/api/v1/volunteers/me/service-record")
        .then()
        .statusCode(200)
        .body("years.byKind.flatten().find { it.kind == 'CARE_VISIT' }.hours", equalTo(6.0f))
        .body("years.byKind.flatten().find { it.kind == 'CARE_VISIT' }.times", equalTo(4));
  }

  @Test
  void only_her_own_in_person_visits_earn_hours_and_only_the_childs_guardian_confirms_once() {
    Family f = family();
    Paired p = f.paired();
    String byPhone = record(p, daysAgo(2), "PHONE");
    raw(p.volunteer().login().token())
        .contentType("application/json")
        .body(Map.of("minutes", 60))
        .post("/api/v1/care-records/{id}/hours", byPhone)
        .then()
        .statusCode(409);
    String visit = record(p, daysAgo(2), "HOME_VISIT");
    for (int minutes : new int[] {10, 241}) {
      raw(p.volunteer().login().token())
          .contentType("application/json")
          .body(Map.of("minutes", minutes))
          .post("/api/v1/care-records/{id}/hours", visit)
          .then()
          .statusCode(422)
          .body("fields.field", hasItem("minutes"));
    }
    Family other = family();
    raw(other.paired().volunteer().login().token())
        .contentType("application/json")
        .body(Map.of("minutes", 60))
        .post("/api/v1/care-records/{id}/hours", visit)
        .then()
        .statusCode(404);

    String code = code(p, visit, 60);
    // Someone without a bound phone is asked to bind it; another child's guardian finds nothing.
    raw(fixtures.login().token())
        .get("/api/v1/visit-confirmations/{code}", code)
        .then()
        .statusCode(403);
    raw(other.guardian().token())
        .post("/api/v1/visit-confirmations/{code}/confirm", code)
        .then()
        .statusCode(404);
    api(f.guardian().token())
        .post("/api/v1/visit-confirmations/{code}/confirm", code)
        .then()
        .statusCode(200);
    raw(f.guardian().token())
        .post("/api/v1/visit-confirmations/{code}/confirm", code)
        .then()
        .statusCode(404); // used: the code is gone
    raw(p.volunteer().login().token())
        .contentType("application/json")
        .body(Map.of("minutes", 60))
        .post("/api/v1/care-records/{id}/hours", visit)
        .then()
        .statusCode(409); // confirmed already

    // An expired code is refused; a supervisor may confirm instead, not one of another district.
    String late = record(p, daysAgo(3), "COMMUNITY");
    String lateCode = code(p, late, 120);
    server
        .app()
        .services()
        .jdbi()
        .useHandle(h -> h.createUpdate(
                "UPDATE visit_hours SET code_expires_at = :t WHERE care_record_id = :r")
            .bind("t", server.clock().instant().minusSeconds(1))
            .bind("r", Long.parseLong(late))
            .execute());
    raw(f.guardian().token())
        .post("/api/v1/visit-confirmations/{code}/confirm", lateCode)
        .then()
        .statusCode(409);
    raw(fixtures.districtAdmin("500103").token())
        .post("/api/v1/admin/visit-hours/{id}/confirm", late)
        .then()
        .statusCode(404);
    api(p.admin().token())
        .get("/api/v1/admin/visit-hours?status=PENDING")
        .then()
        .statusCode(200)
        .body("items.careRecordId", hasItem(late));
    api(p.admin().token())
        .post("/api/v1/admin/visit-hours/{id}/confirm", late)
        .then()
        .statusCode(200)
        .body("confirmedHow", equalTo("SUPERVISOR"));
  }

  @Test
  void a_day_of_visits_stays_within_eight_hours() {
    Paired p = family().paired();
    code(p, record(p, daysAgo(5), "HOME_VISIT"), 240);
    code(p, record(p, daysAgo(5), "AT_SCHOOL"), 240);
    api(p.volunteer().login().token())
        .get("/api/v1/volunteers/me/service-record")
        .then()
        .statusCode(200)
        .body("pendingVisitHours", equalTo(8.0f))
        .body("lifetimeHours", equalTo(0f));
    String third = record(p, daysAgo(5), "COMMUNITY");
    raw(p.volunteer().login().token())
        .contentType("application/json")
        .body(Map.of("minutes", 30))
        .post("/api/v1/care-records/{id}/hours", third)
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("minutes"));
  }
}
