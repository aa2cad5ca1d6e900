package cn.yuhao.care.checklist;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Compliance in a district of its own (忠县), with pairings that started five weeks ago. */
class ComplianceApiTest extends ApiTest {
  private static final String D_500233 = Districts.claim(ComplianceApiTest.class, "500233");
  private static final String ZHONGXIAN = D_500233;

  private static String log(Paired p, String kind, Instant occurredAt) {
    return api(p.volunteer().login().token())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of(
            "kind",
            kind,
            "occurredAt",
            occurredAt.toString(),
            "way",
            "HOME_VISIT",
            "summary",
            "入户走访，孩子状态良好。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** As if the record had been logged when it happened. */
  private static void loggedWhenItHappened(String recordId) {
    server
        .app()
        .services()
        .jdbi()
        .useHandle(
            h -> h.createUpdate("UPDATE care_records SET created_at = occurred_at WHERE id = :id")
                .bind("id", Long.parseLong(recordId))
                .execute());
  }

  private static String week(Instant t) {
    return new CarePeriods(cn.yuhao.care.config.CareRules.DEFAULT)
        .of(CareItem.Cadence.WEEK, CarePeriods.day(t))
        .key();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> contactCounts(JsonPath body) {
    List<Map<String, Object>> items = body.getList("byItem");
    return (Map<String, Object>) items.stream()
        .filter(i -> i.get("item").equals("CONTACT_CHILD"))
        .findFirst()
        .orElseThrow()
        .get("counts");
  }

  @Test
  void weekly_contact_is_counted_on_time_late_or_missed_and_overdue_items_are_listed() {
    String street = fixtures.street(ZHONGXIAN);
    Login da = fixtures.districtAdmin(ZHONGXIAN);
    Paired diligent = fixtures.pairing(da, ZHONGXIAN, Map.of("street", street));
    Paired silent = fixtures.pairing(da, ZHONGXIAN, Map.of("street", street));
    fixtures.backdatePairing(diligent.pairingId(), Duration.ofDays(35));
    fixtures.backdatePairing(silent.pairingId(), Duration.ofDays(35));
    Instant now = server.clock().instant();
    Instant threeWeeksAgo = now.minus(Duration.ofDays(21));
    Instant twoWeeksAgo = now.minus(Duration.ofDays(14));
    Instant lastWeek = now.minus(Duration.ofDays(7));
    log(diligent, "CONTACT_CHILD", threeWeeksAgo); // logged today: late
    loggedWhenItHappened(log(diligent, "CONTACT_CHILD", lastWeek)); // on time
    log(diligent, "CONTACT_CHILD", now.minusSeconds(3600)); // this week: not yet counted

    JsonPath late = api(da.token())
        .queryParam("districtCode", ZHONGXIAN)
        .queryParam("period", week(threeWeeksAgo))
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertEquals(
        Map.of("owed", 2, "onTime", 0, "late", 1, "missed", 1, "share", 0.0f), contactCounts(late));
    JsonPath missed = api(da.token())
        .queryParam("districtCode", ZHONGXIAN)
        .queryParam("period", week(twoWeeksAgo))
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertEquals(
        Map.of("owed", 2, "onTime", 0, "late", 0, "missed", 2, "share", 0.0f),
        contactCounts(missed));
    JsonPath onTime = api(da.token())
        .queryParam("districtCode", ZHONGXIAN)
        .queryParam("period", week(lastWeek))
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertEquals(
        Map.of("owed", 2, "onTime", 1, "late", 0, "missed", 1, "share", 0.5f),
        contactCounts(onTime));
    assertEquals(List.of(street), onTime.getList("byStreet.street"));
    assertTrue(onTime.getList("byDistrict").isEmpty(), "only city admins get the district roll-up");

    // Overdue now: the silent pairing's last week, due last Sunday; and neither child was left
    // without contact
    // for two weeks except the silent one (35 days since the pairing started).
    LocalDate today = CarePeriods.day(now);
    List<Map<String, Object>> overdue = onTime.getList("overdue");
    Map<String, Object> silentWeek = overdue.stream()
        .filter(o ->
            o.get("pairingId").equals(silent.pairingId()) && o.get("item").equals("CONTACT_CHILD"))
        .findFirst()
        .orElseThrow();
    assertEquals(today.getDayOfWeek().getValue(), silentWeek.get("daysOverdue"));
    assertTrue(overdue.stream()
        .noneMatch(o -> o.get("pairingId").equals(diligent.pairingId())
            && o.get("item").equals("CONTACT_CHILD")));
    assertEquals(List.of(silent.pairingId()), onTime.getList("noContact.pairingId"));
    assertEquals(35, onTime.getInt("noContact[0].daysWithoutContact"));

    // The volunteer's own checklist agrees with the supervisors' figures.
    JsonPath tasks = api(diligent.volunteer().login().token())
        .get("/api/v1/pairings/{id}/care-tasks", diligent.pairingId())
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    List<Map<String, Object>> weeks =
        tasks.getList("items.find { it.item == 'CONTACT_CHILD' }.history");
    Map<String, String> status = new java.util.HashMap<>();
    weeks.forEach(w -> status.put((String) w.get("period"), (String) w.get("status")));
    assertEquals("DONE", status.get(week(threeWeeksAgo)));
    assertEquals("OVERDUE", status.get(week(twoWeeksAgo)));
    assertEquals("DONE", status.get(week(lastWeek)));

    // The city sees the district in its roll-up with the same figures; others see nothing of it.
    JsonPath city = api(fixtures.cityAdmin().token())
        .queryParam("districtCode", ZHONGXIAN)
        .queryParam("period", week(lastWeek))
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    assertEquals(
        onTime.getMap("total"),
        city.getMap("byDistrict.find { it.districtCode == '" + ZHONGXIAN + "' }.counts"));
    Login otherStreet =
        fixtures.withRole(Role.STREET_SUPERVISOR, ZHONGXIAN, fixtures.street(ZHONGXIAN));
    api(otherStreet.token())
        .queryParam("period", week(lastWeek))
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .body("pairings", equalTo(0))
        .body("total.owed", equalTo(0));
    Login mine = fixtures.withRole(Role.STREET_SUPERVISOR, ZHONGXIAN, street);
    api(mine.token())
        .queryParam("period", week(lastWeek))
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .body("pairings", equalTo(2))
        .body("byVolunteer.volunteerId", hasItem(silent.volunteer().id()));
    // Another district's figures are not hers to ask for: not found, never a 200 of zeros.
    api(fixtures.districtAdmin("500101").token())
        .queryParam("districtCode", ZHONGXIAN)
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(404);
    api(diligent.volunteer().login().token())
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(403);
  }

  @Test
  void the_period_must_be_a_year_month_semester_or_week() {
    Login da = fixtures.districtAdmin(ZHONGXIAN);
    for (String bad : List.of("2026-13", "2026-W54", "26", "2026-WINTER", "2026-11-01")) {
      api(da.token())
          .queryParam("period", bad)
          .get("/api/v1/admin/care-compliance")
          .then()
          .statusCode(422)
          .body("fields[0].field", equalTo("period"));
    }
    api(da.token())
        .queryParam("period", "2026-AUTUMN")
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .body("from", equalTo("2026-08-01"))
        .body("to", equalTo("2027-01-31"));
    api(da.token())
        .queryParam("period", "2026-W53")
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .body("from", equalTo("2026-12-28"))
        .body("to", equalTo("2027-01-03"));
    api(da.token())
        .queryParam("period", "2026")
        .get("/api/v1/admin/care-compliance")
        .then()
        .statusCode(200)
        .body("to", equalTo("2026-12-31"));
  }
}
