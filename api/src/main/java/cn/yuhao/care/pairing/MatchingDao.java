package cn.yuhao.care.pairing;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.region.Geo;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for matching. Nearness is a set of geohash cells read as prefix ranges of the (geohash, status) index;
 * the caller refines by distance. Without cells, the whole district is read (proposals, children with no
 * location). Only the clear cell is read: {@code lat}/{@code lng} of a candidate are its cell's centre.
 */
final class MatchingDao {
  record VolunteerCandidate(
      long id,
      String realName,
      String street,
      String cell,
      double lat,
      double lng,
      String specialties,
      int capacity,
      int load) {
    static VolunteerCandidate of(
        long id,
        String realName,
        String street,
        String cell,
        String specialties,
        int capacity,
        int load) {
      double[] c = Geo.centre(cell);
      return new VolunteerCandidate(
          id, realName, street, cell, c[0], c[1], specialties, capacity, load);
    }
  }

  record ChildCandidate(
      long id, String name, String street, String cell, Double lat, Double lng, String needs) {
    static ChildCandidate of(long id, String name, String street, String cell, String needs) {
      double[] c = cell == null ? null : Geo.centre(cell);
      return new ChildCandidate(
          id, name, street, cell, c == null ? null : c[0], c == null ? null : c[1], needs);
    }
  }

  private final Handle h;

  MatchingDao(Handle h) {
    this.h = h;
  }

  /** A child in scope as a matching target: her district and what the score uses. */
  Optional<MatchingService.Target> childInScope(long childId, Scope scope) {
    var q = h.createQuery("""
            SELECT c.district_code, c.street, c.geohash, c.needs FROM children c WHERE c.id = :id AND <scope>""").bind("id", childId);
    return ScopeFilter.apply(q, "c", scope)
        .map((rs, ctx) -> new MatchingService.Target(
            rs.getString(1),
            ChildCandidate.of(childId, null, rs.getString(2), rs.getString(3), rs.getString(4))))
        .findOne();
  }

  /** A volunteer's home cell and specialties. */
  record Home(String geohash, String specialties) {}

  Home home(long volunteerId) {
    return h.createQuery("SELECT geohash, specialties FROM volunteers WHERE id = :id")
        .bind("id", volunteerId)
        .map((rs, ctx) -> new Home(rs.getString(1), rs.getString(2)))
        .one();
  }

  /** Admitted volunteers of the district (in the cells when given) with their current load. */
  List<VolunteerCandidate> volunteers(String districtCode, List<String> cells) {
    Query q = h.createQuery("""
        SELECT v.id, v.real_name, v.street, v.geohash, v.specialties, v.max_children,
               (SELECT COUNT(*) FROM pairings p
                 WHERE p.volunteer_id = v.id AND p.status = 'ACTIVE' AND p.mode <> 'GROUP') AS load_now
          FROM volunteers v
         WHERE v.status = 'ADMITTED' AND v.district_code = :d AND <cells>""").bind("d", districtCode);
    return cells(q, "v", cells)
        .map((rs, ctx) -> VolunteerCandidate.of(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getInt(6),
            rs.getInt(7)))
        .list();
  }

  /**
   * Children waiting for a one-to-one pairing that a volunteer may be offered: active, guardian consent current,
   * no primary pairing, not high-risk (those get a case team from the admin). Every column the children part
   * reads is in {@code ix_children_geohash}, so near a volunteer no child row is read (V23).
   */
  private static final String WAITING = """
      c.status = 'ACTIVE' AND c.care_level = 'ONE_TO_ONE' AND c.district_code = :d AND <cells>
      AND c.high_risk_since IS NULL
      AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.primary_child_id = c.id)
      AND EXISTS (SELECT 1 FROM child_consents k WHERE k.child_id = c.id AND k.withdrawn_at IS NULL)""";

  /** The district's waiting children, for a proposal. */
  List<ChildCandidate> childrenNeedingPairing(String districtCode) {
    return cells(
            h.createQuery("SELECT c.id, c.name, c.street, c.geohash, c.needs FROM children c WHERE "
                    + WAITING)
                .bind("d", districtCode),
            "c",
            null)
        .map((rs, ctx) -> ChildCandidate.of(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .list();
  }

  /** What a volunteer's view ranks a waiting child by: read from the index alone. */
  record Waiting(long id, String cell, String needs) {}

  List<Waiting> waitingIn(String districtCode, List<String> cells) {
    Query q = h.createQuery("SELECT c.id, c.geohash, c.needs FROM children c WHERE " + WAITING)
        .bind("d", districtCode);
    return cells(q, "c", cells)
        .map((rs, ctx) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /** What the volunteer is shown of the children she is offered: birth date, and whether she has asked. */
  record Shown(LocalDate birthDate, boolean requested) {}

  Map<Long, Shown> shown(List<Long> childIds, long volunteerId) {
    if (childIds.isEmpty()) {
      return Map.of();
    }
    return h.createQuery("""
            SELECT c.id, c.birth_date,
                   EXISTS (SELECT 1 FROM pairing_requests r WHERE r.pending_key = CONCAT(c.id, ':', :v)) AS requested
              FROM children c WHERE c.id IN (<ids>)""")
        .bind("v", volunteerId)
        .bindList("ids", childIds)
        .reduceRows(new HashMap<Long, Shown>(), (m, row) -> {
          m.put(
              row.getColumn(1, Long.class),
              new Shown(row.getColumn(2, LocalDate.class), row.getColumn(3, Boolean.class)));
          return m;
        });
  }

  /** The cells as OR-ed prefix ranges ('wm7b2%' reads a range of the B-tree index), or no condition. */
  private static Query cells(Query q, String alias, List<String> cells) {
    if (cells == null) {
      return q.define("cells", "1 = 1");
    }
    StringBuilder sql = new StringBuilder("(");
    for (int i = 0; i < cells.size(); i++) {
      sql.append(i == 0 ? "" : " OR ")
          .append(alias)
          .append(".geohash LIKE :cell")
          .append(i);
      q.bind("cell" + i, cells.get(i) + "%");
    }
    return q.define("cells", sql.append(")").toString());
  }
}
