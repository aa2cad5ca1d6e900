package cn.yuhao.care.checklist;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Paired;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CareApiTest extends ApiTest {
  private static final String D_500236 = Districts.claim(CareApiTest.class, "500236");
  private static final String D_500231 = Districts.claim(CareApiTest.class, "500231");
  private static final String DIANJIANG = D_500231;
  private static final String FENGJIE = D_500236;

  private static Map<String, Object> record(String kind, Instant occurredAt, String summary) {
    Map<String, Object> body = new HashMap<>(Map.of(
        "kind", kind, "occurredAt", occurredAt.toString(), "way", "PHONE", "summary", summary));
    return body;
  }

  /** A pairing that started an hour ago, so records can be logged as having happened minutes ago. */
  private static Paired paired(Map<String, Object> childExtra) {
    Paired p = fixtures.pairing(DIANJIANG, childExtra);
    fixtures.backdatePairing(p.pairingId(), Duration.ofHours(1));
    return p;
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private static String log(Paired p, String kind, Instant occurredAt) {
    return api(p.volunteer().login().token())
        .header("Idempotency-Key", key())
        .body(record(kind, occurredAt, "和孩子聊了学习和生活，情绪不错。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static Map<String, Object> item(JsonPath tasks, String item) {
    List<Map<String, Object>> items = tasks.getList("items");
    return items.stream().filter(i -> i.get("item").equals(item)).findFirst().orElseThrow();
  }

  @Test
  void a_contact_fulfils_this_weeks_item() {
    Paired p = paired(Map.of());
    Instant now = server.clock().instant();
    api(p.volunteer().login().token())
        .header("Idempotency-Key", key())
        .body(record("CONTACT_CHILD", now.minusSeconds(600), "电话联系，孩子说这周数学测验考了 92 分。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .body("kind", equalTo("CONTACT_CHILD"))
        .body("kindLabel", equalTo("联系儿童"))
        .body("period", notNullValue())
        .body("contentCheck", equalTo("PASS"))
        .body("version", equalTo(1))
        .body("correctableUntil", notNullValue())
        .body("summary", equalTo("电话联系，孩子说这周数学测验考了 92 分。"));
    JsonPath tasks = api(p.volunteer().login().token())
        .get("/api/v1/pairings/{id}/care-tasks", p.pairingId())
        .then()
        .statusCode(200)
        .body("checklist", equalTo(true))
        .body("items", hasSize(7))
        .extract()
        .jsonPath();
    @SuppressWarnings("unchecked")
    Map<String, Object> week =
        (Map<String, Object>) item(tasks, "CONTACT_CHILD").get("current");
    assertEquals("DONE", week.get("status"));
    assertEquals(true, week.get("onTime"));
    @SuppressWarnings("unchecked")
    Map<String, Object> month =
        (Map<String, Object>) item(tasks, "TALK_GUARDIAN").get("current");
    assertEquals(List.of("DUE", "NOT_OWED").contains(month.get("status")), true);
    assertEquals(0, item(tasks, "FAMILY_EDUCATION").get("count"));

    // Summaries are stored encrypted.
    String stored = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT summary_enc FROM care_records WHERE pairing_id = :p")
            .bind("p", Long.parseLong(p.pairingId()))
            .mapTo(String.class)
            .one());
    assertEquals(false, stored.contains("数学"));
  }

  @Test
  void the_same_idempotency_key_gives_one_record_and_a_different_body_is_refused() {
    Paired p = paired(Map.of());
    String k = key();
    Map<String, Object> body =
        record("TALK_GUARDIAN", server.clock().instant().minusSeconds(60), "与奶奶通话，了解孩子近况。");
    String first = api(p.volunteer().login().token())
        .header("Idempotency-Key", k)
        .body(body)
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(p.volunteer().login().token())
        .header("Idempotency-Key", k)
        .body(body)
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first));
    Map<String, Object> other = new HashMap<>(body);
    other.put("summary", "另一份内容不同的记录。");
    api(p.volunteer().login().token())
        .header("Idempotency-Key", k)
        .body(other)
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422)
        .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    raw(p.volunteer().login().token())
        .contentType("application/json")
        .body(body)
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("Idempotency-Key"));
    api(p.volunteer().login().token())
        .get("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].id", equalTo(first));
  }

  @Test
  void concurrent_retries_with_one_key_make_one_record() throws Exception {
    Paired p = paired(Map.of());
    String k = key();
    Map<String, Object> body =
        record("CONTACT_CHILD", server.clock().instant().minusSeconds(60), "网络不好，连续提交了几次。");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> api(p.volunteer().login().token())
            .header("Idempotency-Key", k)
            .body(body)
            .post("/api/v1/pairings/{id}/care-records", p.pairingId())
            .then()
            .statusCode(201)
            .extract()
            .path("id")));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (var a : answers) {
        ids.add(a.get());
      }
      assertEquals(1, ids.size());
    } finally {
      pool.shutdown();
    }
    api(p.volunteer().login().token())
        .get("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .body("items", hasSize(1));
  }

  @Test
  void bad_records_are_refused_with_the_fields_to_fix() {
    Paired p = paired(Map.of());
    String token = p.volunteer().login().token();
    Instant now = server.clock().instant();
    api(token)
        .header("Idempotency-Key", key())
        .body(record("CONTACT_CHILD", now.plusSeconds(3600), "明天要去家访一次。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("occurredAt"));
    api(token)
        .header("Idempotency-Key", key())
        .body(record("CONTACT_CHILD", now.minus(Duration.ofDays(3)), "结对之前的一次联系。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("occurredAt"))
        .body("fields[0].message", org.hamcrest.Matchers.containsString("结对开始"));
    Map<String, Object> bad = record("CONTACT_CHILD", now.minusSeconds(60), "好");
    bad.put("followUpNote", "需要心理老师介入");
    raw(token)
        .contentType("application/json")
        .header("Idempotency-Key", key())
        .body(bad)
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("summary"))
        .body("fields.field", hasItem("followUpNote"));
    raw(token)
        .contentType("application/json")
        .header("Idempotency-Key", key())
        .body(Map.of(
            "kind",
            "DANCING",
            "occurredAt",
            now.toString(),
            "way",
            "TELEPATHY",
            "summary",
            "x".repeat(501)))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("kind"))
        .body("fields.field", hasItem("way"))
        .body("fields.field", hasItem("summary"));
    raw(token)
        .contentType("application/json")
        .header("Idempotency-Key", "short")
        .body(record("CONTACT_CHILD", now.minusSeconds(60), "电话联系了孩子。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422);
    raw(token)
        .contentType("application/json")
        .header("Idempotency-Key", key())
        .body("{\"kind\":")
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(400);
    api(token)
        .get("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .body("items", empty());
  }

  @Test
  void wechat_content_security_refuses_risky_text_and_flags_doubtful_text() {
    Paired p = paired(Map.of());
    String token = p.volunteer().login().token();
    api(token)
        .header("Idempotency-Key", key())
        .body(record("FREE_VISIT", server.clock().instant().minusSeconds(60), "这里有违禁内容需要拦截。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(422)
        .body("code", equalTo("CONTENT_REJECTED"))
        .body("fields[0].field", equalTo("summary"));
    api(token)
        .get("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .body("items", empty());
    api(token)
        .header("Idempotency-Key", key())
        .body(record("FREE_VISIT", server.clock().instant().minusSeconds(60), "这段内容待审，先保存。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .body("contentCheck", equalTo("REVIEW"))
        .body("period", nullValue());
  }

  @Test
  void only_her_volunteers_and_admins_in_scope_see_a_pairing_and_not_after_it_ends() {
    String street = fixtures.street(DIANJIANG);
    Paired p = paired(Map.of("street", street));
    log(p, "CONTACT_CHILD", server.clock().instant().minusSeconds(120));
    Paired stranger = paired(Map.of());
    Login otherDistrict = fixtures.districtAdmin(FENGJIE);
    Login otherStreet =
        fixtures.withRole(Role.STREET_SUPERVISOR, DIANJIANG, fixtures.street(DIANJIANG));
    Login myStreet = fixtures.withRole(Role.STREET_SUPERVISOR, DIANJIANG, street);
    for (Login l : List.of(stranger.volunteer().login(), otherDistrict, otherStreet)) {
      api(l.token())
          .get("/api/v1/pairings/{id}/care-tasks", p.pairingId())
          .then()
          .statusCode(404);
      api(l.token())
          .get("/api/v1/pairings/{id}/care-records", p.pairingId())
          .then()
          .statusCode(404);
    }
    api(stranger.volunteer().login().token())
        .header("Idempotency-Key", key())
        .body(record("CONTACT_CHILD", server.clock().instant().minusSeconds(60), "我不是这个孩子的志愿者。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(404);
    api(myStreet.token())
        .get("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].correctableUntil", nullValue());
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "pairing")
        .queryParam("targetId", p.pairingId())
        .get("/api/v1/admin/audit")
        .then()
        .body("items.action", hasItem("care.records.read"));

    // The pairing ends: its volunteer is a stranger to it from now on; the admin still sees the
    // history.
    api(p.admin().token())
        .body(Map.of("reason", "REASSIGNED"))
        .post("/api/v1/admin/pairings/{id}/end", p.pairingId())
        .then()
        .statusCode(200);
    api(p.volunteer().login().token())
        .get("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(404);
    api(p.volunteer().login().token())
        .get("/api/v1/pairings/{id}/care-tasks", p.pairingId())
        .then()
        .statusCode(404);
    api(p.admin().token())
        .get("/api/v1/pairings/{id}/care-tasks", p.pairingId())
        .then()
        .statusCode(200)
        .body("status", equalTo("ENDED"));

    // A new volunteer of the same child sees nothing of the earlier records until the admin shares
    // them.
    var next = fixtures.admittedVolunteer(p.admin(), DIANJIANG, 29.7, 107.3, List.of("DOCTOR"), 2);
    String second = api(p.admin().token())
        .body(Map.of("childId", p.childId(), "volunteerId", next.id(), "mode", "ONE_TO_ONE"))
        .post("/api/v1/admin/pairings")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    api(next.login().token())
        .get("/api/v1/pairings/{id}/care-records", second)
        .then()
        .statusCode(200)
        .body("items", empty());
    api(next.login().token())
        .get("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(404);
    api(p.admin().token())
        .body(Map.of("fromPairingId", stranger.pairingId()))
        .post("/api/v1/admin/pairings/{id}/history-shares", second)
        .then()
        .statusCode(422);
    api(myStreet.token())
        .body(Map.of("fromPairingId", p.pairingId()))
        .post("/api/v1/admin/pairings/{id}/history-shares", second)
        .then()
        .statusCode(403);
    api(p.admin().token())
        .body(Map.of("fromPairingId", p.pairingId()))
        .post("/api/v1/admin/pairings/{id}/history-shares", second)
        .then()
        .statusCode(200)
        .body("sharedFrom", equalTo(List.of(p.pairingId())));
    api(next.login().token())
        .get("/api/v1/pairings/{id}/care-records", second)
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].sharedHistory", equalTo(true))
        .body("items[0].correctableUntil", nullValue());
  }

  @Test
  void the_author_corrects_within_7_days_and_the_old_version_is_kept() {
    Paired p = paired(Map.of());
    String id = log(p, "CONTACT_CHILD", server.clock().instant().minusSeconds(300));
    api(p.volunteer().login().token())
        .body(Map.of("way", "VIDEO", "summary", "视频通话，孩子给我看了她的画。"))
        .patch("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("way", equalTo("VIDEO"))
        .body("kind", equalTo("CONTACT_CHILD"));
    api(p.volunteer().login().token())
        .get("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(200)
        .body("record.summary", equalTo("视频通话，孩子给我看了她的画。"))
        .body("previousVersions", hasSize(1))
        .body("previousVersions[0].version", equalTo(1))
        .body("previousVersions[0].way", equalTo("PHONE"))
        .body("previousVersions[0].summary", equalTo("和孩子聊了学习和生活，情绪不错。"));
    api(p.admin().token())
        .body(Map.of("way", "OTHER"))
        .patch("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(403);
    Paired other = paired(Map.of());
    api(other.volunteer().login().token())
        .get("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(404);
    api(other.volunteer().login().token())
        .body(Map.of("way", "OTHER"))
        .patch("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(404);
    api(p.volunteer().login().token())
        .body(Map.of("occurredAt", server.clock().instant().plusSeconds(7200).toString()))
        .patch("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(422);

    server.clock().advance(Duration.ofDays(6).plusHours(23));
    Login again = fixtures.login(p.volunteer().login().code());
    api(again.token())
        .body(Map.of("way", "HOME_VISIT"))
        .patch("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(200)
        .body("version", equalTo(3));
    server.clock().advance(Duration.ofHours(2));
    api(again.token())
        .body(Map.of("way", "PHONE"))
        .patch("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("CORRECTION_WINDOW_CLOSED"));
    api(again.token())
        .get("/api/v1/care-records/{id}", id)
        .then()
        .body("record.correctableUntil", nullValue())
        .body("previousVersions", hasSize(2));
  }

  @Test
  void a_supervisor_asks_for_a_follow_up_and_the_volunteer_resolves_it() {
    String street = fixtures.street(DIANJIANG);
    Paired p = paired(Map.of("street", street));
    String rec = log(p, "CONTACT_CHILD", server.clock().instant().minusSeconds(60));
    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, DIANJIANG, street);
    Login otherStreet =
        fixtures.withRole(Role.STREET_SUPERVISOR, DIANJIANG, fixtures.street(DIANJIANG));
    api(otherStreet.token())
        .body(Map.of("request", "请家访。"))
        .post("/api/v1/admin/pairings/{id}/follow-ups", p.pairingId())
        .then()
        .statusCode(404);
    api(supervisor.token())
        .body(Map.of("request", " "))
        .post("/api/v1/admin/pairings/{id}/follow-ups", p.pairingId())
        .then()
        .statusCode(422);
    Paired other = paired(Map.of());
    String otherRecord = log(other, "CONTACT_CHILD", server.clock().instant().minusSeconds(60));
    api(supervisor.token())
        .body(Map.of("recordId", otherRecord, "request", "请补充。"))
        .post("/api/v1/admin/pairings/{id}/follow-ups", p.pairingId())
        .then()
        .statusCode(422);
    String id = api(supervisor.token())
        .body(Map.of("recordId", rec, "request", "请本周内家访一次，了解孩子情绪。"))
        .post("/api/v1/admin/pairings/{id}/follow-ups", p.pairingId())
        .then()
        .statusCode(201)
        .body("status", equalTo("OPEN"))
        .body("recordId", equalTo(rec))
        .extract()
        .path("id");
    api(p.volunteer().login().token())
        .get("/api/v1/volunteers/me/follow-ups")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id));
    api(other.volunteer().login().token())
        .get("/api/v1/volunteers/me/follow-ups")
        .then()
        .body("items", empty());
    api(supervisor.token())
        .body(Map.of("resolution", "已处理"))
        .post("/api/v1/follow-ups/{id}/resolve", id)
        .then()
        .statusCode(403);
    api(other.volunteer().login().token())
        .body(Map.of("resolution", "已处理"))
        .post("/api/v1/follow-ups/{id}/resolve", id)
        .then()
        .statusCode(404);
    api(p.volunteer().login().token())
        .body(Map.of("resolution", "周六已家访，孩子因考试紧张，已和老师沟通。"))
        .post("/api/v1/follow-ups/{id}/resolve", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("RESOLVED"))
        .body("resolvedAt", notNullValue());
    api(p.volunteer().login().token())
        .body(Map.of("resolution", "再次办结"))
        .post("/api/v1/follow-ups/{id}/resolve", id)
        .then()
        .statusCode(409);
    api(supervisor.token())
        .get("/api/v1/pairings/{id}/follow-ups", p.pairingId())
        .then()
        .statusCode(200)
        .body("items[0].status", equalTo("RESOLVED"));
    api(p.volunteer().login().token())
        .get("/api/v1/volunteers/me/follow-ups")
        .then()
        .body("items", empty());
  }
}
