package cn.yuhao.care.troupe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL for troupes' year-end self-checks; there is no DELETE. */
final class SelfCheckDao {
  public record Row(
      long id, long troupeId, int year, String summary, long submittedBy, Instant submittedAt) {}

  private final Handle h;

  SelfCheckDao(Handle h) {
    this.h = h;
  }

  /** Writes the year's self-check, or replaces its text; the row's id either way. */
  long upsert(
      long id, long troupeId, int year, String district, String summary, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO troupe_self_checks (id, troupe_id, year, district_code, summary, submitted_by, submitted_at)
            VALUES (:id, :troupe, :year, :district, :summary, :by, :now)
            ON DUPLICATE KEY UPDATE summary = VALUES(summary), submitted_by = VALUES(submitted_by),
                                    submitted_at = VALUES(submitted_at)
            """)
        .bind("id", id)
        .bind("troupe", troupeId)
        .bind("year", year)
        .bind("district", district)
        .bind("summary", summary)
        .bind("by", by)
        .bind("now", now)
        .execute();
    return find(troupeId, year).orElseThrow().id();
  }

  Optional<Row> find(long troupeId, int year) {
    return h.createQuery("SELECT id, troupe_id, year, summary, submitted_by, submitted_at "
            + "FROM troupe_self_checks WHERE troupe_id = :troupe AND year = :year")
        .bind("troupe", troupeId)
        .bind("year", year)
        .map(ConstructorMapper.of(Row.class))
        .findOne();
  }

  List<Row> ofTroupe(long troupeId) {
    return h.createQuery("SELECT id, troupe_id, year, summary, submitted_by, submitted_at "
            + "FROM troupe_self_checks WHERE troupe_id = :troupe ORDER BY year DESC")
        .bind("troupe", troupeId)
        .map(ConstructorMapper.of(Row.class))
        .list();
  }

  /** The troupe a self-check belongs to, for the rule on who may read its photos. */
  Optional<Long> troupeOf(long selfCheckId) {
    return h.createQuery("SELECT troupe_id FROM troupe_self_checks WHERE id = :id")
        .bind("id", selfCheckId)
        .mapTo(Long.class)
        .findOne();
  }
}
