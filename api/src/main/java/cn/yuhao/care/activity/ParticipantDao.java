package cn.yuhao.care.activity;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of the children taking part in activities. */
final class ParticipantDao {
  record Child(long id, String name, String districtCode) {}

  record Attended(long activityId, String title, String kind, String place, Instant startsAt) {}

  private final Handle h;

  ParticipantDao(Handle h) {
    this.h = h;
  }

  /** An active child in the admin's scope. */
  Optional<Child> childInScope(long childId, Scope scope) {
    var q = h.createQuery(
            "SELECT c.id, c.name, c.district_code FROM children c WHERE c.id = :id AND c.status = 'ACTIVE' AND <scope>")
        .bind("id", childId);
    return ScopeFilter.apply(q, "c", scope)
        .map((rs, ctx) -> new Child(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .findOne();
  }

  boolean add(long activityId, long childId, long by, Instant now) {
    return h.createUpdate("""
                INSERT IGNORE INTO activity_children (activity_id, child_id, recorded_by, recorded_at)
                VALUES (:a, :c, :by, :now)""")
            .bind("a", activityId)
            .bind("c", childId)
            .bind("by", by)
            .bind("now", now)
            .execute()
        == 1;
  }

  List<Child> of(long activityId) {
    return h.createQuery("""
            SELECT c.id, c.name, c.district_code FROM activity_children x JOIN children c ON c.id = x.child_id
             WHERE x.activity_id = :a ORDER BY x.recorded_at, c.id""")
        .bind("a", activityId)
        .map((rs, ctx) -> new Child(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /** The child of a pairing the volunteer (by user) takes part in: hers, as a member, or her team's. */
  Optional<Long> childOfVolunteersPairing(long pairingId, long userId) {
    return h.createQuery("""
            SELECT p.child_id FROM pairings p JOIN volunteers v ON v.user_id = :u
             WHERE p.id = :p
               AND (p.volunteer_id = v.id
                    OR EXISTS (SELECT 1 FROM pairing_members m
                                WHERE m.pairing_id = p.id AND m.volunteer_id = v.id AND m.removed_at IS NULL)
                    OR EXISTS (SELECT 1 FROM volunteer_team_members tm
                                WHERE tm.team_id = p.team_id AND tm.volunteer_id = v.id))""")
        .bind("p", pairingId)
        .bind("u", userId)
        .mapTo(Long.class)
        .findOne();
  }

  Optional<Long> childOfPairingInScope(long pairingId, Scope scope) {
    var q = h.createQuery("SELECT p.child_id FROM pairings p WHERE p.id = :p AND <scope>")
        .bind("p", pairingId);
    return ScopeFilter.apply(q, "p", scope).mapTo(Long.class).findOne();
  }

  List<Attended> attendedBy(long childId) {
    return h.createQuery("""
            SELECT a.id, a.title, a.kind, a.place, a.starts_at FROM activity_children x
              JOIN activities a ON a.id = x.activity_id WHERE x.child_id = :c ORDER BY a.starts_at DESC""")
        .bind("c", childId)
        .map((rs, ctx) -> new Attended(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            Columns.instant(rs, "starts_at", ctx)))
        .list();
  }
}
