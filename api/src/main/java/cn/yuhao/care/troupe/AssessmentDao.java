package cn.yuhao.care.troupe;

import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the children's pre/post assessments and the growth archive built from their troupe life. */
final class AssessmentDao {
  /** An assessment as stored, its scores still JSON. */
  record Row(
      long id,
      long troupeId,
      long childId,
      String phase,
      String instrument,
      LocalDate assessedOn,
      String scoresJson,
      BigDecimal mean,
      Instant recordedAt) {}

  /** A child's mean score at one phase. */
  record Mean(long childId, String name, String phase, BigDecimal mean) {}

  /** Where a child lives, for the scope check. */
  record ChildPlace(String name, String districtCode, String street) {}

  /** A session a child was present at. */
  record Attended(Instant startsAt, String kind, String title, int classHours, String troupeName) {}

  /** One of a child's assessments, for her timeline. */
  record Taken(LocalDate assessedOn, String phase, String instrument, BigDecimal mean) {}

  private final Handle h;

  AssessmentDao(Handle h) {
    this.h = h;
  }

  /** Records the child's assessment, or corrects the one of the same instrument and phase. */
  void upsert(
      long troupeId,
      long childId,
      AssessmentService.AssessmentInput in,
      String scoresJson,
      BigDecimal mean,
      long by,
      Instant now) {
    h.createUpdate("""
            INSERT INTO assessments (id, troupe_id, child_id, phase, instrument, assessed_on, scores_json, mean_score,
                                     recorded_by, recorded_at)
            VALUES (:id, :t, :c, :phase, :inst, :on, :scores, :mean, :by, :now)
            ON DUPLICATE KEY UPDATE assessed_on = :on, scores_json = :scores, mean_score = :mean, recorded_by = :by,
                                    recorded_at = :now""")
        .bind("id", Ids.next())
        .bind("t", troupeId)
        .bind("c", childId)
        .bind("phase", in.phase())
        .bind("inst", in.instrument())
        .bind("on", in.assessedOn())
        .bind("scores", scoresJson)
        .bind("mean", mean)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  Row find(long troupeId, long childId, String instrument, String phase) {
    return h.createQuery("""
            SELECT id, troupe_id, child_id, phase, instrument, assessed_on, scores_json, mean_score, recorded_at
              FROM assessments WHERE troupe_id = :t AND child_id = :c AND instrument = :inst AND phase = :phase""")
        .bind("t", troupeId)
        .bind("c", childId)
        .bind("inst", instrument)
        .bind("phase", phase)
        .map((rs, ctx) -> new Row(
            rs.getLong(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getString(4),
            rs.getString(5),
            rs.getObject(6, LocalDate.class),
            rs.getString(7),
            rs.getBigDecimal(8),
            Columns.instant(rs, "recorded_at", ctx)))
        .one();
  }

  List<Mean> means(long troupeId, String instrument) {
    return h.createQuery("""
            SELECT a.child_id, c.name, a.phase, a.mean_score FROM assessments a JOIN children c ON c.id = a.child_id
             WHERE a.troupe_id = :t AND a.instrument = :i""")
        .bind("t", troupeId)
        .bind("i", instrument)
        .map((rs, ctx) ->
            new Mean(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4)))
        .list();
  }

  Optional<ChildPlace> child(long childId) {
    return h.createQuery("SELECT name, district_code, street FROM children WHERE id = :c")
        .bind("c", childId)
        .map((rs, ctx) -> new ChildPlace(rs.getString(1), rs.getString(2), rs.getString(3)))
        .findOne();
  }

  List<AssessmentService.TroupeStint> stints(long childId) {
    return h.createQuery("""
            SELECT t.id, t.name, t.kind, m.joined_at, m.left_at FROM troupe_members m JOIN troupes t ON t.id = m.troupe_id
             WHERE m.child_id = :c ORDER BY m.joined_at""")
        .bind("c", childId)
        .map((rs, ctx) -> new AssessmentService.TroupeStint(
            Long.toString(rs.getLong(1)),
            rs.getString(2),
            rs.getString(3),
            Columns.instant(rs, "joined_at", ctx),
            Columns.instant(rs, "left_at", ctx)))
        .list();
  }

  /** Sessions held that the child was present at, in order. */
  List<Attended> attended(long childId) {
    return h.createQuery("""
            SELECT s.starts_at, s.kind, s.title, s.class_hours, t.name FROM attendance a
              JOIN troupe_sessions s ON s.id = a.session_id JOIN troupes t ON t.id = s.troupe_id
             WHERE a.child_id = :c AND a.status = 'PRESENT' AND s.status = 'SCHEDULED' ORDER BY s.starts_at""")
        .bind("c", childId)
        .map((rs, ctx) -> new Attended(
            Columns.instant(rs, "starts_at", ctx),
            rs.getString(2),
            rs.getString(3),
            rs.getInt(4),
            rs.getString(5)))
        .list();
  }

  List<Taken> taken(long childId) {
    return h.createQuery("""
            SELECT a.assessed_on, a.phase, a.instrument, a.mean_score FROM assessments a WHERE a.child_id = :c""")
        .bind("c", childId)
        .map((rs, ctx) -> new Taken(
            rs.getObject(1, LocalDate.class),
            rs.getString(2),
            rs.getString(3),
            rs.getBigDecimal(4)))
        .list();
  }
}
