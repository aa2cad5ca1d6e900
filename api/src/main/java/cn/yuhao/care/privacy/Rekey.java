package cn.yuhao.care.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Key rotation for sealed columns: every value not sealed with the active data key (the first of DATA_KEY) is
 * opened with its own key and sealed again, in batches of one transaction each, while the service runs. A value
 * already on the active key is skipped, so a run stopped at any point (a crash, a kill) is resumed by running
 * it again; when a run reports nothing left, the old keys can be removed from DATA_KEY.
 */
public final class Rekey {
  /** A sealed column: its table, the key columns that order it, and the associated data it is sealed with. */
  record Column(String table, List<String> key, String column, String aad) {
    String name() {
      return table + "." + column;
    }
  }

  /** Every sealed column of the schema (a test holds this list to the schema's *_enc columns). */
  static final List<Column> COLUMNS = List.of(
      new Column("users", List.of("id"), "phone_enc", "users.phone"),
      new Column("login_sessions", List.of("id"), "session_key_enc", "login_sessions.session_key"),
      new Column("volunteers", List.of("id"), "phone_enc", "volunteers.phone"),
      new Column("volunteers", List.of("id"), "location_enc", "volunteers.location"),
      new Column("children", List.of("id"), "id_number_enc", "children.id_number"),
      new Column("children", List.of("id"), "address_enc", "children.address"),
      new Column("children", List.of("id"), "location_enc", "children.location"),
      new Column("child_guardians", List.of("id"), "phone_enc", "child_guardians.phone"),
      new Column("care_records", List.of("id"), "summary_enc", "care_records.summary"),
      new Column(
          "care_records", List.of("id"), "follow_up_note_enc", "care_records.follow_up_note"),
      new Column(
          "care_record_versions",
          List.of("record_id", "version"),
          "summary_enc",
          "care_records.summary"),
      new Column(
          "care_record_versions",
          List.of("record_id", "version"),
          "follow_up_note_enc",
          "care_records.follow_up_note"),
      new Column("concerns", List.of("id"), "description_enc", "concerns.description"),
      new Column("concerns", List.of("id"), "outcome_enc", "concerns.outcome"),
      new Column("concern_referrals", List.of("id"), "outcome_enc", "concern_referrals.outcome"),
      new Column("referral_feedback", List.of("id"), "note_enc", "referral_feedback.note"),
      new Column("care_plans", List.of("id"), "body_enc", "care_plans.body"),
      new Column("care_plan_reviews", List.of("id"), "progress_enc", "care_plan_reviews.progress"),
      new Column("director_records", List.of("id"), "summary_enc", "director_records.summary"),
      new Column("troupe_badges", List.of("token_hash"), "token_enc", "troupe_badges.token"),
      new Column("merchants", List.of("id"), "contact_phone_enc", "merchants.contact_phone"),
      new Column(
          "survey_answers",
          List.of("response_id", "question_id", "choice"),
          "text_enc",
          "survey_answers.text"));

  /** What a run did: values sealed again per column, and values still on another key afterwards. */
  public record Report(Map<String, Integer> resealed, int remaining) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final String activePrefix;

  public Rekey(Jdbi jdbi, FieldCipher cipher, Keys keys) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.activePrefix = keys.activeKeyId() + ":";
  }

  /** Runs until every column is done, or {@code maxBatches} batches have been written (for tests: a crash). */
  public Report run(int batchSize, int maxBatches) {
    Map<String, Integer> resealed = new LinkedHashMap<>();
    int batches = 0;
    for (Column c : COLUMNS) {
      int done = 0;
      List<Object> after = null;
      while (batches < maxBatches) {
        List<Object> from = after;
        List<List<Object>> rows = jdbi.withHandle(
            h -> new SealedColumnsDao(h).notSealedWith(c, activePrefix, from, batchSize));
        if (rows.isEmpty()) {
          break;
        }
        done += jdbi.inTransaction(h -> reseal(h, c, rows));
        after = rows.get(rows.size() - 1).subList(0, c.key().size());
        batches++;
      }
      resealed.put(c.name(), done);
    }
    return new Report(resealed, remaining());
  }

  /** Values in sealed columns that the active key did not seal. */
  public int remaining() {
    return jdbi.withHandle(h -> {
      int n = 0;
      for (Column c : COLUMNS) {
        n += new SealedColumnsDao(h).countNotSealedWith(c, activePrefix);
      }
      return n;
    });
  }

  /** Seals each value again; a value changed meanwhile (the service wrote it, with the active key) is left. */
  private int reseal(Handle h, Column c, List<List<Object>> rows) {
    SealedColumnsDao dao = new SealedColumnsDao(h);
    int n = 0;
    for (List<Object> row : rows) {
      String old = (String) row.get(c.key().size());
      n += dao.reseal(c, row, old, cipher.encrypt(cipher.decrypt(old, c.aad()), c.aad()));
    }
    return n;
  }
}
