package cn.yuhao.care.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Paired;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Times keep their milliseconds through the database, on the embedded MariaDB and on DB_URL's server. */
@Tag("smoke")
class TimePrecisionApiTest extends ApiTest {

  @Test
  void a_time_with_milliseconds_comes_back_with_them() {
    Paired p = fixtures.pairing("500152", Map.of());
    fixtures.backdatePairing(p.pairingId(), java.time.Duration.ofDays(2));
    Instant occurred = server
        .clock()
        .instant()
        .minus(1, ChronoUnit.HOURS)
        .truncatedTo(ChronoUnit.SECONDS)
        .plusMillis(123);
    String id = api(p.volunteer().login().token())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of(
            "kind",
            "CONTACT_CHILD",
            "occurredAt",
            occurred.toString(),
            "way",
            "PHONE",
            "summary",
            "电话联系，孩子学习顺利。"))
        .post("/api/v1/pairings/{id}/care-records", p.pairingId())
        .then()
        .statusCode(201)
        .extract()
        .path("id");
    String createdAt = api(p.volunteer().login().token())
        .get("/api/v1/care-records/{id}", id)
        .then()
        .statusCode(200)
        .body("record.occurredAt", equalTo(occurred.toString()))
        .extract()
        .jsonPath()
        .getString("record.createdAt");
    Instant stored = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT occurred_at FROM care_records WHERE id = :id")
            .bind("id", Long.parseLong(id))
            .mapTo(Instant.class)
            .one());
    assertThat(stored).isEqualTo(occurred);
    // The server's own times too: the clock ticks in milliseconds, and not every one is a whole
    // second.
    Instant storedCreated = server
        .app()
        .services()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT created_at FROM care_records WHERE id = :id")
            .bind("id", Long.parseLong(id))
            .mapTo(Instant.class)
            .one());
    assertThat(Instant.parse(createdAt)).isEqualTo(storedCreated);
  }
}
