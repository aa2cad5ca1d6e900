package cn.yuhao.care.child;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for guardian consents; there is no DELETE, withdrawal is an UPDATE of its own columns only. */
final class ConsentDao {
  private static final String COLUMNS =
      "id, child_id, guardian_name, relation, method, signed_at, scope, version, "
          + "recorded_at, withdrawn_at, withdraw_reason";

  private final Handle h;

  ConsentDao(Handle h) {
    this.h = h;
  }

  void insert(long id, long childId, ConsentService.ConsentInput c, long recordedBy, Instant now) {
    h.createUpdate("""
            INSERT INTO child_consents (id, child_id, guardian_name, relation, method, signed_at, scope, version,
                                        recorded_by, recorded_at)
            VALUES (:id, :childId, :guardianName, :relation, :method, :signedAt, :scope, :version, :by, :now)
            """)
        .bind("id", id)
        .bind("childId", childId)
        .bind("guardianName", c.guardianName().trim())
        .bind("relation", c.relation())
        .bind("method", c.method())
        .bind("signedAt", c.signedAt())
        .bind("scope", c.scope())
        .bind("version", c.version())
        .bind("by", recordedBy)
        .bind("now", now)
        .execute();
  }

  List<ConsentRow> ofChild(long childId) {
    return h.createQuery("SELECT " + COLUMNS
            + " FROM child_consents WHERE child_id = :c ORDER BY signed_at DESC, id DESC")
        .bind("c", childId)
        .mapTo(ConsentRow.class)
        .list();
  }

  Optional<ConsentRow> find(long childId, long id) {
    return h.createQuery("SELECT " + COLUMNS
            + " FROM child_consents WHERE child_id = :c AND id = :id FOR UPDATE")
        .bind("c", childId)
        .bind("id", id)
        .mapTo(ConsentRow.class)
        .findOne();
  }

  void withdraw(long id, long by, String reason, Instant now) {
    h.createUpdate("""
            UPDATE child_consents SET withdrawn_at = :now, withdrawn_by = :by, withdraw_reason = :reason
             WHERE id = :id AND withdrawn_at IS NULL
            """)
        .bind("id", id)
        .bind("by", by)
        .bind("reason", reason)
        .bind("now", now)
        .execute();
  }
}
