package cn.yuhao.care.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.App;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rotating the data key on a database of its own (yuhao_rekey on the same server): the service restarted with
 * the new key first, a rekey run stopped half way (a crash), resumed, and the old key removed.
 */
@Tag("smoke") // also against DB_URL's server in CI: backups and key rotation are for real databases
@Tag("slow") // several service instances, restarts or bulk loads
class RekeyApiTest extends ApiTest {
  private static final String D_500120 = Districts.claim(RekeyApiTest.class, "500120");
  private static final String SCHEMA = "yuhao_rekey";

  @Test
  void a_rekey_stopped_half_way_resumes_and_the_old_key_can_then_go() throws Exception {
    String url = server.freshDatabase(SCHEMA);
    Properties dev = devKeys();
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    String newKey = "k9:" + Base64.getEncoder().encodeToString(fresh);
    String index = dev.getProperty("INDEX_KEY");

    // Data sealed with the old key (dev1), through the API of an instance on that database.
    Map<String, String> idNumbers = seed(url);
    List<String> children = new ArrayList<>(idNumbers.keySet());

    // Every instance restarts with the new key first in DATA_KEY; the rekey runs beside it and is
    // killed early.
    Keys both = Keys.parse(newKey + "," + dev.getProperty("DATA_KEY"), index);
    try (App mid = server.another(Map.of(
        "PORT",
        "0",
        "DB_URL",
        url,
        "DATA_KEY",
        newKey + "," + dev.getProperty("DATA_KEY"),
        "INDEX_KEY",
        index))) {
      Rekey rekey = new Rekey(mid.services().jdbi(), new FieldCipher(both), both);
      int before = rekey.remaining();
      Rekey.Report crashed = rekey.run(10, 4);
      assertThat(crashed.remaining()).isGreaterThan(0).isLessThan(before);
      Rekey.Report resumed = rekey.run(10, Integer.MAX_VALUE);
      assertThat(resumed.remaining()).isZero();
      assertThat(crashed.resealed().values().stream()
                  .mapToInt(Integer::intValue)
                  .sum()
              + resumed.resealed().values().stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(before);
    }

    // The old key gone: everything still reads.
    try (App fin = server.another(
        Map.of("PORT", "0", "DB_URL", url, "DATA_KEY", newKey, "INDEX_KEY", index))) {
      String token = fixtures.cityAdminOn(fin);
      for (String id : children) {
        given()
            .port(fin.port())
            .auth()
            .oauth2(token)
            .get("/api/v1/admin/children/{id}/sensitive", id)
            .then()
            .statusCode(200)
            .body("idNumber", equalTo(idNumbers.get(id)))
            .body("guardians[0].phone", equalTo("13500002222"));
      }
    }
  }

  /** 25 children with a guardian each, registered through an instance on {@code url}: id → ID number. */
  private static Map<String, String> seed(String url) {
    Map<String, String> idNumbers = new HashMap<>();
    try (App old = server.another(Map.of("PORT", "0", "DB_URL", url))) {
      String token = fixtures.cityAdminOn(old);
      for (int i = 0; i < 25; i++) {
        LocalDate birth = LocalDate.of(2016, 1, 1).plusDays(i * 7L);
        String idNumber = fixtures.idNumber(birth);
        String id = given()
            .port(old.port())
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(child(birth, idNumber, i))
            .post("/api/v1/admin/children")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
        idNumbers.put(id, idNumber);
      }
    }
    return idNumbers;
  }

  private static Map<String, Object> child(LocalDate birth, String idNumber, int i) {
    Map<String, Object> child = new HashMap<>(Map.of(
        "name",
        "轮换儿童",
        "gender",
        "MALE",
        "birthDate",
        birth.toString(),
        "idNumber",
        idNumber,
        "districtCode",
        D_500120,
        "category",
        "LEFT_BEHIND",
        "needs",
        List.of("ACADEMIC_LAG"),
        "careLevel",
        "ONE_TO_ONE",
        "address",
        "璧山区测试路 " + i + " 号",
        "location",
        Map.of("lat", 29.59, "lng", 106.22)));
    child.put(
        "guardians",
        List.of(Map.of("name", "王桂兰", "relation", "GRANDPARENT", "phone", "13500002222")));
    return child;
  }

  private static Properties devKeys() throws java.io.IOException {
    Properties dev = new Properties();
    try (InputStream in = Files.newInputStream(Path.of("target", "test-data", "keys.properties"))) {
      dev.load(in);
    }
    return dev;
  }

  @Test
  void a_reindex_stopped_half_way_resumes_and_look_ups_work_with_the_new_index_key()
      throws Exception {
    String url = server.freshDatabase("yuhao_reindex");
    Properties dev = devKeys();
    Map<String, String> idNumbers = seed(url);
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    String newIndex = Base64.getEncoder().encodeToString(fresh);
    Keys keys = Keys.parse(dev.getProperty("DATA_KEY"), newIndex);
    // Every instance stopped; the reindex is killed after 3 batches, then run again.
    try (App maintenance = server.another(Map.of("PORT", "0", "DB_URL", url))) {
      Reindex reindex =
          new Reindex(maintenance.services().jdbi(), new FieldCipher(keys), new BlindIndex(keys));
      reindex.run(10, 3);
      assertThat(reindex.stale()).isGreaterThan(0);
      reindex.run(10, Integer.MAX_VALUE);
      assertThat(reindex.stale()).isZero();
    }
    // The service with the new INDEX_KEY finds the children by ID number: registering one again is
    // a duplicate.
    try (App fin = server.another(Map.of("PORT", "0", "DB_URL", url, "INDEX_KEY", newIndex))) {
      String token = fixtures.cityAdminOn(fin);
      String idNumber = idNumbers.values().iterator().next();
      given()
          .port(fin.port())
          .auth()
          .oauth2(token)
          .contentType("application/json")
          .body(child(
              LocalDate.parse(
                  idNumber.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
              idNumber,
              99))
          .post("/api/v1/admin/children")
          .then()
          .statusCode(409)
          .body("code", equalTo("DUPLICATE"));
    }
  }

  @Test
  void every_blind_index_of_the_schema_is_recomputed() {
    Set<String> inSchema = new HashSet<>(server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("""
            SELECT CONCAT(table_name, '.', column_name) FROM information_schema.columns
             WHERE table_schema = DATABASE() AND column_name LIKE '%\\_index'""").mapTo(String.class).list()));
    assertThat(Reindex.INDEXES.stream().map(Reindex.Index::name).toList())
        .containsExactlyInAnyOrderElementsOf(inSchema);
  }

  @Test
  void every_sealed_column_of_the_schema_is_rotated() {
    Set<String> inSchema = new HashSet<>(server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("""
            SELECT CONCAT(table_name, '.', column_name) FROM information_schema.columns
             WHERE table_schema = DATABASE() AND column_name LIKE '%\\_enc'""").mapTo(String.class).list()));
    assertThat(Rekey.COLUMNS.stream().map(Rekey.Column::name).toList())
        .containsExactlyInAnyOrderElementsOf(inSchema);
  }
}
