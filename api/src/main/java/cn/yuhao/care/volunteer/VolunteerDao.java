package cn.yuhao.care.volunteer;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** SQL for volunteers. Admin reads are scoped by the volunteer's district and street. */
final class VolunteerDao {
  private static final String COLUMNS = """
      v.id, v.user_id, v.real_name, v.phone_enc, v.district_code, v.street, v.location_enc, v.specialties, v.source_tags,
      v.max_children, v.availability, v.pledge_version, v.agreed_at, v.status, v.status_reason, v.applied_at,
      v.decided_at, v.decided_by, v.check_by, v.check_at, v.check_result, v.admission_note""";

  private final Handle h;

  VolunteerDao(Handle h) {
    this.h = h;
  }

  /** Her own application, locked so two submissions cannot race. */
  Optional<VolunteerRow> findByUserForUpdate(long userId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM volunteers v WHERE v.user_id = :u FOR UPDATE")
        .bind("u", userId)
        .mapTo(VolunteerRow.class)
        .findOne();
  }

  Optional<VolunteerRow> findByUser(long userId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM volunteers v WHERE v.user_id = :u")
        .bind("u", userId)
        .mapTo(VolunteerRow.class)
        .findOne();
  }

  /** Locked for a state change; absent when outside the scope. */
  Optional<VolunteerRow> findInScopeForUpdate(long id, Scope scope) {
    var q = h.createQuery(
            "SELECT " + COLUMNS + " FROM volunteers v WHERE v.id = :id AND <scope> FOR UPDATE")
        .bind("id", id);
    return ScopeFilter.apply(q, "v", scope).mapTo(VolunteerRow.class).findOne();
  }

  /** Whether she completed a pre-service (岗前) course. */
  boolean hasPreService(long volunteerId) {
    return h.createQuery("""
            SELECT COUNT(*) FROM course_completions cc JOIN courses c ON c.id = cc.course_id
             WHERE cc.volunteer_id = :v AND c.kind = 'PRE_SERVICE'""").bind("v", volunteerId).mapTo(Integer.class).one() > 0;
  }

  Optional<VolunteerRow> findInScope(long id, Scope scope) {
    var q = h.createQuery("SELECT " + COLUMNS + " FROM volunteers v WHERE v.id = :id AND <scope>")
        .bind("id", id);
    return ScopeFilter.apply(q, "v", scope).mapTo(VolunteerRow.class).findOne();
  }

  List<VolunteerRow> list(
      Scope scope, String status, String districtCode, String tag, long before, int limit) {
    var q = h.createQuery("SELECT " + COLUMNS + """
         FROM volunteers v
        WHERE <scope>
          AND (:status IS NULL OR v.status = :status)
          AND (:districtCode IS NULL OR v.district_code = :districtCode)
          AND (:tag IS NULL OR FIND_IN_SET(:tag, v.source_tags) > 0)
          AND v.id < :before
        ORDER BY v.id DESC
        LIMIT :limit
        """)
        .bind("status", status)
        .bind("districtCode", districtCode)
        .bind("tag", tag)
        .bind("before", before)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "v", scope).mapTo(VolunteerRow.class).list();
  }

  record Application(
      String realName,
      String phoneEnc,
      String phoneIndex,
      String districtCode,
      String street,
      String locationEnc,
      String cell,
      String specialties,
      int maxChildren,
      String availability,
      String pledgeVersion) {}

  void insert(long id, long userId, Application a, Instant now) {
    Update u = h.createUpdate("""
            INSERT INTO volunteers (id, user_id, real_name, phone_enc, phone_index, district_code, street, location_enc,
                                    geohash, specialties, max_children, availability, pledge_version, agreed_at, status,
                                    applied_at, updated_at)
            VALUES (:id, :userId, :realName, :phoneEnc, :phoneIndex, :districtCode, :street, :locationEnc,
                    :cell, :specialties, :maxChildren, :availability, :pledgeVersion, :now, 'PENDING', :now, :now)
            """).bind("id", id).bind("userId", userId).bind("now", now);
    bind(u, a).execute();
  }

  /** A new application over a rejected or exited one: the decision fields start again. */
  void reapply(long id, Application a, Instant now) {
    Update u = h.createUpdate("""
            UPDATE volunteers SET real_name = :realName, phone_enc = :phoneEnc, phone_index = :phoneIndex,
                   district_code = :districtCode, street = :street, location_enc = :locationEnc, geohash = :cell,
                   specialties = :specialties, max_children = :maxChildren, availability = :availability,
                   pledge_version = :pledgeVersion, agreed_at = :now, status = 'PENDING', status_reason = NULL,
                   applied_at = :now, decided_at = NULL, decided_by = NULL, check_by = NULL, check_at = NULL,
                   check_result = NULL, admission_note = NULL, updated_at = :now
             WHERE id = :id
            """).bind("id", id).bind("now", now);
    bind(u, a).execute();
  }

  private static Update bind(Update u, Application a) {
    return u.bind("realName", a.realName())
        .bind("phoneEnc", a.phoneEnc())
        .bind("phoneIndex", a.phoneIndex())
        .bind("districtCode", a.districtCode())
        .bind("street", a.street())
        .bind("locationEnc", a.locationEnc())
        .bind("cell", a.cell())
        .bind("specialties", a.specialties())
        .bind("maxChildren", a.maxChildren())
        .bind("availability", a.availability())
        .bind("pledgeVersion", a.pledgeVersion());
  }

  void admit(
      long id,
      long decidedBy,
      String checkBy,
      Instant checkAt,
      String checkResult,
      String note,
      Instant now) {
    h.createUpdate("""
            UPDATE volunteers SET status = 'ADMITTED', status_reason = NULL, decided_at = :now, decided_by = :by,
                   check_by = :checkBy, check_at = :checkAt, check_result = :checkResult, admission_note = :note,
                   updated_at = :now
             WHERE id = :id
            """)
        .bind("id", id)
        .bind("by", decidedBy)
        .bind("checkBy", checkBy)
        .bind("checkAt", checkAt)
        .bind("checkResult", checkResult)
        .bind("note", note)
        .bind("now", now)
        .execute();
  }

  void changeStatus(long id, VolunteerStatus status, String reason, Long decidedBy, Instant now) {
    h.createUpdate("""
            UPDATE volunteers SET status = :status, status_reason = :reason, decided_at = :now,
                   decided_by = :by, updated_at = :now
             WHERE id = :id
            """)
        .bind("id", id)
        .bind("status", status.name())
        .bind("reason", reason)
        .bind("by", decidedBy)
        .bind("now", now)
        .execute();
  }
}
