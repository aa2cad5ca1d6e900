package cn.yuhao.care.troupe;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** SQL for troupes: the applications and their decisions, coaches, the roster and the children's badges. */
final class TroupeDao {
  /** A roster row as stored; the service turns the school entry year into a grade. */
  record MemberRow(
      long childId,
      String name,
      Integer schoolEntryYear,
      Instant joinedAt,
      String overrideReason,
      String badgeAlias) {}

  /** A child as the roster needs her: name, ledger status, school entry year. */
  record ChildRow(String name, String status, Integer schoolEntryYear) {}

  /** A current badge with its token still encrypted. */
  record BadgeRow(long childId, String alias, String tokenEnc, Instant issuedAt) {}

  private final Handle h;

  TroupeDao(Handle h) {
    this.h = h;
  }

  Optional<TroupeAccess.Troupe> find(long id) {
    return h.createQuery("SELECT id, name, kind, district_code, status FROM troupes WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> new TroupeAccess.Troupe(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .findOne();
  }

  /** Locks the district's row: the point lock that serialises two applications of one district. */
  void lockDistrict(String districtCode) {
    h.createQuery("SELECT code FROM regions WHERE code = :d FOR UPDATE")
        .bind("d", districtCode)
        .mapTo(String.class)
        .one();
  }

  /** The district's SUBMITTED or APPROVED troupes of the kind. */
  int countLive(String districtCode, String kind) {
    return h.createQuery("""
            SELECT COUNT(*) FROM troupes WHERE district_code = :d AND kind = :k AND status IN ('SUBMITTED', 'APPROVED')""")
        .bind("d", districtCode)
        .bind("k", kind)
        .mapTo(Integer.class)
        .one();
  }

  void insert(
      long id,
      String name,
      TroupeService.Application in,
      String overrideReason,
      long submittedBy,
      Instant now) {
    bindFiling(h.createUpdate("""
            INSERT INTO troupes (id, kind, name, district_code, host_unit, host_kind, address, leader_name,
                                 leader_contact, project_leader_name, project_leader_contact, feature, introduction,
                                 recommendation, plan_override_reason, status, submitted_by, submitted_at, updated_at)
            VALUES (:id, :kind, :name, :d, :hostUnit, :hostKind, :address, :leaderName, :leaderContact,
                    :projectLeaderName, :projectLeaderContact, :feature, :introduction, :recommendation,
                    :override, 'SUBMITTED', :by, :now, :now)"""), in)
        .bind("id", id)
        .bind("kind", in.kind())
        .bind("name", name)
        .bind("d", in.districtCode())
        .bind("override", overrideReason)
        .bind("by", submittedBy)
        .bind("now", now)
        .execute();
  }

  /** Files a RETURNED application again with its corrected fields; false if it is not RETURNED. */
  boolean resubmit(
      long id, TroupeService.Application in, String overrideReason, long by, Instant now) {
    return bindFiling(h.createUpdate("""
                UPDATE troupes SET host_unit = :hostUnit, host_kind = :hostKind, address = :address,
                       leader_name = :leaderName, leader_contact = :leaderContact, project_leader_name = :projectLeaderName,
                       project_leader_contact = :projectLeaderContact, feature = :feature, introduction = :introduction,
                       recommendation = :recommendation, plan_override_reason = :override, status = 'SUBMITTED',
                       decision_reason = NULL, decided_by = NULL, decided_at = NULL, submitted_by = :by,
                       submitted_at = :now, updated_at = :now
                 WHERE id = :id AND status = 'RETURNED'"""), in)
            .bind("id", id)
            .bind("override", overrideReason)
            .bind("by", by)
            .bind("now", now)
            .execute()
        == 1;
  }

  /** Binds the application's fields, trimmed. */
  private static Update bindFiling(Update u, TroupeService.Application in) {
    return u.bind("hostUnit", in.hostUnit().strip())
        .bind("hostKind", in.hostKind())
        .bind("address", in.address().strip())
        .bind("leaderName", in.leaderName().strip())
        .bind("leaderContact", in.leaderContact().strip())
        .bind("projectLeaderName", in.projectLeaderName().strip())
        .bind("projectLeaderContact", in.projectLeaderContact().strip())
        .bind("feature", in.feature().strip())
        .bind("introduction", in.introduction().strip())
        .bind("recommendation", in.recommendation().strip());
  }

  /** Decides a SUBMITTED application; false if it is not SUBMITTED (or does not exist). */
  boolean decide(long id, String status, String reason, long by, Instant now) {
    return h.createUpdate("""
                UPDATE troupes SET status = :s, decision_reason = :r, decided_by = :by, decided_at = :now, updated_at = :now
                 WHERE id = :id AND status = 'SUBMITTED'""")
            .bind("s", status)
            .bind("r", reason)
            .bind("by", by)
            .bind("now", now)
            .bind("id", id)
            .execute()
        == 1;
  }

  /** Ids of the troupes in scope matching the filters, newest first, from before {@code before}. */
  List<Long> ids(
      Scope scope, String status, String kind, String districtCode, long before, int limit) {
    var q = h.createQuery("""
        SELECT id FROM troupes t WHERE <scope> AND (:s IS NULL OR t.status = :s) AND (:k IS NULL OR t.kind = :k)
           AND (:d IS NULL OR t.district_code = :d) AND t.id < :before ORDER BY t.id DESC LIMIT :limit""")
        .bind("s", status)
        .bind("k", kind)
        .bind("d", districtCode)
        .bind("before", before)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "t", scope).mapTo(Long.class).list();
  }

  boolean activeUser(long userId) {
    return h.createQuery("SELECT COUNT(*) FROM users WHERE id = :u AND status = 'ACTIVE'")
            .bind("u", userId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  List<String> coachUserIds(long troupeId) {
    return h.createQuery("""
            SELECT user_id FROM role_grants WHERE role = 'COACH' AND troupe_id = :t ORDER BY granted_at""").bind("t", troupeId).mapTo(Long.class).list().stream()
        .map(String::valueOf)
        .toList();
  }

  TroupeService.Troupe view(long id) {
    List<String> coaches = coachUserIds(id);
    return h.createQuery("""
            SELECT id, kind, name, district_code, host_unit, host_kind, address, leader_name, leader_contact,
                   project_leader_name, project_leader_contact, feature, introduction, recommendation,
                   plan_override_reason, status, decision_reason, submitted_at, decided_at
              FROM troupes WHERE id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new TroupeService.Troupe(
            Long.toString(rs.getLong(1)),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            rs.getString(12),
            rs.getString(13),
            rs.getString(14),
            rs.getString(15),
            rs.getString(16),
            rs.getString(17),
            Columns.instant(rs, "submitted_at", ctx),
            Columns.instant(rs, "decided_at", ctx),
            coaches))
        .one();
  }

  /** Locks the troupe's row, so two additions cannot both see room on the roster. */
  void lock(long troupeId) {
    h.createQuery("SELECT id FROM troupes WHERE id = :t FOR UPDATE")
        .bind("t", troupeId)
        .mapTo(Long.class)
        .one();
  }

  Optional<ChildRow> childOfDistrict(long childId, String districtCode) {
    return h.createQuery("""
            SELECT name, status, school_entry_year FROM children WHERE id = :c AND district_code = :d""")
        .bind("c", childId)
        .bind("d", districtCode)
        .map((rs, ctx) ->
            new ChildRow(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class)))
        .findOne();
  }

  int activeSize(long troupeId) {
    return h.createQuery(
            "SELECT COUNT(*) FROM troupe_members WHERE troupe_id = :t AND left_at IS NULL")
        .bind("t", troupeId)
        .mapTo(Integer.class)
        .one();
  }

  /** Adds the child, or brings a former member back; 0 when she is on the roster already. */
  int join(long troupeId, long childId, String overrideReason, long by, Instant now) {
    return h.createUpdate("""
            INSERT INTO troupe_members (troupe_id, child_id, joined_at, override_reason, added_by)
            VALUES (:t, :c, :now, :reason, :by)
            ON DUPLICATE KEY UPDATE joined_at = IF(left_at IS NULL, joined_at, :now),
                                    override_reason = IF(left_at IS NULL, override_reason, :reason),
                                    left_at = NULL""")
        .bind("t", troupeId)
        .bind("c", childId)
        .bind("now", now)
        .bind("reason", overrideReason)
        .bind("by", by)
        .execute();
  }

  boolean leave(long troupeId, long childId, Instant now) {
    return h.createUpdate("""
                UPDATE troupe_members SET left_at = :now WHERE troupe_id = :t AND child_id = :c AND left_at IS NULL""")
            .bind("t", troupeId)
            .bind("c", childId)
            .bind("now", now)
            .execute()
        == 1;
  }

  List<MemberRow> members(long troupeId) {
    return h.createQuery("""
            SELECT m.child_id, c.name, c.school_entry_year, m.joined_at, m.override_reason,
                   (SELECT b.alias FROM troupe_badges b WHERE b.troupe_id = m.troupe_id AND b.child_id = m.child_id
                      AND b.revoked_at IS NULL LIMIT 1) AS alias
              FROM troupe_members m JOIN children c ON c.id = m.child_id
             WHERE m.troupe_id = :t AND m.left_at IS NULL ORDER BY m.joined_at, m.child_id""")
        .bind("t", troupeId)
        .map((rs, ctx) -> new MemberRow(
            rs.getLong(1),
            rs.getString(2),
            rs.getObject(3, Integer.class),
            Columns.instant(rs, "joined_at", ctx),
            rs.getString(5),
            rs.getString(6)))
        .list();
  }

  /** The name of a current member, if she is one. */
  Optional<String> memberName(long troupeId, long childId) {
    return h.createQuery("""
            SELECT c.name FROM troupe_members m JOIN children c ON c.id = m.child_id
             WHERE m.troupe_id = :t AND m.child_id = :c AND m.left_at IS NULL""")
        .bind("t", troupeId)
        .bind("c", childId)
        .mapTo(String.class)
        .findOne();
  }

  List<BadgeRow> currentBadges(long troupeId) {
    return h.createQuery("""
            SELECT b.child_id, b.alias, b.token_enc, b.issued_at FROM troupe_badges b
              JOIN troupe_members m ON m.troupe_id = b.troupe_id AND m.child_id = b.child_id AND m.left_at IS NULL
             WHERE b.troupe_id = :t AND b.revoked_at IS NULL ORDER BY b.alias, b.child_id""")
        .bind("t", troupeId)
        .map((rs, ctx) -> new BadgeRow(
            rs.getLong(1), rs.getString(2), rs.getString(3), Columns.instant(rs, "issued_at", ctx)))
        .list();
  }

  void insertBadge(
      String tokenHash, long troupeId, long childId, String tokenEnc, String alias, Instant now) {
    h.createUpdate("""
            INSERT INTO troupe_badges (token_hash, troupe_id, child_id, token_enc, alias, issued_at)
            VALUES (:hash, :t, :c, :enc, :alias, :now)""")
        .bind("hash", tokenHash)
        .bind("t", troupeId)
        .bind("c", childId)
        .bind("enc", tokenEnc)
        .bind("alias", alias)
        .bind("now", now)
        .execute();
  }

  void revokeBadges(long troupeId, long childId, Instant now) {
    h.createUpdate("""
            UPDATE troupe_badges SET revoked_at = :now WHERE troupe_id = :t AND child_id = :c AND revoked_at IS NULL""").bind("t", troupeId).bind("c", childId).bind("now", now).execute();
  }

  boolean hasBadge(long troupeId, long childId) {
    return h.createQuery("""
            SELECT COUNT(*) FROM troupe_badges WHERE troupe_id = :t AND child_id = :c AND revoked_at IS NULL""")
            .bind("t", troupeId)
            .bind("c", childId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }
}
