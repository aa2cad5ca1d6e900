package cn.yuhao.care.points;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.privacy.Masking;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of admins' points adjustments (grants and claw-backs); reads are scoped by the volunteer's district. */
final class AdjustmentDao {
  /** What an adjustment needs of the volunteer. */
  record Volunteer(String districtCode, String status) {}

  private static final String SELECT = """
      SELECT a.id, a.user_id, v.real_name, a.district_code, a.amount, a.reason, a.status, a.requested_by,
             a.requested_at, a.decided_by, a.decided_at, a.decision_note
        FROM points_adjustments a LEFT JOIN volunteers v ON v.user_id = a.user_id""";

  private final Handle h;

  AdjustmentDao(Handle h) {
    this.h = h;
  }

  /** The volunteer of a user in scope, locked. */
  Optional<Volunteer> volunteerForUpdate(long userId, Scope scope) {
    return ScopeFilter.apply(
            h.createQuery(
                "SELECT v.district_code, v.status FROM volunteers v WHERE v.user_id = :u AND <scope> FOR UPDATE"),
            "v",
            scope)
        .bind("u", userId)
        .map((rs, ctx) -> new Volunteer(rs.getString(1), rs.getString(2)))
        .findOne();
  }

  /** Points granted or clawed back from the user without a second admin since {@code since}. */
  long appliedAloneSince(long userId, Instant since) {
    return h.createQuery("""
            SELECT COALESCE(SUM(ABS(amount)), 0) FROM points_adjustments
             WHERE user_id = :u AND status = 'APPLIED' AND decided_by IS NULL AND requested_at > :since""")
        .bind("u", userId)
        .bind("since", since)
        .mapTo(Long.class)
        .one();
  }

  void insert(
      long id,
      long userId,
      String districtCode,
      long amount,
      String reason,
      String status,
      long by,
      Instant now) {
    h.createUpdate("""
            INSERT INTO points_adjustments (id, user_id, district_code, amount, reason, status, requested_by,
                                            requested_at)
            VALUES (:id, :u, :d, :a, :r, :s, :by, :now)""")
        .bind("id", id)
        .bind("u", userId)
        .bind("d", districtCode)
        .bind("a", amount)
        .bind("r", reason)
        .bind("s", status)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  void decide(long id, String status, long by, String note, Instant now) {
    h.createUpdate("""
            UPDATE points_adjustments SET status = :s, decided_by = :by, decided_at = :now, decision_note = :n
             WHERE id = :id""")
        .bind("s", status)
        .bind("by", by)
        .bind("now", now)
        .bind("n", note)
        .bind("id", id)
        .execute();
  }

  void linkTransaction(long id, long transactionId) {
    h.createUpdate("UPDATE points_adjustments SET transaction_id = :t WHERE id = :id")
        .bind("t", transactionId)
        .bind("id", id)
        .execute();
  }

  /** Adjustments in scope, newest first, at most 200; {@code status} null for all. */
  List<AdjustmentService.Adjustment> list(Scope scope, String status, long before, int limit) {
    return ScopeFilter.apply(
            h.createQuery(
                SELECT + " WHERE (:s IS NULL OR a.status = :s) AND a.id < :before AND <scope>"
                    + " ORDER BY a.id DESC LIMIT :n"),
            "a",
            scope)
        .bind("s", status)
        .bind("before", before)
        .bind("n", limit)
        .map(AdjustmentDao::row)
        .list();
  }

  Optional<AdjustmentService.Adjustment> find(long id, Scope scope) {
    return ScopeFilter.apply(h.createQuery(SELECT + " WHERE a.id = :id AND <scope>"), "a", scope)
        .bind("id", id)
        .map(AdjustmentDao::row)
        .findOne();
  }

  /** Locks the adjustment if it is in scope; false otherwise. */
  boolean lock(long id, Scope scope) {
    return ScopeFilter.apply(
            h.createQuery(
                "SELECT a.id FROM points_adjustments a WHERE a.id = :id AND <scope> FOR UPDATE"),
            "a",
            scope)
        .bind("id", id)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
  }

  private static AdjustmentService.Adjustment row(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    Long decidedBy = rs.getObject("decided_by", Long.class);
    return new AdjustmentService.Adjustment(
        Long.toString(rs.getLong("id")),
        Long.toString(rs.getLong("user_id")),
        Masking.name(rs.getString("real_name")),
        rs.getString("district_code"),
        rs.getLong("amount"),
        rs.getString("reason"),
        rs.getString("status"),
        Long.toString(rs.getLong("requested_by")),
        Columns.instant(rs, "requested_at", ctx),
        decidedBy == null ? null : decidedBy.toString(),
        Columns.instant(rs, "decided_at", ctx),
        rs.getString("decision_note"));
  }
}
