package cn.yuhao.care.activity;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL of activities and their sign-ups. */
final class ActivityDao {
  record Row(
      long id,
      String districtCode,
      String street,
      Long teamId,
      Long courseId,
      String kind,
      String title,
      String place,
      Instant startsAt,
      Instant endsAt,
      int quota,
      boolean needsApproval,
      String specialties,
      String status,
      int held,
      int waiting) {}

  /** The volunteer as sign-up rules need her: where she serves, her specialties and teams. */
  record Member(
      long id,
      long userId,
      String status,
      String districtCode,
      String street,
      String specialties) {}

  record Signup(
      long activityId,
      long volunteerId,
      long userId,
      String name,
      String status,
      Instant queuedAt) {}

  private static final String SELECT = """
      SELECT a.*,
             (SELECT COUNT(*) FROM activity_signups s WHERE s.activity_id = a.id AND s.status IN ('CONFIRMED', 'PENDING'))
               AS held,
             (SELECT COUNT(*) FROM activity_signups s WHERE s.activity_id = a.id AND s.status = 'WAITLISTED') AS waiting
        FROM activities a""";

  private final Handle h;

  ActivityDao(Handle h) {
    this.h = h;
  }

  void insert(long id, ActivityService.ActivityInput in, String specialties, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO activities (id, district_code, street, team_id, course_id, kind, title, place, starts_at,
                                    ends_at, quota, needs_approval, specialties, status, created_by, created_at)
            VALUES (:id, :d, :street, :team, :course, :kind, :title, :place, :starts, :ends, :quota, :approval,
                    :specialties, 'OPEN', :by, :now)""")
        .bind("id", id)
        .bind("d", in.districtCode())
        .bind("street", in.street())
        .bind("team", in.teamId() == null ? null : Long.parseLong(in.teamId()))
        .bind("course", in.courseId() == null ? null : Long.parseLong(in.courseId()))
        .bind("kind", in.kind())
        .bind("title", in.title().strip())
        .bind("place", in.place().strip())
        .bind("starts", in.startsAt())
        .bind("ends", in.endsAt())
        .bind("quota", in.quota())
        .bind("approval", Boolean.TRUE.equals(in.needsApproval()))
        .bind("specialties", specialties)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  Optional<Row> find(long id) {
    return h.createQuery(SELECT + " WHERE a.id = :id")
        .bind("id", id)
        .map(ActivityDao::row)
        .findOne();
  }

  /** Locks the activity: sign-ups to one activity take their places one at a time. */
  void lock(long id) {
    h.createQuery("SELECT id FROM activities WHERE id = :id FOR UPDATE")
        .bind("id", id)
        .mapTo(Long.class)
        .findOne();
  }

  /** The places taken, read with a lock so it is the latest count whatever the transaction read before. */
  int heldForUpdate(long id) {
    return h.createQuery("""
            SELECT COUNT(*) FROM activity_signups
             WHERE activity_id = :a AND status IN ('CONFIRMED', 'PENDING') FOR UPDATE""").bind("a", id).mapTo(Integer.class).one();
  }

  Optional<Row> findInScope(long id, Scope scope) {
    var q = h.createQuery(SELECT + " WHERE a.id = :id AND <scope>").bind("id", id);
    return ScopeFilter.apply(q, "a", scope).map(ActivityDao::row).findOne();
  }

  List<Row> list(Scope scope, String districtCode, long before, int limit) {
    var q = h.createQuery(SELECT + " " + """
            WHERE <scope> AND (:d IS NULL OR a.district_code = :d) AND a.id < :before
            ORDER BY a.id DESC LIMIT :n""")
        .bind("d", districtCode)
        .bind("before", before)
        .bind("n", limit);
    return ScopeFilter.apply(q, "a", scope).map(ActivityDao::row).list();
  }

  /** Open activities not yet started that the volunteer may join: her district, her street or none, her team or none. */
  List<Row> open(Member m, Instant now, cn.yuhao.care.http.TimeCursor after, int limit) {
    return h.createQuery(SELECT + " " + """
            WHERE a.status = 'OPEN' AND a.starts_at > :now AND a.district_code = :d
              AND (a.street IS NULL OR a.street = :street)
              AND (a.team_id IS NULL OR EXISTS (SELECT 1 FROM volunteer_team_members t
                                                WHERE t.team_id = a.team_id AND t.volunteer_id = :v))
              AND (a.starts_at > :at OR (a.starts_at = :at AND a.id > :id))
            ORDER BY a.starts_at, a.id LIMIT :n""")
        .bind("now", now)
        .bind("at", after.at())
        .bind("id", after.id())
        .bind("d", m.districtCode())
        .bind("street", m.street())
        .bind("v", m.id())
        .bind("n", limit)
        .map(ActivityDao::row)
        .list();
  }

  Optional<Member> member(long userId) {
    return h.createQuery("""
            SELECT id, user_id, status, district_code, street, specialties FROM volunteers WHERE user_id = :u""")
        .bind("u", userId)
        .map((rs, ctx) -> new Member(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6)))
        .findOne();
  }

  boolean inTeam(long teamId, long volunteerId) {
    return h.createQuery(
                "SELECT COUNT(*) FROM volunteer_team_members WHERE team_id = :t AND volunteer_id = :v")
            .bind("t", teamId)
            .bind("v", volunteerId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** The course's district ('' for a city-wide course), if it exists. */
  Optional<String> courseDistrict(long courseId) {
    return h.createQuery("SELECT COALESCE(district_code, '') FROM courses WHERE id = :c")
        .bind("c", courseId)
        .mapTo(String.class)
        .findOne();
  }

  Optional<String> teamDistrict(long teamId) {
    return h.createQuery("SELECT district_code FROM volunteer_teams WHERE id = :t")
        .bind("t", teamId)
        .mapTo(String.class)
        .findOne();
  }

  /** Her sign-ups' statuses for these activities. */
  List<Signup> mine(long volunteerId, List<Long> activityIds) {
    if (activityIds.isEmpty()) {
      return List.of();
    }
    return h.createQuery(SIGNUP + " WHERE s.volunteer_id = :v AND s.activity_id IN (<ids>)")
        .bind("v", volunteerId)
        .bindList("ids", activityIds)
        .map(ActivityDao::signupRow)
        .list();
  }

  private static final String SIGNUP = """
      SELECT s.activity_id, s.volunteer_id, s.user_id, v.real_name, s.status, s.queued_at
        FROM activity_signups s JOIN volunteers v ON v.id = s.volunteer_id""";

  Optional<Signup> signup(long activityId, long volunteerId) {
    return h.createQuery(SIGNUP + " WHERE s.activity_id = :a AND s.volunteer_id = :v")
        .bind("a", activityId)
        .bind("v", volunteerId)
        .map(ActivityDao::signupRow)
        .findOne();
  }

  List<Signup> signups(long activityId) {
    return h.createQuery(SIGNUP + " WHERE s.activity_id = :a ORDER BY s.queued_at, s.volunteer_id")
        .bind("a", activityId)
        .map(ActivityDao::signupRow)
        .list();
  }

  /** A new sign-up, or a cancelled one taken up again (it joins the end of the queue). */
  void upsertSignup(long activityId, long volunteerId, long userId, String status, Instant now) {
    h.createUpdate("""
            INSERT INTO activity_signups (activity_id, volunteer_id, user_id, status, queued_at, updated_at)
            VALUES (:a, :v, :u, :status, :now, :now)
            ON DUPLICATE KEY UPDATE status = :status, queued_at = :now, updated_at = :now""")
        .bind("a", activityId)
        .bind("v", volunteerId)
        .bind("u", userId)
        .bind("status", status)
        .bind("now", now)
        .execute();
  }

  void setStatus(long activityId, long volunteerId, String status, Instant now) {
    h.createUpdate("""
            UPDATE activity_signups SET status = :status, updated_at = :now WHERE activity_id = :a AND volunteer_id = :v""")
        .bind("a", activityId)
        .bind("v", volunteerId)
        .bind("status", status)
        .bind("now", now)
        .execute();
  }

  /** A confirmed volunteer of an open activity starting in a window: whom to remind of what. */
  record Due(long activityId, String title, String place, Instant startsAt, long userId) {}

  List<Due> confirmedStarting(Instant from, Instant to) {
    return h.createQuery("""
            SELECT a.id, a.title, a.place, a.starts_at, s.user_id FROM activities a
              JOIN activity_signups s ON s.activity_id = a.id AND s.status = 'CONFIRMED'
             WHERE a.status = 'OPEN' AND a.starts_at >= :from AND a.starts_at < :to
             ORDER BY a.id, s.user_id""")
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> new Due(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            Columns.instant(rs, "starts_at", ctx),
            rs.getLong(5)))
        .list();
  }

  /** The first on the waiting list, if any. */
  Optional<Signup> firstWaiting(long activityId) {
    return h.createQuery(
            SIGNUP + " WHERE s.activity_id = :a AND s.status = 'WAITLISTED' ORDER BY s.queued_at, "
                + "s.volunteer_id LIMIT 1 FOR UPDATE")
        .bind("a", activityId)
        .map(ActivityDao::signupRow)
        .findOne();
  }

  private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("district_code"),
        rs.getString("street"),
        rs.getObject("team_id", Long.class),
        rs.getObject("course_id", Long.class),
        rs.getString("kind"),
        rs.getString("title"),
        rs.getString("place"),
        Columns.instant(rs, "starts_at", ctx),
        Columns.instant(rs, "ends_at", ctx),
        rs.getInt("quota"),
        rs.getBoolean("needs_approval"),
        rs.getString("specialties"),
        rs.getString("status"),
        rs.getInt("held"),
        rs.getInt("waiting"));
  }

  private static Signup signupRow(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Signup(
        rs.getLong("activity_id"),
        rs.getLong("volunteer_id"),
        rs.getLong("user_id"),
        rs.getString("real_name"),
        rs.getString("status"),
        Columns.instant(rs, "queued_at", ctx));
  }
}
