package cn.yuhao.care.dashboard;

import cn.yuhao.care.db.Columns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of the volunteers' state rows behind the dashboard's counters: latest care, hours, stars, specialties. */
final class VolunteerCountsDao {
  private final Handle h;

  VolunteerCountsDao(Handle h) {
    this.h = h;
  }

  record Activity(String district, Instant last) {}

  /** The volunteer's latest care record, with her district; empty when she has written none. */
  Optional<Activity> activity(long volunteerId) {
    return h.createQuery("""
            SELECT v.district_code, (SELECT MAX(r.occurred_at) FROM care_records r WHERE r.author_volunteer_id = v.id)
                   AS last_at
              FROM volunteers v WHERE v.id = :v""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new Activity(rs.getString(1), Columns.instant(rs, "last_at", ctx)))
        .findOne()
        .filter(a -> a.last() != null);
  }

  Optional<Activity> activityCounted(long volunteerId) {
    return h.createQuery("""
            SELECT district_code, last_care_at FROM dash_volunteer_activity WHERE volunteer_id = :v FOR UPDATE""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new Activity(rs.getString(1), Columns.instant(rs, "last_care_at", ctx)))
        .findOne();
  }

  void saveActivity(long volunteerId, Activity a) {
    h.createUpdate("""
            INSERT INTO dash_volunteer_activity (volunteer_id, district_code, last_care_at) VALUES (:v, :d, :t)
            ON DUPLICATE KEY UPDATE district_code = :d, last_care_at = :t""")
        .bind("v", volunteerId)
        .bind("d", a.district())
        .bind("t", a.last())
        .execute();
  }

  void deleteActivity(long volunteerId) {
    h.createUpdate("DELETE FROM dash_volunteer_activity WHERE volunteer_id = :v")
        .bind("v", volunteerId)
        .execute();
  }

  void moveActivity(long volunteerId, String district) {
    h.createUpdate("UPDATE dash_volunteer_activity SET district_code = :d WHERE volunteer_id = :v")
        .bind("v", volunteerId)
        .bind("d", district)
        .execute();
  }

  record VolunteerState(
      String district,
      String status,
      int stars,
      String specialties,
      String sourceTags,
      boolean trained) {}

  /**
   * The training feature's "trained": a completed pre-service course. TrainingDao has the same condition (a DAO
   * may not use another feature's); TrainingApiTest checks that the dashboard and the training page agree.
   */
  static final String TRAINED = """
      EXISTS (SELECT 1 FROM course_completions cc JOIN courses c ON c.id = cc.course_id
               WHERE cc.volunteer_id = v.id AND c.kind = 'PRE_SERVICE')""";

  void addHours(long volunteerId, BigDecimal hours) {
    h.createUpdate("""
            INSERT INTO dash_volunteer_hours (volunteer_id, hours) VALUES (:v, :h)
            ON DUPLICATE KEY UPDATE hours = hours + :h""").bind("v", volunteerId).bind("h", hours).execute();
  }

  VolunteerState volunteer(long volunteerId) {
    return h.createQuery("""
            SELECT v.district_code, v.status, COALESCE(x.hours, 0) AS hours, COALESCE(v.specialties, ''),
                   v.source_tags, """ + TRAINED + """
              FROM volunteers v LEFT JOIN dash_volunteer_hours x ON x.volunteer_id = v.id WHERE v.id = :v""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new VolunteerState(
            rs.getString(1),
            rs.getString(2),
            cn.yuhao.care.volunteer.Stars.of(rs.getBigDecimal(3)),
            rs.getString(4),
            rs.getString(5),
            rs.getBoolean(6)))
        .one();
  }

  Optional<VolunteerState> volunteerCounted(long volunteerId) {
    return h.createQuery("""
            SELECT district_code, status, stars, specialties, source_tags, trained FROM dash_volunteer_state
             WHERE volunteer_id = :v FOR UPDATE""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new VolunteerState(
            rs.getString(1),
            rs.getString(2),
            rs.getInt(3),
            rs.getString(4),
            rs.getString(5),
            rs.getBoolean(6)))
        .findOne();
  }

  void saveVolunteer(long volunteerId, VolunteerState now) {
    h.createUpdate("""
            INSERT INTO dash_volunteer_state (volunteer_id, district_code, status, stars, specialties, source_tags,
                                              trained)
            VALUES (:v, :d, :status, :stars, :specialties, :tags, :trained)
            ON DUPLICATE KEY UPDATE district_code = :d, status = :status, stars = :stars, specialties = :specialties,
                                    source_tags = :tags, trained = :trained""")
        .bind("v", volunteerId)
        .bind("d", now.district())
        .bind("status", now.status())
        .bind("stars", now.stars())
        .bind("specialties", now.specialties())
        .bind("tags", now.sourceTags())
        .bind("trained", now.trained())
        .execute();
  }
}
