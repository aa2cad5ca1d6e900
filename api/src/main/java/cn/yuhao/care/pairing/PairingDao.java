package cn.yuhao.care.pairing;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for pairings. Admin reads are scoped by the child's district and street (copied onto the pairing).
 * Pairings are never deleted; ending one clears primary_child_id so the child may be paired again.
 */
public final class PairingDao {
  /** What pairing needs to know of a child, read locked so two pairings of one child cannot race. */
  record Child(
      long id,
      String districtCode,
      String street,
      String name,
      String status,
      String careLevel,
      String riskFlags,
      LocalDate birthDate) {}

  /** What pairing needs to know of a volunteer, read locked so her capacity cannot be overrun by a race. */
  record Volunteer(
      long id,
      long userId,
      String realName,
      String districtCode,
      String street,
      String status,
      int maxChildren) {}

  record Member(
      long volunteerId, String realName, String role, Instant addedAt, Instant removedAt) {}

  private static final String PAIRING_COLUMNS = """
      p.id, p.child_id, c.name AS child_name, p.volunteer_id, v.real_name AS volunteer_name, p.team_id,
      t.name AS team_name, p.mode, p.purpose, p.district_code, p.street, p.status, p.note, p.started_at,
      p.ended_at, p.end_reason, p.end_note
       FROM pairings p
       JOIN children c ON c.id = p.child_id
       LEFT JOIN volunteers v ON v.id = p.volunteer_id
       LEFT JOIN volunteer_teams t ON t.id = p.team_id
      """;

  /** A guardian of a child, her phone still encrypted. */
  record GuardianRow(String name, String relation, String phoneEnc) {}

  /** What the paired volunteer sees of a child besides her guardians. */
  record ChildDetails(
      String name, String gender, LocalDate birthDate, Integer schoolEntryYear, String needs) {}

  private final Handle h;

  public PairingDao(Handle h) {
    this.h = h;
  }

  Optional<Child> childInScopeForUpdate(long id, Scope scope) {
    var q = h.createQuery("""
        SELECT c.id, c.district_code, c.street, c.name, c.status, c.care_level, c.risk_flags, c.birth_date
          FROM children c WHERE c.id = :id AND <scope> FOR UPDATE""").bind("id", id);
    return ScopeFilter.apply(q, "c", scope)
        .map((rs, ctx) -> new Child(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getObject(8, LocalDate.class)))
        .findOne();
  }

  Optional<Volunteer> volunteerInScopeForUpdate(long id, Scope scope) {
    var q = h.createQuery("""
        SELECT v.id, v.user_id, v.real_name, v.district_code, v.street, v.status, v.max_children
          FROM volunteers v WHERE v.id = :id AND <scope> FOR UPDATE""").bind("id", id);
    return ScopeFilter.apply(q, "v", scope)
        .map((rs, ctx) -> new Volunteer(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getInt(7)))
        .findOne();
  }

  Optional<Volunteer> volunteerOfUser(long userId) {
    return h.createQuery("""
        SELECT v.id, v.user_id, v.real_name, v.district_code, v.street, v.status, v.max_children
          FROM volunteers v WHERE v.user_id = :u""")
        .bind("u", userId)
        .map((rs, ctx) -> new Volunteer(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getInt(7)))
        .findOne();
  }

  /** The newest guardian consent not withdrawn, if any. */
  Optional<Long> currentConsent(long childId) {
    return h.createQuery("""
        SELECT id FROM child_consents WHERE child_id = :c AND withdrawn_at IS NULL
         ORDER BY signed_at DESC, id DESC LIMIT 1""").bind("c", childId).mapTo(Long.class).findOne();
  }

  /** Children a volunteer leads (ONE_TO_ONE, CASE_TEAM): what counts against her capacity. */
  int activeLoad(long volunteerId) {
    return h.createQuery("""
        SELECT COUNT(*) FROM pairings WHERE volunteer_id = :v AND status = 'ACTIVE' AND mode <> 'GROUP'""").bind("v", volunteerId).mapTo(Integer.class).one();
  }

  boolean hasActivePrimary(long childId) {
    return h.createQuery("SELECT COUNT(*) FROM pairings WHERE primary_child_id = :c")
            .bind("c", childId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  boolean hasActiveGroup(long childId, long teamId) {
    return h.createQuery("""
        SELECT COUNT(*) FROM pairings WHERE child_id = :c AND team_id = :t AND status = 'ACTIVE'""")
            .bind("c", childId)
            .bind("t", teamId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  Optional<String> teamDistrict(long teamId) {
    return h.createQuery("SELECT district_code FROM volunteer_teams WHERE id = :t")
        .bind("t", teamId)
        .mapTo(String.class)
        .findOne();
  }

  record NewPairing(
      long id,
      long childId,
      Long volunteerId,
      Long teamId,
      String mode,
      String purpose,
      String districtCode,
      String street,
      Long consentId,
      String note,
      long startedBy) {}

  void insert(NewPairing p, Instant now) {
    boolean primary = !"GROUP".equals(p.mode());
    h.createUpdate("""
            INSERT INTO pairings (id, child_id, volunteer_id, team_id, mode, purpose, district_code, street, status,
                                  primary_child_id, consent_id, note, started_at, started_by)
            VALUES (:id, :childId, :volunteerId, :teamId, :mode, :purpose, :districtCode, :street, 'ACTIVE',
                    :primary, :consentId, :note, :now, :by)
            """)
        .bind("id", p.id())
        .bind("childId", p.childId())
        .bind("volunteerId", p.volunteerId())
        .bind("teamId", p.teamId())
        .bind("mode", p.mode())
        .bind("purpose", p.purpose())
        .bind("districtCode", p.districtCode())
        .bind("street", p.street())
        .bind("primary", primary ? p.childId() : null)
        .bind("consentId", p.consentId())
        .bind("note", p.note())
        .bind("now", now)
        .bind("by", p.startedBy())
        .execute();
  }

  void addMember(long pairingId, long volunteerId, String role, Instant now) {
    h.createUpdate("""
            INSERT INTO pairing_members (pairing_id, volunteer_id, role, added_at)
            VALUES (:p, :v, :role, :now)""")
        .bind("p", pairingId)
        .bind("v", volunteerId)
        .bind("role", role)
        .bind("now", now)
        .execute();
  }

  List<Member> members(long pairingId) {
    return h.createQuery("""
        SELECT m.volunteer_id, v.real_name, m.role, m.added_at, m.removed_at
          FROM pairing_members m JOIN volunteers v ON v.id = m.volunteer_id
         WHERE m.pairing_id = :p ORDER BY m.added_at, m.volunteer_id""")
        .bind("p", pairingId)
        .map((rs, ctx) -> new Member(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            Columns.instant(rs, "added_at", ctx),
            Columns.instant(rs, "removed_at", ctx)))
        .list();
  }

  Optional<PairingRow> find(long id, Scope scope, boolean forUpdate) {
    var q = h.createQuery("SELECT " + PAIRING_COLUMNS + " WHERE p.id = :id AND <scope>"
            + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id);
    return ScopeFilter.apply(q, "p", scope).mapTo(PairingRow.class).findOne();
  }

  List<PairingRow> list(Scope scope, PairingService.Filter f, long before, int limit) {
    var q = h.createQuery("SELECT " + PAIRING_COLUMNS + """
         WHERE <scope>
           AND (:status IS NULL OR p.status = :status)
           AND (:districtCode IS NULL OR p.district_code = :districtCode)
           AND (:childId IS NULL OR p.child_id = :childId)
           AND (:volunteerId IS NULL OR p.volunteer_id = :volunteerId)
           AND p.id < :before
         ORDER BY p.id DESC
         LIMIT :limit""")
        .bind("status", f.status())
        .bind("districtCode", f.districtCode())
        .bind("childId", f.childId())
        .bind("volunteerId", f.volunteerId())
        .bind("before", before)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "p", scope).mapTo(PairingRow.class).list();
  }

  /** Active pairings a volunteer leads or is a current member of. */
  List<PairingRow> activeOfVolunteer(long volunteerId) {
    return h.createQuery("SELECT " + PAIRING_COLUMNS + """
         WHERE p.status = 'ACTIVE'
           AND (p.volunteer_id = :v
                OR p.id IN (SELECT m.pairing_id FROM pairing_members m
                             WHERE m.volunteer_id = :v AND m.removed_at IS NULL)
                OR p.team_id IN (SELECT tm.team_id FROM volunteer_team_members tm WHERE tm.volunteer_id = :v))
         ORDER BY p.id DESC""")
        .bind("v", volunteerId)
        .mapTo(PairingRow.class)
        .list();
  }

  record QueueRow(
      long childId,
      String name,
      String districtCode,
      String street,
      String careLevel,
      String needs,
      String riskFlags,
      boolean consentCurrent,
      Instant waitingSince,
      String lastEndReason) {}

  /**
   * The "needs pairing" queue (应结尽结): active children of care level ONE_TO_ONE or CASE_TEAM with no
   * active primary pairing, waiting since their last pairing ended or since they were registered.
   */
  List<QueueRow> queue(Scope scope, String districtCode, long before, int limit) {
    var q = h.createQuery("""
        SELECT c.id, c.name, c.district_code, c.street, c.care_level, c.needs, c.risk_flags,
               EXISTS (SELECT 1 FROM child_consents k WHERE k.child_id = c.id AND k.withdrawn_at IS NULL) AS consented,
               COALESCE((SELECT MAX(e.ended_at) FROM pairings e WHERE e.child_id = c.id), c.created_at) AS waiting,
               (SELECT e.end_reason FROM pairings e WHERE e.child_id = c.id AND e.mode <> 'GROUP'
                 ORDER BY e.ended_at DESC LIMIT 1) AS last_reason
          FROM children c
         WHERE <scope>
           AND c.status = 'ACTIVE' AND c.care_level IN ('ONE_TO_ONE', 'CASE_TEAM')
           AND (:districtCode IS NULL OR c.district_code = :districtCode)
           AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.primary_child_id = c.id)
           AND c.id < :before
         ORDER BY c.id DESC
         LIMIT :limit""")
        .bind("districtCode", districtCode)
        .bind("before", before)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "c", scope)
        .map((rs, ctx) -> new QueueRow(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getBoolean(8),
            Columns.instant(rs, "waiting", ctx),
            rs.getString(10)))
        .list();
  }

  int end(long id, String reason, String note, Long by, Instant now) {
    int ended = h.createUpdate("""
            UPDATE pairings SET status = 'ENDED', primary_child_id = NULL, ended_at = :now, ended_by = :by,
                   end_reason = :reason, end_note = :note
             WHERE id = :id AND status = 'ACTIVE'""")
        .bind("id", id)
        .bind("reason", reason)
        .bind("note", note)
        .bind("by", by)
        .bind("now", now)
        .execute();
    return ended;
  }

  /** The active pairings matching a condition, locked: the ids of those about to end. */
  private List<Long> activeLocked(String column, long value) {
    return h.createQuery("SELECT id FROM pairings WHERE " + column
            + " = :v AND status = 'ACTIVE' ORDER BY id FOR UPDATE")
        .bind("v", value)
        .mapTo(Long.class)
        .list();
  }

  /**
   * A volunteer suspended or exited: the pairings she leads end (her children go back to the queue at once)
   * and she leaves the case teams she was a member of. Same transaction as her status change.
   */
  List<Long> endAllOfVolunteer(long volunteerId, String reason, Long by, Instant now) {
    List<Long> ids = activeLocked("volunteer_id", volunteerId);
    h.createUpdate("""
            UPDATE pairings SET status = 'ENDED', primary_child_id = NULL, ended_at = :now, ended_by = :by,
                   end_reason = :reason
             WHERE volunteer_id = :v AND status = 'ACTIVE'""")
        .bind("v", volunteerId)
        .bind("reason", reason)
        .bind("by", by)
        .bind("now", now)
        .execute();
    h.createUpdate(
            "UPDATE pairing_members SET removed_at = :now WHERE volunteer_id = :v AND removed_at IS NULL")
        .bind("v", volunteerId)
        .bind("now", now)
        .execute();
    return ids;
  }

  /** The child's district or street changed: her pairings and requests are scoped by the new place. */
  void relocate(long childId, String districtCode, String street) {
    for (String table : List.of("pairings", "pairing_requests")) {
      h.createUpdate("UPDATE " + table + " SET district_code = :d, street = :s WHERE child_id = :c")
          .bind("c", childId)
          .bind("d", districtCode)
          .bind("s", street)
          .execute();
    }
  }

  /** The child's pairings end: consent withdrawn, moved away, closed, aged out. */
  List<Long> endAllOfChild(long childId, String reason, Long by, Instant now) {
    List<Long> ids = activeLocked("child_id", childId);
    h.createUpdate("""
            UPDATE pairings SET status = 'ENDED', primary_child_id = NULL, ended_at = :now, ended_by = :by,
                   end_reason = :reason
             WHERE child_id = :c AND status = 'ACTIVE'""")
        .bind("c", childId)
        .bind("reason", reason)
        .bind("by", by)
        .bind("now", now)
        .execute();
    return ids;
  }

  List<GuardianRow> guardians(long childId) {
    return h.createQuery("""
            SELECT name, relation, phone_enc FROM child_guardians WHERE child_id = :c ORDER BY sort_order""")
        .bind("c", childId)
        .map((rs, ctx) -> new GuardianRow(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  ChildDetails childDetails(long childId) {
    return h.createQuery(
            "SELECT name, gender, birth_date, school_entry_year, needs FROM children WHERE id = :c")
        .bind("c", childId)
        .map((rs, ctx) -> new ChildDetails(
            rs.getString(1),
            rs.getString(2),
            rs.getObject(3, LocalDate.class),
            rs.getObject(4, Integer.class),
            rs.getString(5)))
        .one();
  }
}
