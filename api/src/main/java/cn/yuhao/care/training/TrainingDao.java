package cn.yuhao.care.training;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of courses, completions and coverage. */
final class TrainingDao {
  record Course(
      long id,
      String districtCode,
      String title,
      String kind,
      BigDecimal hours,
      String materialUrl,
      Instant createdAt) {}

  /** An admitted volunteer or applicant in the admin's scope, as completions need her. */
  record Trainee(long id, String districtCode) {}

  record Completion(
      long courseId, String title, String kind, BigDecimal hours, LocalDate completedOn) {}

  record Coverage(int admitted, int trained) {}

  record Missing(long volunteerId, String name, String districtCode, String street) {}

  private final Handle h;

  TrainingDao(Handle h) {
    this.h = h;
  }

  void insertCourse(long id, TrainingService.CourseInput in, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO courses (id, district_code, title, kind, hours, material_url, created_by, created_at)
            VALUES (:id, :d, :title, :kind, :hours, :url, :by, :now)""")
        .bind("id", id)
        .bind("d", in.districtCode())
        .bind("title", in.title().strip())
        .bind("kind", in.kind())
        .bind("hours", in.hours())
        .bind("url", in.materialUrl())
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  Optional<Course> course(long id) {
    return h.createQuery("SELECT * FROM courses WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> course(rs, ctx))
        .findOne();
  }

  /** City-wide courses and those of the districts the scope reaches, newest first. */
  List<Course> courses(List<String> districts, boolean all, long before, int limit) {
    return h.createQuery("""
            SELECT * FROM courses WHERE (:all OR district_code IS NULL OR district_code IN (<districts>))
               AND id < :before
             ORDER BY id DESC LIMIT :n""")
        .bind("all", all)
        .bindList("districts", districts.isEmpty() ? List.of("") : districts)
        .bind("before", before)
        .bind("n", limit)
        .map((rs, ctx) -> course(rs, ctx))
        .list();
  }

  Optional<Trainee> traineeInScope(long volunteerId, Scope scope) {
    var q = h.createQuery(
            "SELECT v.id, v.district_code FROM volunteers v WHERE v.id = :id AND v.status IN ('ADMITTED', 'PENDING') "
                + "AND <scope>")
        .bind("id", volunteerId);
    return ScopeFilter.apply(q, "v", scope)
        .map((rs, ctx) -> new Trainee(rs.getLong(1), rs.getString(2)))
        .findOne();
  }

  /** Records a completion; false if she had completed the course already. */
  boolean complete(long courseId, Trainee t, LocalDate on, long by, Instant now) {
    return h.createUpdate("""
                INSERT IGNORE INTO course_completions (course_id, volunteer_id, district_code, completed_on, recorded_by,
                                                       recorded_at)
                VALUES (:c, :v, :d, :on, :by, :now)""")
            .bind("c", courseId)
            .bind("v", t.id())
            .bind("d", t.districtCode())
            .bind("on", on)
            .bind("by", by)
            .bind("now", now)
            .execute()
        == 1;
  }

  List<Completion> completionsOf(long volunteerId) {
    return h.createQuery("""
            SELECT c.id, c.title, c.kind, c.hours, cc.completed_on FROM course_completions cc
              JOIN courses c ON c.id = cc.course_id WHERE cc.volunteer_id = :v ORDER BY cc.completed_on, c.id""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new Completion(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getBigDecimal(4),
            rs.getObject(5, LocalDate.class)))
        .list();
  }

  Optional<Long> volunteerOfUser(long userId) {
    return h.createQuery("SELECT id FROM volunteers WHERE user_id = :u")
        .bind("u", userId)
        .mapTo(Long.class)
        .findOne();
  }

  private static final String TRAINED = """
      EXISTS (SELECT 1 FROM course_completions cc JOIN courses c ON c.id = cc.course_id
               WHERE cc.volunteer_id = v.id AND c.kind = 'PRE_SERVICE')""";

  Coverage coverage(Scope scope, String districtCode) {
    var q = h.createQuery("SELECT COUNT(*), COALESCE(SUM(" + TRAINED + "), 0) FROM volunteers v "
            + "WHERE v.status = 'ADMITTED' AND <scope> AND (:d IS NULL OR v.district_code = :d)")
        .bind("d", districtCode);
    return ScopeFilter.apply(q, "v", scope)
        .map((rs, ctx) -> new Coverage(rs.getInt(1), rs.getInt(2)))
        .one();
  }

  List<Missing> missing(Scope scope, String districtCode, int limit) {
    var q = h.createQuery("SELECT v.id, v.real_name, v.district_code, v.street FROM volunteers v "
            + "WHERE v.status = 'ADMITTED' AND <scope> AND (:d IS NULL OR v.district_code = :d) AND NOT "
            + TRAINED + " ORDER BY v.id LIMIT :n")
        .bind("d", districtCode)
        .bind("n", limit);
    return ScopeFilter.apply(q, "v", scope)
        .map((rs, ctx) ->
            new Missing(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  private static Course course(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Course(
        rs.getLong("id"),
        rs.getString("district_code"),
        rs.getString("title"),
        rs.getString("kind"),
        rs.getBigDecimal("hours"),
        rs.getString("material_url"),
        Columns.instant(rs, "created_at", ctx));
  }
}
