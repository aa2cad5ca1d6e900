package cn.yuhao.care.activity;

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

/** SQL of check-ins at activities. */
final class CheckinDao {
  record Row(
      long id,
      long activityId,
      String title,
      long volunteerId,
      long userId,
      Instant checkedInAt,
      Instant checkedOutAt,
      String status,
      Integer minutes,
      BigDecimal hours,
      Instant activityEndsAt,
      Instant activityStartsAt,
      Long courseId,
      String districtCode) {}

  private static final String SELECT = """
      SELECT k.*, a.title, a.starts_at, a.ends_at, a.course_id, a.district_code
        FROM activity_checkins k JOIN activities a ON a.id = k.activity_id""";

  private final Handle h;

  CheckinDao(Handle h) {
    this.h = h;
  }

  /** Marks the code's nonce used by this user; false if she used it already (a replay). */
  boolean useCode(String nonce, long userId, Instant now) {
    return h.createUpdate(
                "INSERT IGNORE INTO checkin_code_uses (nonce, user_id, used_at) VALUES (:n, :u, :now)")
            .bind("n", nonce)
            .bind("u", userId)
            .bind("now", now)
            .execute()
        == 1;
  }

  /** Inserts her check-in; false if she has one for this activity already. */
  boolean insert(long id, long activityId, long volunteerId, long userId, Instant now) {
    return h.createUpdate("""
                INSERT IGNORE INTO activity_checkins (id, activity_id, volunteer_id, user_id, checked_in_at, status)
                VALUES (:id, :a, :v, :u, :now, 'OPEN')""")
            .bind("id", id)
            .bind("a", activityId)
            .bind("v", volunteerId)
            .bind("u", userId)
            .bind("now", now)
            .execute()
        == 1;
  }

  Optional<Row> find(long id) {
    return h.createQuery(SELECT + " WHERE k.id = :id")
        .bind("id", id)
        .map(CheckinDao::row)
        .findOne();
  }

  Optional<Row> forUpdate(long id) {
    return h.createQuery(SELECT + " WHERE k.id = :id FOR UPDATE")
        .bind("id", id)
        .map(CheckinDao::row)
        .findOne();
  }

  List<Row> mine(long userId, long before, int limit) {
    return h.createQuery(
            SELECT + " WHERE k.user_id = :u AND k.id < :before ORDER BY k.id DESC LIMIT :n")
        .bind("u", userId)
        .bind("before", before)
        .bind("n", limit)
        .map(CheckinDao::row)
        .list();
  }

  void close(long id, Instant out, int minutes, BigDecimal hours) {
    h.createUpdate("""
            UPDATE activity_checkins SET status = 'CLOSED', checked_out_at = :out, minutes = :m, hours = :hours
             WHERE id = :id""")
        .bind("id", id)
        .bind("out", out)
        .bind("m", minutes)
        .bind("hours", hours)
        .execute();
  }

  /** The course the training activity belongs to, completed by this check-out (once). */
  void completeCourse(Row c, LocalDate on, Instant now) {
    h.createUpdate("""
            INSERT IGNORE INTO course_completions (course_id, volunteer_id, district_code, completed_on, recorded_by,
                                                   recorded_at)
            VALUES (:course, :v, :d, :on, :by, :now)""")
        .bind("course", c.courseId())
        .bind("v", c.volunteerId())
        .bind("d", c.districtCode())
        .bind("on", on)
        .bind("by", c.userId())
        .bind("now", now)
        .execute();
  }

  private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getLong("activity_id"),
        rs.getString("title"),
        rs.getLong("volunteer_id"),
        rs.getLong("user_id"),
        Columns.instant(rs, "checked_in_at", ctx),
        Columns.instant(rs, "checked_out_at", ctx),
        rs.getString("status"),
        rs.getObject("minutes", Integer.class),
        rs.getBigDecimal("hours"),
        Columns.instant(rs, "ends_at", ctx),
        Columns.instant(rs, "starts_at", ctx),
        rs.getObject("course_id", Long.class),
        rs.getString("district_code"));
  }
}
