package cn.yuhao.care.volunteer;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL of the hours asked for care visits and their confirmation. */
final class VisitHoursDao {
  /** The care record as the request for hours needs it. */
  record Visit(
      long recordId,
      long pairingId,
      long childId,
      long authorUserId,
      long volunteerId,
      String districtCode,
      String street,
      String kind,
      String way,
      Instant occurredAt,
      String childName,
      String volunteerName) {}

  record Row(
      long careRecordId,
      long pairingId,
      long childId,
      long volunteerId,
      long userId,
      String districtCode,
      String street,
      Instant visitedAt,
      int minutes,
      BigDecimal hours,
      String status,
      Instant codeExpiresAt,
      String confirmedHow,
      Instant confirmedAt) {}

  private final Handle h;

  VisitHoursDao(Handle h) {
    this.h = h;
  }

  Optional<Visit> visit(long recordId) {
    return h.createQuery("""
            SELECT r.id, r.pairing_id, r.child_id, r.author_user_id, r.author_volunteer_id, r.district_code, r.street,
                   r.kind, r.way, r.occurred_at, c.name AS child_name, v.real_name AS volunteer_name
              FROM care_records r JOIN children c ON c.id = r.child_id JOIN volunteers v ON v.id = r.author_volunteer_id
             WHERE r.id = :id""")
        .bind("id", recordId)
        .map((rs, ctx) -> new Visit(
            rs.getLong("id"),
            rs.getLong("pairing_id"),
            rs.getLong("child_id"),
            rs.getLong("author_user_id"),
            rs.getLong("author_volunteer_id"),
            rs.getString("district_code"),
            rs.getString("street"),
            rs.getString("kind"),
            rs.getString("way"),
            Columns.instant(rs, "occurred_at", ctx),
            rs.getString("child_name"),
            rs.getString("volunteer_name")))
        .findOne();
  }

  Optional<Row> forUpdate(long recordId) {
    return h.createQuery("SELECT * FROM visit_hours WHERE care_record_id = :id FOR UPDATE")
        .bind("id", recordId)
        .map(VisitHoursDao::row)
        .findOne();
  }

  Optional<Row> byCodeForUpdate(String codeHash) {
    return h.createQuery("SELECT * FROM visit_hours WHERE code_hash = :c FOR UPDATE")
        .bind("c", codeHash)
        .map(VisitHoursDao::row)
        .findOne();
  }

  Optional<Row> inScopeForUpdate(long recordId, Scope scope) {
    var q = h.createQuery(
            "SELECT * FROM visit_hours v WHERE v.care_record_id = :id AND <scope> FOR UPDATE")
        .bind("id", recordId);
    return ScopeFilter.apply(q, "v", scope).map(VisitHoursDao::row).findOne();
  }

  List<Row> list(Scope scope, String status, long before, int limit) {
    var q = h.createQuery("""
            SELECT * FROM visit_hours v WHERE <scope> AND (:status IS NULL OR v.status = :status)
               AND v.care_record_id < :before ORDER BY v.care_record_id DESC LIMIT :n""").bind("status", status).bind("before", before).bind("n", limit);
    return ScopeFilter.apply(q, "v", scope).map(VisitHoursDao::row).list();
  }

  void upsertPending(
      Visit v, int minutes, BigDecimal hours, String codeHash, Instant expires, Instant now) {
    h.createUpdate("""
            INSERT INTO visit_hours (care_record_id, pairing_id, child_id, volunteer_id, user_id, district_code, street,
                                     visited_at, minutes, hours, status, code_hash, code_expires_at, created_at)
            VALUES (:r, :p, :c, :v, :u, :d, :s, :at, :m, :hours, 'PENDING', :code, :exp, :now)
            ON DUPLICATE KEY UPDATE minutes = :m, hours = :hours, code_hash = :code, code_expires_at = :exp""")
        .bind("r", v.recordId())
        .bind("p", v.pairingId())
        .bind("c", v.childId())
        .bind("v", v.volunteerId())
        .bind("u", v.authorUserId())
        .bind("d", v.districtCode())
        .bind("s", v.street())
        .bind("at", v.occurredAt())
        .bind("m", minutes)
        .bind("hours", hours)
        .bind("code", codeHash)
        .bind("exp", expires)
        .bind("now", now)
        .execute();
  }

  void confirm(long recordId, long by, String how, Instant now) {
    h.createUpdate("""
            UPDATE visit_hours SET status = 'CONFIRMED', confirmed_by = :by, confirmed_how = :how, confirmed_at = :now,
                                   code_hash = NULL, code_expires_at = NULL
             WHERE care_record_id = :r""")
        .bind("r", recordId)
        .bind("by", by)
        .bind("how", how)
        .bind("now", now)
        .execute();
  }

  /** Whether the user's bound phone is one of the child's guardians' (blind indexes compared). */
  boolean isGuardian(long userId, long childId) {
    return h.createQuery("""
            SELECT COUNT(*) FROM users u JOIN child_guardians g ON g.phone_index = u.phone_index
             WHERE u.id = :u AND g.child_id = :c AND u.phone_index IS NOT NULL""")
            .bind("u", userId)
            .bind("c", childId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  boolean hasBoundPhone(long userId) {
    return h.createQuery("SELECT phone_index IS NOT NULL FROM users WHERE id = :u")
        .bind("u", userId)
        .mapTo(Boolean.class)
        .one();
  }

  /** Her verified hours of one day, and her visits' hours still pending that day (other than this one). */
  BigDecimal hoursOn(
      long volunteerId, LocalDate day, Instant dayStart, Instant dayEnd, long exceptRecord) {
    return h.createQuery("""
            SELECT COALESCE((SELECT SUM(hours) FROM service_hours WHERE volunteer_id = :v AND served_on = :day
                                AND verified), 0)
                 + COALESCE((SELECT SUM(hours) FROM visit_hours WHERE volunteer_id = :v AND status = 'PENDING'
                                AND care_record_id <> :except AND visited_at >= :from AND visited_at < :to), 0)""")
        .bind("v", volunteerId)
        .bind("day", day)
        .bind("from", dayStart)
        .bind("to", dayEnd)
        .bind("except", exceptRecord)
        .mapTo(BigDecimal.class)
        .one();
  }

  private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Row(
        rs.getLong("care_record_id"),
        rs.getLong("pairing_id"),
        rs.getLong("child_id"),
        rs.getLong("volunteer_id"),
        rs.getLong("user_id"),
        rs.getString("district_code"),
        rs.getString("street"),
        Columns.instant(rs, "visited_at", ctx),
        rs.getInt("minutes"),
        rs.getBigDecimal("hours"),
        rs.getString("status"),
        Columns.instant(rs, "code_expires_at", ctx),
        rs.getString("confirmed_how"),
        Columns.instant(rs, "confirmed_at", ctx));
  }
}
