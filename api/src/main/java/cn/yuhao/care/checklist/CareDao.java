package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for care records, their versions, history shares and follow-ups. Reads are scoped like pairings. */
public final class CareDao {
  /** The pairing a record belongs to, with what access and the checklist need. */
  record PairingRef(
      long id,
      long childId,
      String childName,
      Long volunteerId,
      String volunteerName,
      String mode,
      String purpose,
      String districtCode,
      String street,
      String status,
      Instant startedAt,
      Instant endedAt) {
    boolean hasChecklist() {
      return "CARE".equals(purpose) && !"GROUP".equals(mode);
    }
  }

  public record Row(
      long id,
      long pairingId,
      long authorUserId,
      long authorVolunteerId,
      String authorName,
      String kind,
      Instant occurredAt,
      String way,
      String summaryEnc,
      boolean followUpNeeded,
      String followUpNoteEnc,
      String contentCheck,
      int version,
      Instant createdAt,
      Instant updatedAt) {}

  public record Version(
      int version,
      String kind,
      Instant occurredAt,
      String way,
      String summaryEnc,
      boolean followUpNeeded,
      String followUpNoteEnc,
      String contentCheck,
      Instant writtenAt,
      Instant replacedAt) {}

  record NewRecord(
      long id,
      PairingRef pairing,
      long authorUserId,
      long authorVolunteerId,
      String kind,
      Instant occurredAt,
      String way,
      String summaryEnc,
      boolean followUpNeeded,
      String followUpNoteEnc,
      String contentCheck,
      Instant now) {}

  public record FollowUp(
      long id,
      long pairingId,
      Long recordId,
      String request,
      long requestedBy,
      Instant requestedAt,
      String status,
      String resolution,
      Instant resolvedAt) {}

  private static final String PAIRING = """
      SELECT p.id, p.child_id, c.name, p.volunteer_id, v.real_name, p.mode, p.purpose, p.district_code, p.street,
             p.status, p.started_at, p.ended_at
        FROM pairings p JOIN children c ON c.id = p.child_id LEFT JOIN volunteers v ON v.id = p.volunteer_id
      """;

  private static final String RECORD = """
      SELECT r.id, r.pairing_id, r.author_user_id, r.author_volunteer_id, v.real_name AS author_name, r.kind, r.occurred_at, r.way,
             r.summary_enc, r.follow_up_needed, r.follow_up_note_enc, r.content_check, r.version, r.created_at,
             r.updated_at
        FROM care_records r JOIN volunteers v ON v.id = r.author_volunteer_id
      """;

  private final Handle h;

  /** An active care pairing whose volunteer has not recorded contacting the child since a time. */
  record Uncontacted(long pairingId, long userId, String childName, Instant startedAt) {}

  CareDao(Handle h) {
    this.h = h;
  }

  private static PairingRef pairing(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new PairingRef(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        (Long) rs.getObject(4, Long.class),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        Columns.instant(rs, "started_at", ctx),
        Columns.instant(rs, "ended_at", ctx));
  }

  Optional<PairingRef> pairing(long id) {
    return h.createQuery(PAIRING + " WHERE p.id = :id")
        .bind("id", id)
        .map(CareDao::pairing)
        .findOne();
  }

  Optional<PairingRef> pairingInScope(long id, Scope scope) {
    var q = h.createQuery(PAIRING + " WHERE p.id = :id AND <scope>").bind("id", id);
    return ScopeFilter.apply(q, "p", scope).map(CareDao::pairing).findOne();
  }

  /** Pairings of one checklist kind (care, one-to-one or case team) that overlapped [from, to), in scope. */
  List<PairingRef> checklistPairings(
      Scope scope, String districtCode, String street, Instant from, Instant to) {
    var q = h.createQuery(PAIRING + """
         WHERE <scope> AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM')
           AND (:d IS NULL OR p.district_code = :d) AND (:s IS NULL OR p.street = :s)
           AND p.started_at < :to AND (p.ended_at IS NULL OR p.ended_at > :from)
         ORDER BY p.id""")
        .bind("d", districtCode)
        .bind("s", street)
        .bind("from", from)
        .bind("to", to);
    return ScopeFilter.apply(q, "p", scope).map(CareDao::pairing).list();
  }

  /** The caller's volunteer id when she is admitted, else empty. */
  Optional<Long> admittedVolunteerOfUser(long userId) {
    return h.createQuery("SELECT id FROM volunteers WHERE user_id = :u AND status = 'ADMITTED'")
        .bind("u", userId)
        .mapTo(Long.class)
        .findOne();
  }

  /** She leads the pairing, is a current member of its case team, or is in its team (group care). */
  boolean participates(long pairingId, long volunteerId) {
    return h.createQuery("""
        SELECT COUNT(*) FROM pairings p
         WHERE p.id = :p AND (p.volunteer_id = :v
            OR EXISTS (SELECT 1 FROM pairing_members m
                        WHERE m.pairing_id = p.id AND m.volunteer_id = :v AND m.removed_at IS NULL)
            OR EXISTS (SELECT 1 FROM volunteer_team_members tm WHERE tm.team_id = p.team_id AND tm.volunteer_id = :v))""")
            .bind("p", pairingId)
            .bind("v", volunteerId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  String openid(long userId) {
    return h.createQuery("SELECT openid FROM users WHERE id = :u")
        .bind("u", userId)
        .mapTo(String.class)
        .one();
  }

  void insert(NewRecord r) {
    h.createUpdate("""
            INSERT INTO care_records (id, pairing_id, child_id, district_code, street, author_user_id,
                                      author_volunteer_id, kind, occurred_at, way, summary_enc, follow_up_needed,
                                      follow_up_note_enc, content_check, version, created_at, updated_at)
            VALUES (:id, :pairing, :child, :district, :street, :user, :volunteer, :kind, :occurred, :way, :summary,
                    :followUp, :followUpNote, :check, 1, :now, :now)""")
        .bind("id", r.id())
        .bind("pairing", r.pairing().id())
        .bind("child", r.pairing().childId())
        .bind("district", r.pairing().districtCode())
        .bind("street", r.pairing().street())
        .bind("user", r.authorUserId())
        .bind("volunteer", r.authorVolunteerId())
        .bind("kind", r.kind())
        .bind("occurred", r.occurredAt())
        .bind("way", r.way())
        .bind("summary", r.summaryEnc())
        .bind("followUp", r.followUpNeeded())
        .bind("followUpNote", r.followUpNoteEnc())
        .bind("check", r.contentCheck())
        .bind("now", r.now())
        .execute();
  }

  Optional<Row> find(long id, boolean forUpdate) {
    return h.createQuery(RECORD + " WHERE r.id = :id" + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id)
        .mapTo(Row.class)
        .findOne();
  }

  /** Records of the pairings, newest occurrence first, paged by id within equal times. */
  List<Row> list(List<Long> pairingIds, long before, int limit) {
    return h.createQuery(RECORD + """
         WHERE r.pairing_id IN (<pairings>) AND r.id < :before
         ORDER BY r.id DESC LIMIT :limit""")
        .bindList("pairings", pairingIds)
        .bind("before", before)
        .bind("limit", limit)
        .mapTo(Row.class)
        .list();
  }

  /** What the checklist needs of every record of the pairings: kind and times. */
  List<CareChecklist.RecordRef> refs(long pairingId) {
    return h.createQuery(
            "SELECT id, kind, occurred_at, created_at FROM care_records WHERE pairing_id = :p")
        .bind("p", pairingId)
        .map((rs, ctx) -> new CareChecklist.RecordRef(
            rs.getLong(1),
            rs.getString(2),
            Columns.instant(rs, "occurred_at", ctx),
            Columns.instant(rs, "created_at", ctx)))
        .list();
  }

  record PairingRecordRef(long pairingId, CareChecklist.RecordRef ref) {}

  List<PairingRecordRef> refs(List<Long> pairingIds) {
    if (pairingIds.isEmpty()) {
      return List.of();
    }
    return h.createQuery("""
            SELECT pairing_id, id, kind, occurred_at, created_at FROM care_records WHERE pairing_id IN (<p>)""")
        .bindList("p", pairingIds)
        .map((rs, ctx) -> new PairingRecordRef(
            rs.getLong(1),
            new CareChecklist.RecordRef(
                rs.getLong(2),
                rs.getString(3),
                Columns.instant(rs, "occurred_at", ctx),
                Columns.instant(rs, "created_at", ctx))))
        .list();
  }

  /** Copies the record as it is into its versions, then writes the correction over it. */
  void correct(
      Row old,
      String kind,
      Instant occurredAt,
      String way,
      String summaryEnc,
      boolean followUpNeeded,
      String followUpNoteEnc,
      String contentCheck,
      long by,
      Instant now) {
    h.createUpdate("""
            INSERT INTO care_record_versions (record_id, version, kind, occurred_at, way, summary_enc,
                                              follow_up_needed, follow_up_note_enc, content_check, written_at,
                                              replaced_at, replaced_by)
            SELECT id, version, kind, occurred_at, way, summary_enc, follow_up_needed, follow_up_note_enc,
                   content_check, updated_at, :now, :by
              FROM care_records WHERE id = :id""").bind("id", old.id()).bind("now", now).bind("by", by).execute();
    h.createUpdate("""
            UPDATE care_records SET kind = :kind, occurred_at = :occurred, way = :way, summary_enc = :summary,
                   follow_up_needed = :followUp, follow_up_note_enc = :followUpNote, content_check = :check,
                   version = version + 1, updated_at = :now
             WHERE id = :id""")
        .bind("id", old.id())
        .bind("kind", kind)
        .bind("occurred", occurredAt)
        .bind("way", way)
        .bind("summary", summaryEnc)
        .bind("followUp", followUpNeeded)
        .bind("followUpNote", followUpNoteEnc)
        .bind("check", contentCheck)
        .bind("now", now)
        .execute();
  }

  List<Version> versions(long recordId) {
    return h.createQuery("""
            SELECT version, kind, occurred_at, way, summary_enc, follow_up_needed, follow_up_note_enc, content_check,
                   written_at, replaced_at
              FROM care_record_versions WHERE record_id = :r ORDER BY version DESC""").bind("r", recordId).mapTo(Version.class).list();
  }

  /** Earlier pairings whose records the admin shared with this one. */
  List<Long> sharedFrom(long pairingId) {
    return h.createQuery("SELECT from_pairing_id FROM care_history_shares WHERE pairing_id = :p")
        .bind("p", pairingId)
        .mapTo(Long.class)
        .list();
  }

  void share(long pairingId, long fromPairingId, long by, Instant now) {
    h.createUpdate("""
            INSERT IGNORE INTO care_history_shares (pairing_id, from_pairing_id, shared_by, shared_at)
            VALUES (:p, :f, :by, :now)""")
        .bind("p", pairingId)
        .bind("f", fromPairingId)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  void insertFollowUp(long id, PairingRef p, Long recordId, String request, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO care_follow_ups (id, pairing_id, record_id, district_code, street, request, requested_by,
                                         requested_at, status)
            VALUES (:id, :p, :r, :d, :s, :request, :by, :now, 'OPEN')""")
        .bind("id", id)
        .bind("p", p.id())
        .bind("r", recordId)
        .bind("d", p.districtCode())
        .bind("s", p.street())
        .bind("request", request)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  Optional<FollowUp> followUp(long id, boolean forUpdate) {
    return h.createQuery("""
            SELECT id, pairing_id, record_id, request, requested_by, requested_at, status, resolution, resolved_at
              FROM care_follow_ups WHERE id = :id""" + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id)
        .mapTo(FollowUp.class)
        .findOne();
  }

  List<FollowUp> followUps(List<Long> pairingIds, String status, long before, int limit) {
    if (pairingIds.isEmpty()) {
      return List.of();
    }
    return h.createQuery("""
            SELECT id, pairing_id, record_id, request, requested_by, requested_at, status, resolution, resolved_at
              FROM care_follow_ups WHERE pairing_id IN (<p>) AND (:status IS NULL OR status = :status)
               AND id < :before
             ORDER BY id DESC LIMIT :n""")
        .bindList("p", pairingIds)
        .bind("status", status)
        .bind("before", before)
        .bind("n", limit)
        .mapTo(FollowUp.class)
        .list();
  }

  void resolveFollowUp(long id, String resolution, long by, Instant now) {
    h.createUpdate("""
            UPDATE care_follow_ups SET status = 'RESOLVED', resolution = :res, resolved_by = :by, resolved_at = :now
             WHERE id = :id AND status = 'OPEN'""")
        .bind("id", id)
        .bind("res", resolution)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  /** The active pairings she takes part in (lead, case-team member or team member). */
  List<Long> activePairingsOf(long volunteerId) {
    return h.createQuery("""
        SELECT p.id FROM pairings p
         WHERE p.status = 'ACTIVE' AND (p.volunteer_id = :v
            OR p.id IN (SELECT m.pairing_id FROM pairing_members m WHERE m.volunteer_id = :v AND m.removed_at IS NULL)
            OR p.team_id IN (SELECT tm.team_id FROM volunteer_team_members tm WHERE tm.volunteer_id = :v))""").bind("v", volunteerId).mapTo(Long.class).list();
  }

  /** Active one-to-one and case-team care pairings with no CONTACT_CHILD record since {@code since}. */
  List<Uncontacted> uncontactedSince(Instant since) {
    return h.createQuery("""
            SELECT p.id, v.user_id, c.name, p.started_at
              FROM pairings p JOIN volunteers v ON v.id = p.volunteer_id JOIN children c ON c.id = p.child_id
             WHERE p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM')
               AND NOT EXISTS (SELECT 1 FROM care_records r WHERE r.pairing_id = p.id AND r.kind = 'CONTACT_CHILD'
                                                              AND r.occurred_at >= :since)""")
        .bind("since", since)
        .map((rs, ctx) -> new Uncontacted(
            rs.getLong(1), rs.getLong(2), rs.getString(3), Columns.instant(rs, "started_at", ctx)))
        .list();
  }
}
