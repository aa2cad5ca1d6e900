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

/** SQL of hour claims (补录) and of the service hours an approved claim becomes. */
final class HourClaimDao {
  record Row(
      long id,
      long volunteerId,
      long userId,
      String volunteerName,
      String districtCode,
      String street,
      Instant startsAt,
      Instant endsAt,
      BigDecimal hours,
      String reason,
      String status,
      Long decidedBy,
      Instant decidedAt,
      String decisionReason,
      Instant createdAt) {}

  private static final String SELECT = """
      SELECT k.*, v.real_name AS volunteer_name FROM hour_claims k JOIN volunteers v ON v.id = k.volunteer_id""";

  private final Handle h;

  HourClaimDao(Handle h) {
    this.h = h;
  }

  void insert(
      long id,
      VolunteerRow v,
      Instant starts,
      Instant ends,
      BigDecimal hours,
      String reason,
      Instant now) {
    h.createUpdate("""
            INSERT INTO hour_claims (id, volunteer_id, user_id, district_code, street, starts_at, ends_at, hours,
                                     reason, status, created_at)
            VALUES (:id, :v, :u, :d, :s, :starts, :ends, :hours, :reason, 'PENDING', :now)""")
        .bind("id", id)
        .bind("v", v.id())
        .bind("u", v.userId())
        .bind("d", v.districtCode())
        .bind("s", v.street())
        .bind("starts", starts)
        .bind("ends", ends)
        .bind("hours", hours)
        .bind("reason", reason)
        .bind("now", now)
        .execute();
  }

  Optional<Row> find(long id) {
    return h.createQuery(SELECT + " WHERE k.id = :id")
        .bind("id", id)
        .map(HourClaimDao::row)
        .findOne();
  }

  /** Locked for a decision; absent when outside the scope. */
  Optional<Row> findInScopeForUpdate(long id, Scope scope) {
    var q = h.createQuery(SELECT + " WHERE k.id = :id AND <scope> FOR UPDATE").bind("id", id);
    return ScopeFilter.apply(q, "k", scope).map(HourClaimDao::row).findOne();
  }

  List<Row> mine(long volunteerId, long before, int limit) {
    return h.createQuery(
            SELECT + " WHERE k.volunteer_id = :v AND k.id < :before ORDER BY k.id DESC LIMIT :n")
        .bind("v", volunteerId)
        .bind("before", before)
        .bind("n", limit)
        .map(HourClaimDao::row)
        .list();
  }

  List<Row> list(Scope scope, String status, String districtCode, long before, int limit) {
    var q = h.createQuery(SELECT + " " + """
             WHERE <scope> AND (:status IS NULL OR k.status = :status)
               AND (:d IS NULL OR k.district_code = :d) AND k.id < :before
             ORDER BY k.id DESC LIMIT :n""")
        .bind("status", status)
        .bind("d", districtCode)
        .bind("before", before)
        .bind("n", limit);
    return ScopeFilter.apply(q, "k", scope).map(HourClaimDao::row).list();
  }

  /** Whether the span meets one of her check-ins or of her claims still standing (pending or approved). */
  boolean overlaps(long volunteerId, Instant starts, Instant ends, long exceptClaim) {
    return h.createQuery("""
            SELECT (EXISTS (SELECT 1 FROM checkins c WHERE c.volunteer_id = :v AND c.checked_in_at < :ends
                                AND COALESCE(c.checked_out_at, c.checked_in_at) > :starts)
                 OR EXISTS (SELECT 1 FROM hour_claims k WHERE k.volunteer_id = :v AND k.id <> :except
                                AND k.status <> 'REJECTED' AND k.starts_at < :ends AND k.ends_at > :starts))""")
        .bind("v", volunteerId)
        .bind("starts", starts)
        .bind("ends", ends)
        .bind("except", exceptClaim)
        .mapTo(Boolean.class)
        .one();
  }

  /** Her hours of one day: verified service hours, and claims still pending (other than one being decided). */
  BigDecimal hoursOn(
      long volunteerId, LocalDate day, Instant dayStart, Instant dayEnd, long exceptClaim) {
    return h.createQuery("""
            SELECT COALESCE((SELECT SUM(hours) FROM service_hours WHERE volunteer_id = :v AND served_on = :day
                                AND verified), 0)
                 + COALESCE((SELECT SUM(hours) FROM hour_claims WHERE volunteer_id = :v AND status = 'PENDING'
                                AND id <> :except AND starts_at >= :from AND starts_at < :to), 0)""")
        .bind("v", volunteerId)
        .bind("day", day)
        .bind("from", dayStart)
        .bind("to", dayEnd)
        .bind("except", exceptClaim)
        .mapTo(BigDecimal.class)
        .one();
  }

  int pending(long volunteerId) {
    return h.createQuery(
            "SELECT COUNT(*) FROM hour_claims WHERE volunteer_id = :v AND status = 'PENDING'")
        .bind("v", volunteerId)
        .mapTo(Integer.class)
        .one();
  }

  void decide(long id, String status, long by, Instant now, String reason) {
    h.createUpdate("""
            UPDATE hour_claims SET status = :status, decided_by = :by, decided_at = :now, decision_reason = :reason
             WHERE id = :id""")
        .bind("id", id)
        .bind("status", status)
        .bind("by", by)
        .bind("now", now)
        .bind("reason", reason)
        .execute();
  }

  private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getLong("volunteer_id"),
        rs.getLong("user_id"),
        rs.getString("volunteer_name"),
        rs.getString("district_code"),
        rs.getString("street"),
        Columns.instant(rs, "starts_at", ctx),
        Columns.instant(rs, "ends_at", ctx),
        rs.getBigDecimal("hours"),
        rs.getString("reason"),
        rs.getString("status"),
        rs.getObject("decided_by", Long.class),
        Columns.instant(rs, "decided_at", ctx),
        rs.getString("decision_reason"),
        Columns.instant(rs, "created_at", ctx));
  }
}
