package cn.yuhao.care.concern;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for harm reports and their events. Reports are never deleted or rewritten, only moved on. */
public final class ConcernDao {
  public record Row(
      long id,
      long childId,
      String childName,
      String districtCode,
      String street,
      long reporterUserId,
      String reporterRole,
      String category,
      String severity,
      String descriptionEnc,
      Instant occurredAt,
      String status,
      Instant ackDueAt,
      Instant escalatedAt,
      Instant acknowledgedAt,
      String outcomeEnc,
      Instant resolvedAt,
      Instant closedAt,
      Instant createdAt) {}

  public record Event(
      long id,
      String action,
      String fromStatus,
      String toStatus,
      Long actorUserId,
      String actorRole,
      String note,
      Instant createdAt) {}

  record Child(long id, String name, String districtCode, String street, String riskFlags) {}

  private static final String SELECT = """
      SELECT k.id, k.child_id, c.name AS child_name, k.district_code, k.street, k.reporter_user_id, k.reporter_role,
             k.category, k.severity, k.description_enc, k.occurred_at, k.status, k.ack_due_at, k.escalated_at,
             k.acknowledged_at, k.outcome_enc, k.resolved_at, k.closed_at, k.created_at
        FROM concerns k JOIN children c ON c.id = k.child_id
      """;

  private final Handle h;

  /** What an alert about a concern says of it. */
  record Kind(String category, String severity) {}

  ConcernDao(Handle h) {
    this.h = h;
  }

  /** The transaction this DAO is on, for the attachments read with a report. */
  Handle handle() {
    return h;
  }

  Optional<Child> childForUpdate(long id) {
    return h.createQuery(
            "SELECT id, name, district_code, street, risk_flags FROM children WHERE id = :id FOR UPDATE")
        .bind("id", id)
        .map((rs, ctx) -> new Child(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .findOne();
  }

  /** The child is in an active pairing the volunteer takes part in. */
  boolean volunteerSees(long childId, long userId) {
    return h.createQuery("""
        SELECT COUNT(*) FROM pairings p JOIN volunteers v ON v.user_id = :u AND v.status = 'ADMITTED'
         WHERE p.child_id = :c AND p.status = 'ACTIVE' AND (p.volunteer_id = v.id
            OR EXISTS (SELECT 1 FROM pairing_members m WHERE m.pairing_id = p.id AND m.volunteer_id = v.id
                                                          AND m.removed_at IS NULL)
            OR EXISTS (SELECT 1 FROM volunteer_team_members tm WHERE tm.team_id = p.team_id AND tm.volunteer_id = v.id))""")
            .bind("c", childId)
            .bind("u", userId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** The troupes (id, district) whose current roster has the child: their coaches can see her. */
  List<Object[]> troupesOfChild(long childId) {
    return h.createQuery("""
            SELECT t.id, t.district_code FROM troupe_members m JOIN troupes t ON t.id = m.troupe_id
             WHERE m.child_id = :c AND m.left_at IS NULL AND t.status = 'APPROVED'""")
        .bind("c", childId)
        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)})
        .list();
  }

  void setRiskFlags(long childId, String flags, Instant now) {
    h.createUpdate(
            "UPDATE children SET risk_flags = :f, updated_at = :now, high_risk_since = "
                + "CASE WHEN FIND_IN_SET('HIGH_RISK', :f) > 0 THEN COALESCE(high_risk_since, :now) END WHERE id = :id")
        .bind("f", flags)
        .bind("now", now)
        .bind("id", childId)
        .execute();
  }

  boolean hasActiveCaseTeam(long childId) {
    return h.createQuery("""
        SELECT COUNT(*) FROM pairings WHERE child_id = :c AND status = 'ACTIVE' AND mode = 'CASE_TEAM'""").bind("c", childId).mapTo(Integer.class).one() > 0;
  }

  void insert(
      long id,
      Child child,
      long reporter,
      String role,
      String category,
      String severity,
      String descEnc,
      Instant occurredAt,
      Instant ackDue,
      Instant now) {
    h.createUpdate("""
            INSERT INTO concerns (id, child_id, district_code, street, reporter_user_id, reporter_role, category,
                                  severity, description_enc, occurred_at, status, ack_due_at, created_at, updated_at)
            VALUES (:id, :child, :d, :s, :reporter, :role, :category, :severity, :desc, :occurred, 'REPORTED', :due,
                    :now, :now)""")
        .bind("id", id)
        .bind("child", child.id())
        .bind("d", child.districtCode())
        .bind("s", child.street())
        .bind("reporter", reporter)
        .bind("role", role)
        .bind("category", category)
        .bind("severity", severity)
        .bind("desc", descEnc)
        .bind("occurred", occurredAt)
        .bind("due", ackDue)
        .bind("now", now)
        .execute();
  }

  void event(
      long id,
      long concernId,
      String action,
      String from,
      String to,
      Long actor,
      String role,
      String note,
      Instant now) {
    h.createUpdate("""
            INSERT INTO concern_events (id, concern_id, action, from_status, to_status, actor_user_id, actor_role, note,
                                        created_at)
            VALUES (:id, :c, :action, :from, :to, :actor, :role, :note, :now)""")
        .bind("id", id)
        .bind("c", concernId)
        .bind("action", action)
        .bind("from", from)
        .bind("to", to)
        .bind("actor", actor)
        .bind("role", role)
        .bind("note", note)
        .bind("now", now)
        .execute();
  }

  Optional<Row> find(long id, Scope scope, boolean forUpdate) {
    var q = h.createQuery(
            SELECT + " WHERE k.id = :id AND <scope>" + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id);
    return ScopeFilter.apply(q, "k", scope).mapTo(Row.class).findOne();
  }

  Optional<Row> findOfReporter(long id, long reporter) {
    return h.createQuery(SELECT + " WHERE k.id = :id AND k.reporter_user_id = :u")
        .bind("id", id)
        .bind("u", reporter)
        .mapTo(Row.class)
        .findOne();
  }

  List<Row> list(
      Scope scope,
      String status,
      Boolean overdue,
      String severity,
      String districtCode,
      Instant now,
      long before,
      int limit) {
    var q = h.createQuery(SELECT + """
         WHERE <scope>
           AND (:status IS NULL OR k.status = :status)
           AND (:severity IS NULL OR k.severity = :severity)
           AND (:d IS NULL OR k.district_code = :d)
           AND (:overdue IS NULL OR (:overdue = (k.status = 'REPORTED' AND k.ack_due_at < :now)))
           AND k.id < :before
         ORDER BY k.id DESC LIMIT :limit""")
        .bind("status", status)
        .bind("severity", severity)
        .bind("d", districtCode)
        .bind("overdue", overdue)
        .bind("now", now)
        .bind("before", before)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "k", scope).mapTo(Row.class).list();
  }

  List<Row> ofReporter(long reporter, long before, int limit) {
    return h.createQuery(SELECT
            + " WHERE k.reporter_user_id = :u AND k.id < :before ORDER BY k.id DESC LIMIT :limit")
        .bind("u", reporter)
        .bind("before", before)
        .bind("limit", limit)
        .mapTo(Row.class)
        .list();
  }

  List<Event> events(long concernId) {
    return h.createQuery("""
            SELECT id, action, from_status, to_status, actor_user_id, actor_role, note, created_at
              FROM concern_events WHERE concern_id = :c ORDER BY id""").bind("c", concernId).mapTo(Event.class).list();
  }

  void acknowledge(long id, Instant now) {
    h.createUpdate("""
        UPDATE concerns SET status = 'ACKNOWLEDGED', acknowledged_at = :now, updated_at = :now WHERE id = :id""").bind("id", id).bind("now", now).execute();
  }

  /** The report's first referral moves it from ACKNOWLEDGED to REFERRED; the referrals are in ReferralDao. */
  void markReferred(long id, Instant now) {
    h.createUpdate("UPDATE concerns SET status = 'REFERRED', updated_at = :now WHERE id = :id")
        .bind("id", id)
        .bind("now", now)
        .execute();
  }

  void resolve(long id, String outcomeEnc, Instant now) {
    h.createUpdate("""
        UPDATE concerns SET status = 'RESOLVED', outcome_enc = :o, resolved_at = :now, updated_at = :now WHERE id = :id""").bind("id", id).bind("o", outcomeEnc).bind("now", now).execute();
  }

  void close(long id, Instant now) {
    h.createUpdate(
            "UPDATE concerns SET status = 'CLOSED', closed_at = :now, updated_at = :now WHERE id = :id")
        .bind("id", id)
        .bind("now", now)
        .execute();
  }

  /** Reports past their acknowledgement deadline and not yet escalated, locked, oldest first. */
  List<Long> dueForEscalation(Instant now, int limit) {
    return h.createQuery("""
            SELECT id FROM concerns WHERE status = 'REPORTED' AND ack_due_at < :now AND escalated_at IS NULL
             ORDER BY ack_due_at LIMIT :limit FOR UPDATE""")
        .bind("now", now)
        .bind("limit", limit)
        .mapTo(Long.class)
        .list();
  }

  void markEscalated(long id, Instant now) {
    h.createUpdate("UPDATE concerns SET escalated_at = :now, updated_at = :now WHERE id = :id")
        .bind("id", id)
        .bind("now", now)
        .execute();
  }

  Kind kind(long concernId) {
    return h.createQuery("SELECT category, severity FROM concerns WHERE id = :id")
        .bind("id", concernId)
        .map((rs, ctx) -> new Kind(rs.getString(1), rs.getString(2)))
        .one();
  }
}
