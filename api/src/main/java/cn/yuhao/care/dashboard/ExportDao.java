package cn.yuhao.care.dashboard;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.dashboard.ExportService.Ledger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL of the ledger exports: one page of a ledger's rows by id, in the admin's scope. */
final class ExportDao {
  /** Turns a result row into the sheet's cells. */
  interface Cells {
    List<Object> of(ResultSet rs, StatementContext ctx) throws SQLException;
  }

  /** A row's id (the paging key) and its cells. */
  record Row(long id, List<Object> cells) {}

  private final Handle h;

  ExportDao(Handle h) {
    this.h = h;
  }

  /**
   * The ledger's rows after id {@code after} in scope, at most {@code limit}; {@code from}..{@code to} is the
   * year for the ledgers that have one.
   */
  List<Row> page(
      Ledger ledger,
      Scope scope,
      String districtCode,
      Instant from,
      Instant to,
      Instant now,
      long after,
      int limit,
      Cells cells) {
    String sql = switch (ledger) {
      case PAIRINGS -> """
          SELECT p.id, p.district_code AS district, p.street, c.name AS child, c.care_level, p.mode, p.purpose,
                 COALESCE(v.real_name, t.name) AS carer, p.status, p.started_at, p.ended_at, p.end_reason,
                 (SELECT l.last_at FROM dash_pairing_latest l WHERE l.pairing_id = p.id AND l.kind = 'ANY_CONTACT') AS last_contact
            FROM pairings p JOIN children c ON c.id = p.child_id
            LEFT JOIN volunteers v ON v.id = p.volunteer_id LEFT JOIN volunteer_teams t ON t.id = p.team_id
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case VOLUNTEERS -> """
          SELECT p.id, p.real_name, p.phone_enc, p.district_code AS district, p.street, p.specialties, p.max_children,
                 (SELECT COUNT(*) FROM pairings x WHERE x.volunteer_id = p.id AND x.status = 'ACTIVE') AS pairings,
                 p.status, p.applied_at, p.decided_at, COALESCE(hv.hours, 0) AS hours, COALESCE(sv.stars, 0) AS stars
            FROM volunteers p
            LEFT JOIN dash_volunteer_hours hv ON hv.volunteer_id = p.id
            LEFT JOIN dash_volunteer_state sv ON sv.volunteer_id = p.id
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case CHILDREN -> """
          SELECT p.id, p.name, p.gender, p.birth_date, p.id_number_enc, p.district_code AS district, p.street, p.category, p.needs,
                 p.care_level, p.risk_flags, p.school, p.address_enc, p.status, s.paired, s.consented
            FROM children p
            LEFT JOIN dash_child_state s ON s.child_id = p.id
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case REPORTS -> """
          SELECT p.id, p.district_code AS district, p.street, c.name AS child, p.category, p.severity, p.status, p.reporter_role,
                 p.occurred_at, p.created_at, p.ack_due_at, p.acknowledged_at,
                 (SELECT GROUP_CONCAT(r.agency ORDER BY r.id SEPARATOR '、') FROM concern_referrals r
                   WHERE r.concern_id = p.id) AS referral_agency,
                 (SELECT MIN(r.referred_at) FROM concern_referrals r WHERE r.concern_id = p.id) AS referred_at,
                 p.closed_at
            FROM concerns p JOIN children c ON c.id = p.child_id
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.created_at >= :from AND p.created_at < :to
             AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case TROUPES -> """
          SELECT p.id, p.district_code AS district, p.name, p.kind, p.host_unit, p.status,
                 (SELECT COUNT(*) FROM troupe_sessions s WHERE s.troupe_id = p.id AND s.status = 'SCHEDULED'
                     AND s.starts_at >= :from AND s.starts_at < :to AND s.starts_at <= :now) AS sessions,
                 (SELECT COALESCE(SUM(s.class_hours), 0) FROM troupe_sessions s WHERE s.troupe_id = p.id
                     AND s.status = 'SCHEDULED' AND s.starts_at >= :from AND s.starts_at < :to AND s.starts_at <= :now) AS hours,
                 (SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id WHERE s.troupe_id = p.id
                     AND s.starts_at >= :from AND s.starts_at < :to AND a.status = 'PRESENT') AS present,
                 (SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id WHERE s.troupe_id = p.id
                     AND s.starts_at >= :from AND s.starts_at < :to) AS marks,
                 (SELECT COUNT(*) FROM troupe_members m WHERE m.troupe_id = p.id AND m.left_at IS NULL) AS roster
            FROM troupes p
           WHERE <scope> AND (:d IS NULL OR p.district_code = :d) AND p.status = 'APPROVED' AND p.id > :after
           ORDER BY p.id LIMIT :limit""";
      case POINTS -> """
          SELECT p.id, p.name, p.category, p.district_code AS district,
                 (SELECT COUNT(*) FROM redemptions x WHERE x.merchant_id = p.id AND x.status = 'USED'
                     AND x.used_at >= :from AND x.used_at < :to) AS used,
                 (SELECT COALESCE(SUM(x.points), 0) FROM redemptions x WHERE x.merchant_id = p.id AND x.status = 'USED'
                     AND x.used_at >= :from AND x.used_at < :to) AS points,
                 (SELECT COUNT(*) FROM offers o WHERE o.merchant_id = p.id AND o.status = 'ACTIVE') AS offers
            FROM merchants p
           WHERE (<scope>) AND (:d IS NULL OR p.district_code = :d) AND p.id > :after ORDER BY p.id LIMIT :limit""";
      case SERVICE_HOURS -> """
          SELECT sh.id, p.id AS volunteer_id, p.real_name, p.district_code AS district, p.street, sh.business_key,
                 sh.hours, sh.served_on, sh.created_at, COALESCE(s.title, a.title) AS project, s.kind AS session_kind
            FROM service_hours sh JOIN volunteers p ON p.id = sh.volunteer_id
            LEFT JOIN troupe_sessions s ON s.id = sh.session_id
            LEFT JOIN activity_checkins ac ON sh.business_key = CONCAT('activity:', ac.id)
            LEFT JOIN activities a ON a.id = ac.activity_id
           WHERE <scope> AND sh.verified AND (:d IS NULL OR p.district_code = :d)
             AND sh.served_on >= :fromDay AND sh.served_on < :toDay AND sh.id > :after ORDER BY sh.id LIMIT :limit""";
      case COMPLIANCE -> throw new IllegalStateException("compliance is not paged");
    };
    var q = h.createQuery(sql)
        .bind("d", districtCode)
        .bind("after", after)
        .bind("limit", limit)
        .bind("from", from)
        .bind("to", to)
        .bind("fromDay", CarePeriods.day(from))
        .bind("toDay", CarePeriods.day(to))
        .bind("now", now);
    return ScopeFilter.apply(q, "p", ledger == Ledger.POINTS ? merchantScope(scope) : scope)
        .map((rs, ctx) -> new Row(rs.getLong("id"), cells.of(rs, ctx)))
        .list();
  }

  /** Merchants have a district but no street: a street supervisor's scope does not reach them. */
  private static Scope merchantScope(Scope scope) {
    return new Scope(scope.all(), scope.districts(), java.util.Set.of());
  }
}
