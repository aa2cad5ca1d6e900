package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL for children's plans (一策) and their reviews. No DELETE. */
final class PlanDao {
  public record Row(
      long id,
      long childId,
      long pairingId,
      String districtCode,
      String street,
      String status,
      String bodyEnc,
      LocalDate reviewDue,
      Instant writtenAt,
      Instant submittedAt,
      Instant decidedAt,
      String returnReason) {}

  public record ReviewRow(long id, Instant reviewedAt, String progressEnc, LocalDate nextReview) {}

  /** A child who needs attention to her plan: REVIEW_OVERDUE or HIGH_RISK_NO_PLAN, since when. */
  public record Attention(long childId, String childName, String reason, Instant since) {}

  private static final String COLUMNS =
      "id, child_id, pairing_id, district_code, street, status, body_enc, "
          + "review_due, written_at, submitted_at, decided_at, return_reason";

  private final Handle h;

  PlanDao(Handle h) {
    this.h = h;
  }

  /** The child's plan in force (APPROVED), if any. */
  Optional<Row> approved(long childId) {
    return one("child_id = :c AND status = 'APPROVED'", childId);
  }

  /** The child's plan being written or decided (DRAFT, SUBMITTED or RETURNED), if any; locked. */
  Optional<Row> open(long childId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM care_plans "
            + "WHERE child_id = :c AND status IN ('DRAFT', 'SUBMITTED', 'RETURNED') FOR UPDATE")
        .bind("c", childId)
        .map(ConstructorMapper.of(Row.class))
        .findOne();
  }

  Optional<Row> find(long id, Scope scope) {
    return ScopeFilter.apply(
            h.createQuery(
                "SELECT " + COLUMNS + " FROM care_plans p WHERE p.id = :id AND <scope> FOR UPDATE"),
            "p",
            scope)
        .bind("id", id)
        .map(ConstructorMapper.of(Row.class))
        .findOne();
  }

  List<Row> ofChild(long childId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM care_plans WHERE child_id = :c ORDER BY id")
        .bind("c", childId)
        .map(ConstructorMapper.of(Row.class))
        .list();
  }

  private Optional<Row> one(String where, long childId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM care_plans WHERE " + where)
        .bind("c", childId)
        .map(ConstructorMapper.of(Row.class))
        .findOne();
  }

  void insert(
      long id, CareDao.PairingRef p, String bodyEnc, LocalDate reviewDue, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO care_plans (id, child_id, pairing_id, district_code, street, status, body_enc, review_due,
                                    written_by, written_at)
            VALUES (:id, :child, :pairing, :district, :street, 'DRAFT', :body, :due, :by, :now)""")
        .bind("id", id)
        .bind("child", p.childId())
        .bind("pairing", p.id())
        .bind("district", p.districtCode())
        .bind("street", p.street())
        .bind("body", bodyEnc)
        .bind("due", reviewDue)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  void rewrite(long id, String bodyEnc, LocalDate reviewDue, long by, Instant now) {
    h.createUpdate("""
            UPDATE care_plans SET status = 'DRAFT', body_enc = :body, review_due = :due, written_by = :by,
                                  written_at = :now, submitted_at = NULL
             WHERE id = :id""")
        .bind("id", id)
        .bind("body", bodyEnc)
        .bind("due", reviewDue)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  void setStatus(long id, String status, Long decidedBy, String reason, Instant now) {
    h.createUpdate("""
            UPDATE care_plans SET status = :status,
                   submitted_at = CASE WHEN :status = 'SUBMITTED' THEN :now ELSE submitted_at END,
                   decided_by = CASE WHEN :status IN ('APPROVED', 'RETURNED') THEN :by ELSE decided_by END,
                   decided_at = CASE WHEN :status IN ('APPROVED', 'RETURNED') THEN :now ELSE decided_at END,
                   return_reason = :reason
             WHERE id = :id""")
        .bind("id", id)
        .bind("status", status)
        .bind("by", decidedBy)
        .bind("reason", reason)
        .bind("now", now)
        .execute();
  }

  void supersede(long childId, long exceptId) {
    h.createUpdate("UPDATE care_plans SET status = 'SUPERSEDED' "
            + "WHERE child_id = :c AND status = 'APPROVED' AND id <> :id")
        .bind("c", childId)
        .bind("id", exceptId)
        .execute();
  }

  void insertReview(
      long id, long planId, long by, String progressEnc, LocalDate next, Instant now) {
    h.createUpdate("""
            INSERT INTO care_plan_reviews (id, plan_id, reviewed_by, reviewed_at, progress_enc, next_review)
            VALUES (:id, :plan, :by, :now, :progress, :next)""")
        .bind("id", id)
        .bind("plan", planId)
        .bind("by", by)
        .bind("now", now)
        .bind("progress", progressEnc)
        .bind("next", next)
        .execute();
    h.createUpdate("UPDATE care_plans SET review_due = :next WHERE id = :plan")
        .bind("plan", planId)
        .bind("next", next)
        .execute();
  }

  List<ReviewRow> reviews(long planId) {
    return h.createQuery("SELECT id, reviewed_at, progress_enc, next_review FROM care_plan_reviews "
            + "WHERE plan_id = :p ORDER BY id")
        .bind("p", planId)
        .map(ConstructorMapper.of(ReviewRow.class))
        .list();
  }

  /**
   * Active children in scope whose approved plan is past its review date, or who were flagged HIGH_RISK before
   * {@code flaggedBefore} and have no plan approved since; by child id after the cursor.
   */
  List<Attention> attention(
      Scope scope,
      String districtCode,
      LocalDate today,
      Instant flaggedBefore,
      long after,
      int limit) {
    return ScopeFilter.apply(h.createQuery("""
                SELECT * FROM (
                  SELECT c.id AS child_id, c.name AS child_name, 'REVIEW_OVERDUE' AS reason,
                         TIMESTAMP(p.review_due) AS since
                    FROM care_plans p JOIN children c ON c.id = p.child_id
                   WHERE p.status = 'APPROVED' AND p.review_due < :today AND c.status = 'ACTIVE' AND <scope>
                     AND (:d IS NULL OR c.district_code = :d) AND c.id > :after
                  UNION ALL
                  SELECT c.id, c.name, 'HIGH_RISK_NO_PLAN', c.high_risk_since
                    FROM children c
                   WHERE c.status = 'ACTIVE' AND c.high_risk_since < :flagged AND <scope>
                     AND (:d IS NULL OR c.district_code = :d) AND c.id > :after
                     AND NOT EXISTS (SELECT 1 FROM care_plans p WHERE p.child_id = c.id AND p.status = 'APPROVED'
                                        AND p.decided_at >= c.high_risk_since)
                ) a ORDER BY child_id, reason LIMIT :limit"""), "c", scope)
        .bind("today", today)
        .bind("flagged", flaggedBefore)
        .bind("d", districtCode)
        .bind("after", after)
        .bind("limit", limit)
        .map(ConstructorMapper.of(Attention.class))
        .list();
  }

  /** How many of each reason in scope (the dashboard's and the compliance page's figures). */
  int count(
      Scope scope, String districtCode, String reason, LocalDate today, Instant flaggedBefore) {
    String sql = reason.equals("REVIEW_OVERDUE") ? """
          SELECT COUNT(*) FROM care_plans p JOIN children c ON c.id = p.child_id
           WHERE p.status = 'APPROVED' AND p.review_due < :today AND c.status = 'ACTIVE' AND <scope>
             AND (:d IS NULL OR c.district_code = :d)""" : """
          SELECT COUNT(*) FROM children c
           WHERE c.status = 'ACTIVE' AND c.high_risk_since < :flagged AND <scope>
             AND (:d IS NULL OR c.district_code = :d)
             AND NOT EXISTS (SELECT 1 FROM care_plans p WHERE p.child_id = c.id AND p.status = 'APPROVED'
                                AND p.decided_at >= c.high_risk_since)""";
    return ScopeFilter.apply(h.createQuery(sql), "c", scope)
        .bind("today", today)
        .bind("flagged", flaggedBefore)
        .bind("d", districtCode)
        .mapTo(Integer.class)
        .one();
  }
}
