package cn.yuhao.care.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL for the evaluator's sample of child files. */
public final class EvaluationDao {
  /** One sampled child as stored, with what the program did for her over the last year. */
  public record SampledRow(
      long id,
      String name,
      String gender,
      LocalDate birthDate,
      String street,
      String category,
      String needs,
      String careLevel,
      String pairingMode,
      Instant pairedSince,
      int careRecords,
      Instant lastContact,
      int troupes,
      int reports) {}

  public record KindCount(long childId, String kind, int n) {}

  private static final String ELIGIBLE =
      " FROM children c WHERE c.district_code = :d AND c.status = 'ACTIVE' AND c.duplicate_of IS NULL";

  private final Handle h;

  public EvaluationDao(Handle h) {
    this.h = h;
  }

  /** The children the sample is drawn from: the district's active, non-duplicate ones. */
  public int population(String districtCode) {
    return h.createQuery("SELECT COUNT(*)" + ELIGIBLE)
        .bind("d", districtCode)
        .mapTo(Integer.class)
        .one();
  }

  /**
   * The first {@code size} children in an order fixed by {@code salt} (the evaluator's grant): the same sample on
   * every read, so that reading again never reveals more children.
   */
  public List<SampledRow> sample(String districtCode, String salt, Instant since, int size) {
    return h.createQuery("""
            SELECT c.id, c.name, c.gender, c.birth_date, c.street, c.category, c.needs, c.care_level,
                   (SELECT p.mode FROM pairings p WHERE p.child_id = c.id AND p.status = 'ACTIVE'
                     ORDER BY p.started_at LIMIT 1) AS pairing_mode,
                   (SELECT MIN(p.started_at) FROM pairings p WHERE p.child_id = c.id AND p.status = 'ACTIVE')
                     AS paired_since,
                   (SELECT COUNT(*) FROM care_records r WHERE r.child_id = c.id AND r.occurred_at >= :since)
                     AS care_records,
                   (SELECT MAX(r.occurred_at) FROM care_records r WHERE r.child_id = c.id) AS last_contact,
                   (SELECT COUNT(*) FROM troupe_members m WHERE m.child_id = c.id AND m.left_at IS NULL)
                     AS troupes,
                   (SELECT COUNT(*) FROM concerns k WHERE k.child_id = c.id AND k.created_at >= :since)
                     AS reports
            """ + ELIGIBLE + " " + """
            ORDER BY SHA2(CONCAT(:salt, '-', c.id), 256)
             LIMIT :size""")
        .bind("d", districtCode)
        .bind("salt", salt)
        .bind("since", since)
        .bind("size", size)
        .map(ConstructorMapper.of(SampledRow.class))
        .list();
  }

  /** Care records since {@code since} by kind, for the sampled children. */
  public List<KindCount> careByKind(List<Long> childIds, Instant since) {
    if (childIds.isEmpty()) {
      return List.of();
    }
    return h.createQuery("""
            SELECT child_id, kind, COUNT(*) AS n FROM care_records
             WHERE child_id IN (<ids>) AND occurred_at >= :since
             GROUP BY child_id, kind ORDER BY child_id, kind""")
        .bindList("ids", childIds)
        .bind("since", since)
        .map(ConstructorMapper.of(KindCount.class))
        .list();
  }
}
