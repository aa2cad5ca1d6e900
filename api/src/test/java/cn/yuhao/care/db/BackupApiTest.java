package cn.yuhao.care.db;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.App;
import cn.yuhao.care.privacy.KeyEnvelope;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hot backup taken while children are being registered, restored into a new database: every table's count
 * and checksum equal the backup's snapshot, and the service on the restored database reads a sealed field.
 */
@Tag("smoke") // also against DB_URL's server in CI: backups and key rotation are for real databases
@Tag("slow") // several service instances, restarts or bulk loads
class BackupApiTest extends ApiTest {
  private static final String D_500190 = Districts.claim(BackupApiTest.class, "500190");
  private static final String DISTRICT = D_500190;

  private static Connection connect(String url) throws Exception {
    return DriverManager.getConnection(
        url + (url.contains("?") ? "&" : "?") + "connectionTimeZone=UTC",
        System.getenv().getOrDefault("DB_USER", "root"),
        System.getenv().getOrDefault("DB_PASSWORD", ""));
  }

  private static String child(Login admin, int i) {
    LocalDate birth = LocalDate.of(2015, 6, 1).plusDays(i);
    Map<String, Object> body = new HashMap<>(Map.of(
        "name",
        "备份儿童",
        "gender",
        "FEMALE",
        "birthDate",
        birth.toString(),
        "idNumber",
        fixtures.idNumber(birth),
        "districtCode",
        DISTRICT,
        "category",
        "LEFT_BEHIND",
        "needs",
        List.of("ACADEMIC_LAG"),
        "careLevel",
        "ONE_TO_ONE",
        "address",
        "两江新区测试路 " + i + " 号"));
    body.put(
        "guardians",
        List.of(Map.of("name", "李桂兰", "relation", "GRANDPARENT", "phone", "13500002222")));
    return api(admin.token())
        .body(body)
        .post("/api/v1/admin/children")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void a_backup_under_write_load_restores_table_for_table_and_reads_back_a_sealed_field()
      throws Exception {
    Login admin = fixtures.districtAdmin(DISTRICT);
    String before = child(admin, 0);
    String idNumber = api(admin.token())
        .get("/api/v1/admin/children/{id}/sensitive", before)
        .then()
        .extract()
        .path("idNumber");
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger written = new AtomicInteger();
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
      for (int i = 1; writing.get(); i++) {
        child(admin, i);
        written.incrementAndGet();
      }
    });
    while (written.get() < 3) {
      Thread.sleep(20);
    }
    Path file = Files.createTempFile(Path.of("target"), "backup", ".zip");
    JsonNode manifest;
    try (Handle h = server.app().services().jdbi().open()) {
      manifest = Backup.create(h.getConnection(), file, null);
    }
    writing.set(false);
    load.join();
    assertThat(written.get()).isGreaterThan(3);

    String restoreUrl = server.freshDatabase("yuhao_restore");
    try (Connection target = connect(restoreUrl)) {
      int shipped = manifest.path("schemaVersion").asInt();
      Backup.restore(target, file, shipped);
      var tables = manifest.path("tables").fields();
      int compared = 0;
      while (tables.hasNext()) {
        var t = tables.next();
        Backup.TableSum restored = Backup.sum(target, t.getKey());
        assertThat(restored.rows())
            .as(t.getKey())
            .isEqualTo(t.getValue().path("rows").asLong());
        assertThat(restored.checksum())
            .as(t.getKey())
            .isEqualTo(t.getValue().path("checksum").asText());
        compared++;
      }
      assertThat(compared).isGreaterThan(40);
      // One snapshot for all tables: each child came with its guardian in one transaction, and the
      // tables were
      // read one after the other while children kept coming; still every child has her guardian,
      // and no more.
      try (var st = target.createStatement();
          var rs = st.executeQuery("""
              SELECT (SELECT COUNT(*) FROM child_guardians g LEFT JOIN children c ON c.id = g.child_id
                       WHERE c.id IS NULL),
                     (SELECT COUNT(*) FROM children c WHERE c.district_code = '500190'
                         AND NOT EXISTS (SELECT 1 FROM child_guardians g WHERE g.child_id = c.id))""")) {
        rs.next();
        assertThat(rs.getInt(1)).as("guardians without their child").isZero();
        assertThat(rs.getInt(2)).as("children without their guardian").isZero();
      }
      // Restoring twice, or over anything, is refused.
      assertThatThrownBy(() -> Backup.restore(target, file, shipped))
          .hasMessageContaining("not empty");
    }
    try (Connection empty = connect(server.freshDatabase("yuhao_restore_old"))) {
      assertThatThrownBy(
              () -> Backup.restore(empty, file, manifest.path("schemaVersion").asInt() - 1))
          .hasMessageContaining("newer");
    }
    // The service on the restored database, with the same keys, opens what was sealed before the
    // backup.
    try (App restored = server.another(Map.of("PORT", "0", "DB_URL", restoreUrl))) {
      String token = fixtures.cityAdminOn(restored);
      given()
          .port(restored.port())
          .auth()
          .oauth2(token)
          .get("/api/v1/admin/children/{id}/sensitive", before)
          .then()
          .statusCode(200)
          .body("idNumber", equalTo(idNumber));
    }
  }

  @Test
  void keys_travel_only_sealed_with_a_passphrase() {
    String keys = "DATA_KEY=k1:AAAA\nINDEX_KEY=BBBB\n";
    byte[] sealed = KeyEnvelope.seal(keys, "a long passphrase".toCharArray());
    assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("AAAA");
    assertThat(KeyEnvelope.open(sealed, "a long passphrase".toCharArray())).isEqualTo(keys);
    assertThatThrownBy(() -> KeyEnvelope.open(sealed, "another passphrase".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
