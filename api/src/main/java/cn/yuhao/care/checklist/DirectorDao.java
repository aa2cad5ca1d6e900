package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL for child directors (儿童主任) and their records. No DELETE. */
final class DirectorDao {
  public record Child(
      long id, String name, LocalDate birthDate, String districtCode, String street) {}

  public record MyChild(
      long childId,
      String name,
      LocalDate birthDate,
      String street,
      Instant lastContact,
      Instant lastVisit) {}

  public record Figures(int named, int contacted, int visited) {}

  private final Handle h;

  DirectorDao(Handle h) {
    this.h = h;
  }

  /** An active child in the scope, for the admin naming her director. */
  Optional<Child> child(long childId, Scope scope) {
    return ScopeFilter.apply(
            h.createQuery(
                "SELECT c.id, c.name, c.birth_date, c.district_code, c.street FROM children c "
                    + "WHERE c.id = :id AND c.status = 'ACTIVE' AND <scope>"),
            "c",
            scope)
        .bind("id", childId)
        .map(ConstructorMapper.of(Child.class))
        .findOne();
  }

  /** The child, if this user is her named director. */
  Optional<Child> childOfDirector(long childId, long userId) {
    return h.createQuery("""
            SELECT c.id, c.name, c.birth_date, c.district_code, c.street
              FROM child_directors d JOIN children c ON c.id = d.child_id
             WHERE d.child_id = :id AND d.user_id = :u AND c.status = 'ACTIVE'""")
        .bind("id", childId)
        .bind("u", userId)
        .map(ConstructorMapper.of(Child.class))
        .findOne();
  }

  boolean activeUser(long userId) {
    return h.createQuery("SELECT COUNT(*) FROM users WHERE id = :u AND status = 'ACTIVE'")
            .bind("u", userId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  void name(long childId, long userId, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO child_directors (child_id, user_id, named_by, named_at) VALUES (:c, :u, :by, :now)
            ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), named_by = VALUES(named_by),
                                    named_at = VALUES(named_at)""")
        .bind("c", childId)
        .bind("u", userId)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  void record(
      long id, Child c, long userId, String kind, Instant at, String summaryEnc, Instant now) {
    h.createUpdate("""
            INSERT INTO director_records (id, child_id, user_id, district_code, street, kind, occurred_at,
                                          summary_enc, created_at)
            VALUES (:id, :c, :u, :d, :s, :kind, :at, :summary, :now)""")
        .bind("id", id)
        .bind("c", c.id())
        .bind("u", userId)
        .bind("d", c.districtCode())
        .bind("s", c.street())
        .bind("kind", kind)
        .bind("at", at)
        .bind("summary", summaryEnc)
        .bind("now", now)
        .execute();
  }

  List<MyChild> mine(long userId) {
    return h.createQuery("""
            SELECT c.id AS child_id, c.name, c.birth_date, c.street,
                   (SELECT MAX(r.occurred_at) FROM director_records r WHERE r.child_id = c.id) AS last_contact,
                   (SELECT MAX(r.occurred_at) FROM director_records r
                     WHERE r.child_id = c.id AND r.kind = 'HOME_VISIT') AS last_visit
              FROM child_directors d JOIN children c ON c.id = d.child_id
             WHERE d.user_id = :u AND c.status = 'ACTIVE' ORDER BY c.id""")
        .bind("u", userId)
        .map(ConstructorMapper.of(MyChild.class))
        .list();
  }

  /**
   * In the scope: active children with a named director, how many of them had a contact (any record) since
   * {@code monthStart}, and how many a home visit since {@code quarterStart}.
   */
  Figures figures(
      Scope scope, String districtCode, String street, Instant monthStart, Instant quarterStart) {
    return ScopeFilter.apply(h.createQuery("""
                SELECT COUNT(*) AS named,
                       COALESCE(SUM(EXISTS (SELECT 1 FROM director_records r
                                     WHERE r.child_id = c.id AND r.occurred_at >= :month)), 0) AS contacted,
                       COALESCE(SUM(EXISTS (SELECT 1 FROM director_records r WHERE r.child_id = c.id
                                     AND r.kind = 'HOME_VISIT' AND r.occurred_at >= :quarter)), 0) AS visited
                  FROM child_directors d JOIN children c ON c.id = d.child_id
                 WHERE c.status = 'ACTIVE' AND <scope>
                   AND (:d IS NULL OR c.district_code = :d) AND (:s IS NULL OR c.street = :s)"""), "c", scope)
        .bind("month", monthStart)
        .bind("quarter", quarterStart)
        .bind("d", districtCode)
        .bind("s", street)
        .map(ConstructorMapper.of(Figures.class))
        .one();
  }
}
