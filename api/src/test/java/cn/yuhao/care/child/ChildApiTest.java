package cn.yuhao.care.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.http.ContentType;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildApiTest extends ApiTest {
  private static final String SHAPINGBA = "500106";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A valid, unique-enough ID number for a child born on {@code birth}. */
  private static LocalDate today() {
    return LocalDate.ofInstant(server.clock().instant(), ZoneId.of("Asia/Shanghai"));
  }

  private static Map<String, Object> child(String district) {
    LocalDate birth = today().minusYears(9).minusDays(RANDOM.nextInt(300));
    Map<String, Object> m = new HashMap<>();
    m.put("name", "张小雨");
    m.put("gender", "FEMALE");
    m.put("birthDate", birth.toString());
    m.put("idNumber", fixtures.idNumber(birth));
    m.put("districtCode", district);
    m.put("category", "LEFT_BEHIND");
    m.put("needs", List.of("LACK_OF_AFFECTION", "ACADEMIC_LAG"));
    m.put("careLevel", "ONE_TO_ONE");
    m.put("school", "小龙坎小学");
    m.put(
        "schoolEntryYear",
        today().getMonthValue() >= 9 ? today().getYear() - 2 : today().getYear() - 3);
    m.put("address", "重庆市沙坪坝区小龙坎街道某小区3栋2单元");
    m.put("location", Map.of("lat", 29.5612, "lng", 106.4571));
    m.put(
        "guardians",
        List.of(Map.of("name", "张桂兰", "relation", "GRANDPARENT", "phone", "13900001111")));
    return m;
  }

  private static String create(Login admin, Map<String, Object> body) {
    return api(admin.token())
        .body(body)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void a_registered_child_is_answered_masked_with_derived_age_and_grade() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Map<String, Object> body = child(SHAPINGBA);
    String idNumber = (String) body.get("idNumber");
    String id = create(da, body);
    api(da.token())
        .get("/api/v1/admin/children/{id}", id)
        .then()
        .statusCode(200)
        .body("idNumber", equalTo(idNumber.substring(0, 4) + "**********" + idNumber.substring(14)))
        .body("address", equalTo("重庆市沙坪坝****"))
        .body("guardians[0].phone", equalTo("139****1111"))
        .body("age", equalTo(9))
        .body("grade", equalTo(3))
        .body("status", equalTo("ACTIVE"));
    var stored = server
        .app()
        .services()
        .jdbi()
        .withHandle(
            h -> h.createQuery("SELECT id_number_enc, address_enc FROM children WHERE id = :id")
                .bind("id", Long.parseLong(id))
                .mapToMap()
                .one());
    assertThat(stored.values().toString()).doesNotContain(idNumber).doesNotContain("小龙坎街道某小区");
    api(da.token())
        .queryParam("name", "张小")
        .queryParam("limit", "100")
        .get("/api/v1/admin/children")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id))
        .body("items.find { it.id == '" + id + "' }", not(hasKey("guardians")));
  }

  @Test
  void the_home_point_is_stored_sealed_and_shown_only_through_the_audited_read() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String street = fixtures.street(SHAPINGBA);
    Map<String, Object> body = child(SHAPINGBA);
    body.put("street", street);
    String id = create(da, body);
    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, SHAPINGBA, street);
    for (Login reader : List.of(da, supervisor)) {
      String raw = api(reader.token())
          .get("/api/v1/admin/children/{id}", id)
          .then()
          .statusCode(200)
          .body("hasLocation", equalTo(true))
          .body("$", not(hasKey("location")))
          .extract()
          .asString();
      assertThat(raw).doesNotContain("29.56").doesNotContain("106.45");
    }
    // In the table: no column holds the point or a cell finer than ~1 km.
    var stored = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT * FROM children WHERE id = :id")
            .bind("id", Long.parseLong(id))
            .mapToMap()
            .one());
    assertThat(stored).doesNotContainKeys("lat", "lng");
    assertThat(stored.values().toString()).doesNotContain("29.5612").doesNotContain("106.4571");
    assertThat((String) stored.get("geohash")).hasSize(6);
    api(da.token())
        .get("/api/v1/admin/children/{id}/sensitive", id)
        .then()
        .statusCode(200)
        .body("location.lat", equalTo(29.5612f))
        .body("location.lng", equalTo(106.4571f));
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "child")
        .queryParam("targetId", id)
        .get("/api/v1/admin/audit")
        .then()
        .body(
            "items.findAll { it.action == 'child.sensitive.read' }.actorUserId",
            equalTo(List.of(da.userId())));
  }

  @Test
  void unmasking_is_for_admins_in_scope_and_audited() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Map<String, Object> body = child(SHAPINGBA);
    String id = create(da, body);
    api(da.token())
        .get("/api/v1/admin/children/{id}/sensitive", id)
        .then()
        .statusCode(200)
        .body("idNumber", equalTo(body.get("idNumber")))
        .body("guardians[0].phone", equalTo("13900001111"));
    api(fixtures.districtAdmin("500103").token())
        .get("/api/v1/admin/children/{id}/sensitive", id)
        .then()
        .statusCode(404);
    Login supervisor =
        fixtures.withRole(Role.STREET_SUPERVISOR, SHAPINGBA, fixtures.street(SHAPINGBA));
    api(supervisor.token())
        .get("/api/v1/admin/children/{id}/sensitive", id)
        .then()
        .statusCode(403);
    api(fixtures.login().token()).get("/api/v1/admin/children/{id}", id).then().statusCode(403);
    api(fixtures.cityAdmin().token())
        .queryParam("targetType", "child")
        .queryParam("targetId", id)
        .get("/api/v1/admin/audit")
        .then()
        .body(
            "items.findAll { it.action == 'child.sensitive.read' }.actorUserId",
            equalTo(List.of(da.userId())));
  }

  @Test
  void another_districts_child_is_not_found_and_lists_are_scoped() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String id = create(da, child(SHAPINGBA));
    Login other = fixtures.districtAdmin("500103");
    api(other.token()).get("/api/v1/admin/children/{id}", id).then().statusCode(404);
    api(other.token())
        .body(Map.of("status", "CLOSED"))
        .patch("/api/v1/admin/children/{id}", id)
        .then()
        .statusCode(404);
    api(other.token())
        .queryParam("limit", "100")
        .get("/api/v1/admin/children")
        .then()
        .body("items.id", not(hasItem(id)));
    api(other.token())
        .body(child(SHAPINGBA))
        .post("/api/v1/admin/children")
        .then()
        .statusCode(403);
  }

  @Test
  void another_districts_registration_of_an_id_number_is_never_revealed_but_flagged_for_the_city() {
    Login shapingba = fixtures.districtAdmin(SHAPINGBA);
    Map<String, Object> body = child(SHAPINGBA);
    String first = create(shapingba, body);
    Login yuzhong = fixtures.districtAdmin("500103");
    Map<String, Object> again = new java.util.HashMap<>(body);
    again.put("districtCode", "500103");
    again.remove("street");
    Map<String, Object> unknown = new java.util.HashMap<>(again);
    unknown.put(
        "idNumber", fixtures.idNumber(java.time.LocalDate.parse((String) body.get("birthDate"))));
    // The same answer as for an ID number nobody holds: status, fields, and no hint in any of them.
    var taken = api(yuzhong.token())
        .body(again)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(201)
        .body("possibleDuplicateOf", org.hamcrest.Matchers.nullValue())
        .extract()
        .jsonPath()
        .getMap("$");
    var free = api(yuzhong.token())
        .body(unknown)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getMap("$");
    assertThat(taken.keySet()).isEqualTo(free.keySet());
    // In her own ledger it is a plain duplicate; the city sees the pair and the list of them.
    api(yuzhong.token())
        .body(again)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
    Login city = fixtures.cityAdmin();
    api(city.token())
        .get("/api/v1/admin/children/{id}", taken.get("id"))
        .then()
        .body("possibleDuplicateOf", equalTo(first));
    api(city.token())
        .queryParam("possibleDuplicate", "true")
        .queryParam("limit", 100)
        .get("/api/v1/admin/children")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(taken.get("id")));
    api(yuzhong.token())
        .queryParam("possibleDuplicate", "true")
        .get("/api/v1/admin/children")
        .then()
        .statusCode(403);
  }

  @Test
  void the_same_id_number_cannot_be_registered_twice() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Map<String, Object> body = child(SHAPINGBA);
    create(da, body);
    api(fixtures.cityAdmin().token())
        .body(body)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
  }

  @Test
  void editing_changes_only_what_is_sent() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    String id = create(da, child(SHAPINGBA));
    api(da.token())
        .body(Map.of("status", "MOVED", "riskFlags", List.of("DROPOUT_RISK")))
        .patch("/api/v1/admin/children/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("MOVED"))
        .body("riskFlags", equalTo(List.of("DROPOUT_RISK")))
        .body("guardians[0].name", equalTo("张桂兰"))
        .body("school", equalTo("小龙坎小学"));
    api(da.token())
        .body(Map.of(
            "guardians",
            List.of(Map.of("name", "张强", "relation", "FATHER", "phone", "13600002222"))))
        .patch("/api/v1/admin/children/{id}", id)
        .then()
        .statusCode(200)
        .body("guardians.name", equalTo(List.of("张强")));
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(Map.of("careLevel", "SOMETIMES"))
        .patch("/api/v1/admin/children/{id}", id)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("careLevel"));
    api(da.token())
        .get("/api/v1/admin/children/{id}", id)
        .then()
        .body("careLevel", equalTo("ONE_TO_ONE"));
  }

  @Test
  void bad_ledger_entries_name_every_offending_field() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    raw(da.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/children")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("name"))
        .body("fields.field", hasItem("idNumber"))
        .body("fields.field", hasItem("guardians"));
    Map<String, Object> bad = child(SHAPINGBA);
    String goodId = (String) bad.get("idNumber");
    bad.put("idNumber", goodId.substring(0, 17) + (goodId.charAt(17) == '0' ? '1' : '0'));
    bad.put("needs", List.of("CANDY"));
    bad.put("category", "ROYAL");
    bad.put("location", Map.of("lat", 39.9, "lng", 116.4));
    bad.put("guardians", List.of(Map.of("name", "某", "relation", "NEIGHBOUR", "phone", "123")));
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(bad)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("idNumber"))
        .body("fields.field", hasItem("needs"))
        .body("fields.field", hasItem("category"))
        .body("fields.field", hasItem("location"))
        .body("fields.field", hasItem("guardians[0].relation"))
        .body("fields.field", hasItem("guardians[0].phone"));
    Map<String, Object> mismatch = child(SHAPINGBA);
    mismatch.put("birthDate", today().minusYears(5).toString());
    api(da.token())
        .body(mismatch)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(422)
        .body("fields[0].message", equalTo("身份证号中的出生日期与填写的不一致"));
    Map<String, Object> badDate = child(SHAPINGBA);
    badDate.put("birthDate", "2016-02-30");
    raw(da.token())
        .contentType(ContentType.JSON)
        .body(badDate)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("birthDate"));
    Map<String, Object> noStreet = child(SHAPINGBA);
    noStreet.put("street", "没有这个街道");
    api(da.token())
        .body(noStreet)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("street"));
    // None of the refused entries was written: every listed child is a valid one of the filter.
    api(da.token())
        .queryParam("status", "ACTIVE")
        .queryParam("category", "LEFT_BEHIND")
        .queryParam("limit", "100")
        .get("/api/v1/admin/children")
        .then()
        .statusCode(200)
        .body("items.category", org.hamcrest.Matchers.everyItem(equalTo("LEFT_BEHIND")))
        .body("items.name", org.hamcrest.Matchers.not(hasItem("某")));
  }
}
