package cn.yuhao.care.pairing;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of volunteers' requests to pair with a child; admin reads are scoped by the child's district and street. */
final class PairingRequestDao {
  record Row(
      long id,
      long childId,
      String childName,
      long volunteerId,
      String volunteerName,
      String districtCode,
      String street,
      String status,
      String message,
      Instant createdAt,
      Instant decidedAt,
      String declineReason,
      Long pairingId) {}

  private static final String COLUMNS = """
      r.id, r.child_id, c.name AS child_name, r.volunteer_id, v.real_name AS volunteer_name, r.district_code,
      r.street, r.status, r.message, r.created_at, r.decided_at, r.decline_reason, r.pairing_id
        FROM pairing_requests r JOIN children c ON c.id = r.child_id JOIN volunteers v ON v.id = r.volunteer_id
      """;

  private final Handle h;

  PairingRequestDao(Handle h) {
    this.h = h;
  }

  /** Whether this volunteer's request for this child is pending ({@code key} = child:volunteer). */
  boolean pending(String key) {
    return h.createQuery("SELECT COUNT(*) FROM pairing_requests WHERE pending_key = :k")
            .bind("k", key)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  void insert(
      long id,
      long childId,
      long volunteerId,
      PairingDao.Child child,
      String key,
      String message,
      Instant now) {
    h.createUpdate("""
            INSERT INTO pairing_requests (id, child_id, volunteer_id, district_code, street, status, pending_key,
                                          message, created_at)
            VALUES (:id, :c, :v, :d, :s, 'PENDING', :k, :m, :now)""")
        .bind("id", id)
        .bind("c", childId)
        .bind("v", volunteerId)
        .bind("d", child.districtCode())
        .bind("s", child.street())
        .bind("k", key)
        .bind("m", message)
        .bind("now", now)
        .execute();
  }

  List<Row> ofVolunteer(long volunteerId, long before, int limit) {
    return h.createQuery("SELECT " + COLUMNS
            + " WHERE r.volunteer_id = :v AND r.id < :before ORDER BY r.id DESC LIMIT :n")
        .bind("v", volunteerId)
        .bind("before", before)
        .bind("n", limit)
        .map(PairingRequestDao::row)
        .list();
  }

  /** Requests in scope, newest first, before {@code before}; {@code status} null for all. */
  List<Row> list(Scope scope, String status, long before, int limit) {
    var q = h.createQuery("SELECT " + COLUMNS + """
         WHERE <scope> AND (:status IS NULL OR r.status = :status) AND r.id < :before
         ORDER BY r.id DESC LIMIT :limit""")
        .bind("status", status)
        .bind("before", before)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "r", scope).map(PairingRequestDao::row).list();
  }

  void approve(long id, long pairingId, long by, Instant now) {
    h.createUpdate("""
            UPDATE pairing_requests SET status = 'APPROVED', pending_key = NULL, decided_at = :now, decided_by = :by,
                   pairing_id = :p WHERE id = :id""")
        .bind("id", id)
        .bind("now", now)
        .bind("by", by)
        .bind("p", pairingId)
        .execute();
  }

  /** Declines every other pending request for the child. */
  void declineOthers(long childId, String reason, long by, Instant now) {
    h.createUpdate("""
            UPDATE pairing_requests SET status = 'DECLINED', pending_key = NULL, decided_at = :now, decided_by = :by,
                   decline_reason = :reason WHERE child_id = :c AND status = 'PENDING'""")
        .bind("c", childId)
        .bind("reason", reason)
        .bind("now", now)
        .bind("by", by)
        .execute();
  }

  void decline(long id, String reason, long by, Instant now) {
    h.createUpdate("""
            UPDATE pairing_requests SET status = 'DECLINED', pending_key = NULL, decided_at = :now, decided_by = :by,
                   decline_reason = :reason WHERE id = :id""")
        .bind("id", id)
        .bind("now", now)
        .bind("by", by)
        .bind("reason", reason)
        .execute();
  }

  Optional<Row> find(long id, Scope scope, boolean forUpdate) {
    var q = h.createQuery("SELECT " + COLUMNS + " WHERE r.id = :id AND <scope>"
            + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id);
    return ScopeFilter.apply(q, "r", scope).map(PairingRequestDao::row).findOne();
  }

  static Row row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    long pairing = rs.getLong("pairing_id");
    Long pairingId = rs.wasNull() ? null : pairing;
    return new Row(
        rs.getLong("id"),
        rs.getLong("child_id"),
        rs.getString("child_name"),
        rs.getLong("volunteer_id"),
        rs.getString("volunteer_name"),
        rs.getString("district_code"),
        rs.getString("street"),
        rs.getString("status"),
        rs.getString("message"),
        Columns.instant(rs, "created_at", ctx),
        Columns.instant(rs, "decided_at", ctx),
        rs.getString("decline_reason"),
        pairingId);
  }
}
