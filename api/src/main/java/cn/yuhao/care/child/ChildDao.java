package cn.yuhao.care.child;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** SQL for the child ledger; every read is filtered by the caller's scope. */
final class ChildDao {
  private static final String COLUMNS = """
      c.id, c.district_code, c.street, c.name, c.gender, c.birth_date, c.id_number_enc, c.category, c.needs,
      c.care_level, c.risk_flags, c.school, c.school_entry_year, c.address_enc, c.location_enc, c.duplicate_of, c.status""";

  /** Everything written for a child, already encrypted. */
  record Values(
      String districtCode,
      String street,
      String name,
      String gender,
      LocalDate birthDate,
      String idNumberEnc,
      String idNumberIndex,
      String category,
      String needs,
      String careLevel,
      String riskFlags,
      String school,
      Integer schoolEntryYear,
      String addressEnc,
      String locationEnc,
      String cell,
      Long duplicateOf,
      String status) {
    Values withDuplicateOf(Long other) {
      return new Values(
          districtCode,
          street,
          name,
          gender,
          birthDate,
          idNumberEnc,
          idNumberIndex,
          category,
          needs,
          careLevel,
          riskFlags,
          school,
          schoolEntryYear,
          addressEnc,
          locationEnc,
          cell,
          other,
          status);
    }
  }

  record GuardianValues(String name, String relation, String phoneEnc, String phoneIndex) {}

  private final Handle h;

  ChildDao(Handle h) {
    this.h = h;
  }

  Handle handle() {
    return h;
  }

  Optional<ChildRow> findInScope(long id, Scope scope, boolean forUpdate) {
    var q = h.createQuery("SELECT " + COLUMNS + " FROM children c WHERE c.id = :id AND <scope>"
            + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id);
    return ScopeFilter.apply(q, "c", scope).mapTo(ChildRow.class).findOne();
  }

  /** {@code adultBy}: only active children born on or before it (18 by today), when set. */
  List<ChildRow> list(
      Scope scope, ChildService.Filter f, LocalDate adultBy, long before, int limit) {
    var q = h.createQuery("SELECT " + COLUMNS + """
         FROM children c
        WHERE <scope>
          AND (:districtCode IS NULL OR c.district_code = :districtCode)
          AND (:street IS NULL OR c.street = :street)
          AND (:status IS NULL OR c.status = :status)
          AND (:category IS NULL OR c.category = :category)
          AND (:careLevel IS NULL OR c.care_level = :careLevel)
          AND (:name IS NULL OR c.name LIKE CONCAT(:name, '%'))
          AND (:adultBy IS NULL OR (c.birth_date <= :adultBy AND c.status = 'ACTIVE'))
          AND (:duplicates = FALSE OR c.duplicate_of IS NOT NULL)
          AND c.id < :before
        ORDER BY c.id DESC
        LIMIT :limit
        """)
        .bind("districtCode", f.districtCode())
        .bind("street", f.street())
        .bind("status", f.status())
        .bind("category", f.category())
        .bind("careLevel", f.careLevel())
        .bind("name", f.name())
        .bind("adultBy", adultBy)
        .bind("duplicates", f.possibleDuplicate())
        .bind("before", before)
        .bind("limit", limit);
    return ScopeFilter.apply(q, "c", scope).mapTo(ChildRow.class).list();
  }

  /** Other children with this ID number, as (id, district), oldest first. */
  List<Holder> holdersOf(String index, long exceptId) {
    return h.createQuery("""
            SELECT id, district_code FROM children WHERE id_number_index = :i AND id <> :id ORDER BY id""")
        .bind("i", index)
        .bind("id", exceptId)
        .map((rs, ctx) -> new Holder(rs.getLong(1), rs.getString(2)))
        .list();
  }

  record Holder(long id, String districtCode) {}

  private static final String INSERT = """
        INSERT INTO children (id, district_code, street, name, gender, birth_date, id_number_enc, id_number_index,
                              category, needs, care_level, risk_flags, school, school_entry_year, address_enc,
                              location_enc, geohash, duplicate_of, status, created_at, updated_at, high_risk_since)
        VALUES (:id, :districtCode, :street, :name, :gender, :birthDate, :idNumberEnc, :idNumberIndex,
                :category, :needs, :careLevel, :riskFlags, :school, :schoolEntryYear, :addressEnc,
                :locationEnc, :cell, :duplicateOf, :status, :now, :now,
                CASE WHEN FIND_IN_SET('HIGH_RISK', :riskFlags) > 0 THEN :now END)
        """;
  private static final String INSERT_GUARDIAN = """
      INSERT INTO child_guardians (id, child_id, name, relation, phone_enc, phone_index, sort_order)
      VALUES (:id, :c, :name, :relation, :phoneEnc, :phoneIndex, :o)
      """;

  void insert(long id, Values v, Instant now) {
    bind(h.createUpdate(INSERT).bind("id", id).bind("now", now), v).execute();
  }

  record NewChild(long id, Values values, List<GuardianValues> guardians) {}

  /** Many new children with their guardians in two batched statements (the ledger import). */
  void insertAll(List<NewChild> children, Instant now, java.util.function.LongSupplier ids) {
    if (children.isEmpty()) {
      return;
    }
    var batch = h.prepareBatch(INSERT);
    var guardians = h.prepareBatch(INSERT_GUARDIAN);
    for (NewChild c : children) {
      bind(batch.bind("id", c.id()).bind("now", now), c.values()).add();
      int order = 0;
      for (GuardianValues g : c.guardians()) {
        guardians
            .bind("id", ids.getAsLong())
            .bind("c", c.id())
            .bind("name", g.name())
            .bind("relation", g.relation())
            .bind("phoneEnc", g.phoneEnc())
            .bind("phoneIndex", g.phoneIndex())
            .bind("o", order++)
            .add();
      }
    }
    batch.execute();
    guardians.execute();
  }

  /** The children holding each of the given ID-number blind indexes, oldest first (de-duplication on import). */
  java.util.Map<String, List<Holder>> holdersByIndex(java.util.Collection<String> indexes) {
    if (indexes.isEmpty()) {
      return java.util.Map.of();
    }
    return h.createQuery("""
            SELECT id_number_index, id, district_code FROM children WHERE id_number_index IN (<indexes>) ORDER BY id""")
        .bindList("indexes", List.copyOf(indexes))
        .reduceRows(new java.util.HashMap<String, List<Holder>>(), (m, row) -> {
          m.computeIfAbsent(row.getColumn(1, String.class), k -> new java.util.ArrayList<>())
              .add(new Holder(row.getColumn(2, Long.class), row.getColumn(3, String.class)));
          return m;
        });
  }

  void update(long id, Values v, Instant now) {
    Update u = h.createUpdate("""
        UPDATE children SET district_code = :districtCode, street = :street, name = :name, gender = :gender,
               birth_date = :birthDate, id_number_enc = :idNumberEnc, id_number_index = :idNumberIndex,
               category = :category, needs = :needs, care_level = :careLevel, risk_flags = :riskFlags,
               school = :school, school_entry_year = :schoolEntryYear, address_enc = :addressEnc,
               location_enc = :locationEnc, geohash = :cell, duplicate_of = :duplicateOf, status = :status, updated_at = :now,
               high_risk_since = CASE WHEN FIND_IN_SET('HIGH_RISK', :riskFlags) > 0 THEN COALESCE(high_risk_since, :now) END
         WHERE id = :id
        """).bind("id", id).bind("now", now);
    bind(u, v).execute();
  }

  void setStatus(long id, String status, Instant now) {
    h.createUpdate("UPDATE children SET status = :status, updated_at = :now WHERE id = :id")
        .bind("id", id)
        .bind("status", status)
        .bind("now", now)
        .execute();
  }

  private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S u, Values v) {
    return u.bind("districtCode", v.districtCode())
        .bind("street", v.street())
        .bind("name", v.name())
        .bind("gender", v.gender())
        .bind("birthDate", v.birthDate())
        .bind("idNumberEnc", v.idNumberEnc())
        .bind("idNumberIndex", v.idNumberIndex())
        .bind("category", v.category())
        .bind("needs", v.needs())
        .bind("careLevel", v.careLevel())
        .bind("riskFlags", v.riskFlags())
        .bind("school", v.school())
        .bind("schoolEntryYear", v.schoolEntryYear())
        .bind("addressEnc", v.addressEnc())
        .bind("locationEnc", v.locationEnc())
        .bind("cell", v.cell())
        .bind("duplicateOf", v.duplicateOf())
        .bind("status", v.status());
  }

  List<GuardianRow> guardians(long childId) {
    return h.createQuery("""
            SELECT child_id, name, relation, phone_enc FROM child_guardians WHERE child_id = :c ORDER BY sort_order
            """).bind("c", childId).mapTo(GuardianRow.class).list();
  }

  /**
   * Writes a child's guardians, replacing any she had. A new child has none: deleting anyway would take gap
   * locks on which concurrent registrations deadlock.
   */
  void replaceGuardians(
      long childId,
      boolean isNew,
      List<GuardianValues> guardians,
      java.util.function.LongSupplier ids) {
    if (!isNew) {
      h.createUpdate("DELETE FROM child_guardians WHERE child_id = :c")
          .bind("c", childId)
          .execute();
    }
    int order = 0;
    for (GuardianValues g : guardians) {
      h.createUpdate(INSERT_GUARDIAN)
          .bind("id", ids.getAsLong())
          .bind("c", childId)
          .bind("name", g.name())
          .bind("relation", g.relation())
          .bind("phoneEnc", g.phoneEnc())
          .bind("phoneIndex", g.phoneIndex())
          .bind("o", order++)
          .execute();
    }
  }
}
