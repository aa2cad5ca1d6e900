package cn.yuhao.care.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rotating the data key on a database of its own (yuhao_rekey on the same server): the service restarted with
 * the new key first, a rekey run stopped half way (a crash), resumed, and the old key removed.
 */
class RekeyApiTest extends ApiTest {
  private static final String SCHEMA = "yuhao_rekey";

  @Test
  void a_rekey_stopped_half_way_resumes_and_the_old_key_can_then_go() throws Exception {
    server.app().services().jdbi().useHandle(h -> {
      h.execute("DROP DATABASE IF EXISTS " + SCHEMA);
      h.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    });
    String url = server.app().services().jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + SCHEMA + "$1");
    Properties dev = new Properties();
    try (InputStream in = Files.newInputStream(Path.of("target", "test-data", "keys.properties"))) {
      dev.load(in);
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    String newKey = "k9:" + Base64.getEncoder().encodeToString(fresh);
    String index = dev.getProperty("INDEX_KEY");

    // Data sealed with the old key (dev1), through the API of an instance on that database.
    List<String> children = new ArrayList<>();
    Map<String, String> idNumbers = new HashMap<>();
    try (App old = server.another(Map.of("PORT", "0", "DB_URL", url))) {
      String token = given().port(old.port()).contentType("application/json").body(Map.of("code", fixtures.newCode()))
          .post("/api/v1/auth/wechat-login").then().statusCode(200).extract().path("token");
      long userId = Long.parseLong(given().port(old.port()).auth().oauth2(token).get("/api/v1/me").then()
          .extract().path("id"));
      old.services().jdbi().useTransaction(h -> old.services().users().ensureGrant(h, userId, Role.CITY_ADMIN, null,
          null, server.clock().instant()));
      for (int i = 0; i < 25; i++) {
        LocalDate birth = LocalDate.of(2016, 1, 1).plusDays(i * 7L);
        String idNumber = fixtures.idNumber(birth);
        Map<String, Object> child = new HashMap<>(Map.of("name", "轮换儿童", "gender", "MALE",
            "birthDate", birth.toString(), "idNumber", idNumber, "districtCode", "500120",
            "category", "LEFT_BEHIND", "needs", List.of("ACADEMIC_LAG"), "careLevel", "ONE_TO_ONE",
            "address", "璧山区测试路 " + i + " 号", "location", Map.of("lat", 29.59, "lng", 106.22)));
        child.put("guardians", List.of(Map.of("name", "王桂兰", "relation", "GRANDPARENT", "phone", "13500002222")));
        String id = given().port(old.port()).auth().oauth2(token).contentType("application/json").body(child)
            .post("/api/v1/admin/children").then().statusCode(201).extract().path("id");
        children.add(id);
        idNumbers.put(id, idNumber);
      }
    }

    // Every instance restarts with the new key first in DATA_KEY; the rekey runs beside it and is killed early.
    Keys both = Keys.parse(newKey + "," + dev.getProperty("DATA_KEY"), index);
    try (App mid = server.another(Map.of("PORT", "0", "DB_URL", url, "DATA_KEY", newKey + "," + dev.getProperty(
        "DATA_KEY"), "INDEX_KEY", index))) {
      Rekey rekey = new Rekey(mid.services().jdbi(), new FieldCipher(both), both);
      int before = rekey.remaining();
      Rekey.Report crashed = rekey.run(10, 4);
      assertThat(crashed.remaining()).isGreaterThan(0).isLessThan(before);
      Rekey.Report resumed = rekey.run(10, Integer.MAX_VALUE);
      assertThat(resumed.remaining()).isZero();
      assertThat(crashed.resealed().values().stream().mapToInt(Integer::intValue).sum()
          + resumed.resealed().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(before);
    }

    // The old key gone: everything still reads.
    try (App fin = server.another(Map.of("PORT", "0", "DB_URL", url, "DATA_KEY", newKey, "INDEX_KEY", index))) {
      String token = given().port(fin.port()).contentType("application/json").body(Map.of("code", fixtures.newCode()))
          .post("/api/v1/auth/wechat-login").then().statusCode(200).extract().path("token");
      long userId = Long.parseLong(given().port(fin.port()).auth().oauth2(token).get("/api/v1/me").then()
          .extract().path("id"));
      fin.services().jdbi().useTransaction(h -> fin.services().users().ensureGrant(h, userId, Role.CITY_ADMIN, null,
          null, server.clock().instant()));
      for (String id : children) {
        given().port(fin.port()).auth().oauth2(token).get("/api/v1/admin/children/{id}/sensitive", id).then()
            .statusCode(200).body("idNumber", equalTo(idNumbers.get(id)))
            .body("guardians[0].phone", equalTo("13500002222"));
      }
    }
  }

  @Test
  void every_sealed_column_of_the_schema_is_rotated() {
    Set<String> inSchema = new HashSet<>(server.app().services().jdbi().withHandle(h -> h.createQuery("""
            SELECT CONCAT(table_name, '.', column_name) FROM information_schema.columns
             WHERE table_schema = DATABASE() AND column_name LIKE '%\\_enc'""").mapTo(String.class).list()));
    assertThat(Rekey.COLUMNS.stream().map(Rekey.Column::name).toList()).containsExactlyInAnyOrderElementsOf(inSchema);
  }
}
