package cn.yuhao.care.casefile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The SQL of a child's file: her pairings, care, follow-ups, reports and troupes, oldest first. */
final class ChildFileDao {
  public record PairingRow(
      long id,
      String mode,
      String purpose,
      String status,
      Instant startedAt,
      Instant endedAt,
      String endReason,
      String volunteers) {}

  public record CareRow(
      long id,
      long pairingId,
      String kind,
      Instant occurredAt,
      String way,
      String summaryEnc,
      boolean followUpNeeded,
      String authorName) {}

  public record FollowUpRow(
      long id,
      long pairingId,
      String request,
      String status,
      String resolution,
      Instant requestedAt,
      Instant resolvedAt) {}

  public record ReportRow(
      long id,
      String category,
      String severity,
      String status,
      Instant createdAt,
      String outcomeEnc,
      Instant closedAt) {}

  public record ReferralRow(
      long id,
      long concernId,
      String agency,
      String unit,
      String status,
      String outcomeEnc,
      String waiveReason) {}

  public record TroupeRow(
      long troupeId,
      String name,
      String kind,
      Instant joinedAt,
      Instant leftAt,
      int present,
      int absent) {}

  public record AssessmentRow(
      long troupeId, String phase, String instrument, LocalDate assessedOn, BigDecimal meanScore) {}

  private final Handle h;

  ChildFileDao(Handle h) {
    this.h = h;
  }

  List<PairingRow> pairings(long childId) {
    return h.createQuery("""
            SELECT p.id, p.mode, p.purpose, p.status, p.started_at, p.ended_at, p.end_reason,
                   (SELECT GROUP_CONCAT(DISTINCT v.real_name ORDER BY v.id SEPARATOR '、')
                      FROM volunteers v
                     WHERE v.id = p.volunteer_id
                        OR v.id IN (SELECT m.volunteer_id FROM pairing_members m WHERE m.pairing_id = p.id)
                        OR v.id IN (SELECT tm.volunteer_id FROM volunteer_team_members tm WHERE tm.team_id = p.team_id))
                     AS volunteers
              FROM pairings p WHERE p.child_id = :c ORDER BY p.started_at, p.id""")
        .bind("c", childId)
        .map(ConstructorMapper.of(PairingRow.class))
        .list();
  }

  List<CareRow> care(long childId) {
    return h.createQuery("""
            SELECT r.id, r.pairing_id, r.kind, r.occurred_at, r.way, r.summary_enc, r.follow_up_needed,
                   v.real_name AS author_name
              FROM care_records r JOIN volunteers v ON v.id = r.author_volunteer_id
             WHERE r.child_id = :c ORDER BY r.occurred_at, r.id""")
        .bind("c", childId)
        .map(ConstructorMapper.of(CareRow.class))
        .list();
  }

  List<FollowUpRow> followUps(long childId) {
    return h.createQuery("""
            SELECT f.id, f.pairing_id, f.request, f.status, f.resolution, f.requested_at, f.resolved_at
              FROM care_follow_ups f JOIN pairings p ON p.id = f.pairing_id
             WHERE p.child_id = :c ORDER BY f.requested_at, f.id""")
        .bind("c", childId)
        .map(ConstructorMapper.of(FollowUpRow.class))
        .list();
  }

  List<ReportRow> reports(long childId) {
    return h.createQuery("""
            SELECT id, category, severity, status, created_at, outcome_enc, closed_at
              FROM concerns WHERE child_id = :c ORDER BY created_at, id""")
        .bind("c", childId)
        .map(ConstructorMapper.of(ReportRow.class))
        .list();
  }

  List<ReferralRow> referrals(long childId) {
    return h.createQuery("""
            SELECT r.id, r.concern_id, r.agency, r.unit, r.status, r.outcome_enc, r.waive_reason
              FROM concern_referrals r JOIN concerns k ON k.id = r.concern_id
             WHERE k.child_id = :c ORDER BY r.id""")
        .bind("c", childId)
        .map(ConstructorMapper.of(ReferralRow.class))
        .list();
  }

  List<TroupeRow> troupes(long childId) {
    return h.createQuery("""
            SELECT t.id AS troupe_id, t.name, t.kind, m.joined_at, m.left_at,
                   (SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
                     WHERE s.troupe_id = t.id AND a.child_id = m.child_id AND a.status = 'PRESENT') AS present,
                   (SELECT COUNT(*) FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
                     WHERE s.troupe_id = t.id AND a.child_id = m.child_id AND a.status <> 'PRESENT') AS absent
              FROM troupe_members m JOIN troupes t ON t.id = m.troupe_id
             WHERE m.child_id = :c ORDER BY m.joined_at""")
        .bind("c", childId)
        .map(ConstructorMapper.of(TroupeRow.class))
        .list();
  }

  List<AssessmentRow> assessments(long childId) {
    return h.createQuery("""
            SELECT troupe_id, phase, instrument, assessed_on, mean_score
              FROM assessments WHERE child_id = :c ORDER BY assessed_on, id""")
        .bind("c", childId)
        .map(ConstructorMapper.of(AssessmentRow.class))
        .list();
  }
}
