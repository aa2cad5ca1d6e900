package cn.yuhao.care.dashboard;

import cn.yuhao.care.dashboard.Counts.Counter;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.ValuesList;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the dashboard's counters: the counted entities read from their rows, the contribution stored for each
 * last time ({@code dash_*_state}, {@code dash_pairing_latest}, {@code dash_pairing_periods},
 * {@code dash_volunteer_activity}), and the counter upserts. "Before" reads lock their row.
 */
final class CountsDao {
  private final Handle h;

  CountsDao(Handle h) {
    this.h = h;
  }

  /** Adds rows of (key columns…, value deltas…) to a counter table. */
  void add(Counter c, List<Object[]> rows) {
    ValuesList.execute(
        h,
        "INSERT INTO " + c.table + " (" + String.join(", ", c.keys) + ", "
            + String.join(", ", c.values) + ") VALUES <rows> ON DUPLICATE KEY UPDATE "
            + String.join(
                ", ",
                c.values.stream()
                    .map(v -> v + " = " + v + " + VALUES(" + v + ")")
                    .toList()),
        rows);
  }

  /** Adds to the week's points figure of the district the transaction was booked in (none without one). */
  void addPoints(long transactionId, LocalDate week, String figure, long amount) {
    h.createUpdate("""
            INSERT INTO dash_points_weekly (district_code, week, kind, amount)
              SELECT t.district_code, :week, :kind, :amount FROM points_transactions t
               WHERE t.id = :tx AND t.district_code IS NOT NULL
            ON DUPLICATE KEY UPDATE dash_points_weekly.amount = dash_points_weekly.amount + VALUES(amount)""")
        .bind("tx", transactionId)
        .bind("week", week)
        .bind("kind", figure)
        .bind("amount", amount)
        .execute();
  }

  // ---- children

  record ChildState(
      String district,
      String category,
      String careLevel,
      String status,
      boolean paired,
      boolean consented,
      Instant waitingSince) {
    boolean needing() {
      return "ACTIVE".equals(status)
          && ("ONE_TO_ONE".equals(careLevel) || "CASE_TEAM".equals(careLevel));
    }
  }

  private static final String CHILD_STATE_COLUMNS =
      "district_code, category, care_level, status, paired, consented, waiting_since";

  ChildState child(long childId) {
    return h.createQuery("""
            SELECT c.district_code, c.category, c.care_level, c.status,
                   EXISTS (SELECT 1 FROM pairings p WHERE p.primary_child_id = c.id) AS paired,
                   EXISTS (SELECT 1 FROM child_consents k WHERE k.child_id = c.id AND k.withdrawn_at IS NULL) AS consented,
                   COALESCE((SELECT MAX(e.ended_at) FROM pairings e WHERE e.child_id = c.id), c.created_at) AS waiting
              FROM children c WHERE c.id = :id""")
        .bind("id", childId)
        .map((rs, ctx) -> new ChildState(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getBoolean(5),
            rs.getBoolean(6),
            Columns.instant(rs, "waiting", ctx)))
        .one();
  }

  Optional<ChildState> childCounted(long childId) {
    return h.createQuery("SELECT " + CHILD_STATE_COLUMNS
            + " FROM dash_child_state WHERE child_id = :id FOR UPDATE")
        .bind("id", childId)
        .map(CountsDao::childState)
        .findOne();
  }

  List<ChildState> childrenCounted(List<Long> ids) {
    return h.createQuery(
            "SELECT " + CHILD_STATE_COLUMNS + " FROM dash_child_state WHERE child_id IN (<ids>)")
        .bindList("ids", ids)
        .map(CountsDao::childState)
        .list();
  }

  private static ChildState childState(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new ChildState(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getBoolean(5),
        rs.getBoolean(6),
        Columns.instant(rs, "waiting_since", ctx));
  }

  void saveChild(long childId, ChildState now) {
    h.createUpdate("""
            INSERT INTO dash_child_state (child_id, district_code, category, care_level, status, needing, paired,
                                          consented, waiting_since)
            VALUES (:id, :d, :category, :level, :status, :needing, :paired, :consented, :waiting)
            ON DUPLICATE KEY UPDATE district_code = :d, category = :category, care_level = :level, status = :status,
                                    needing = :needing, paired = :paired, consented = :consented,
                                    waiting_since = :waiting""")
        .bind("id", childId)
        .bind("d", now.district())
        .bind("category", now.category())
        .bind("level", now.careLevel())
        .bind("status", now.status())
        .bind("needing", now.needing())
        .bind("paired", now.paired())
        .bind("consented", now.consented())
        .bind("waiting", now.waitingSince())
        .execute();
  }

  /** State rows of children just inserted in bulk, computed set-wise from their rows. */
  void saveChildren(List<Long> ids) {
    h.createUpdate(CounterRebuildDao.CHILD_STATE_INSERT + " WHERE c.id IN (<ids>)")
        .bindList("ids", ids)
        .execute();
  }

  // ---- pairings

  record PairingState(
      String district, String status, String purpose, String mode, Instant startedAt) {
    boolean counted() {
      return Counts.counted(status, purpose, mode);
    }
  }

  record PairingNow(PairingState state, long childId) {}

  PairingNow pairing(long pairingId) {
    return h.createQuery(
            "SELECT district_code, status, purpose, mode, started_at, child_id FROM pairings WHERE id = :id")
        .bind("id", pairingId)
        .map((rs, ctx) -> new PairingNow(pairingState(rs, ctx), rs.getLong(6)))
        .one();
  }

  Optional<PairingState> pairingCounted(long pairingId) {
    return h.createQuery("""
            SELECT district_code, status, purpose, mode, started_at FROM dash_pairing_state
             WHERE pairing_id = :id FOR UPDATE""").bind("id", pairingId).map(CountsDao::pairingState).findOne();
  }

  private static PairingState pairingState(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new PairingState(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Columns.instant(rs, "started_at", ctx));
  }

  void savePairing(long pairingId, PairingState s) {
    h.createUpdate("""
            INSERT INTO dash_pairing_state (pairing_id, district_code, status, purpose, mode, started_at)
            VALUES (:id, :d, :status, :purpose, :mode, :started)
            ON DUPLICATE KEY UPDATE district_code = :d, status = :status, purpose = :purpose, mode = :mode,
                                    started_at = :started""")
        .bind("id", pairingId)
        .bind("d", s.district())
        .bind("status", s.status())
        .bind("purpose", s.purpose())
        .bind("mode", s.mode())
        .bind("started", s.startedAt())
        .execute();
  }

  /** Moves the pairing's "latest record" rows to its current district, start and counted flag. */
  void moveLatest(long pairingId, PairingState s) {
    h.createUpdate("""
            UPDATE dash_pairing_latest SET district_code = :d, started_at = :started, counted = :counted
             WHERE pairing_id = :id""")
        .bind("id", pairingId)
        .bind("d", s.district())
        .bind("started", s.startedAt())
        .bind("counted", s.counted())
        .execute();
  }

  Optional<Instant> lastContact(long pairingId) {
    return h.createQuery(
            "SELECT last_at FROM dash_pairing_latest WHERE pairing_id = :id AND kind = :k")
        .bind("id", pairingId)
        .bind("k", Counts.ANY_CONTACT)
        .map((rs, ctx) -> Columns.instant(rs, "last_at", ctx))
        .findOne();
  }

  /** The (kind, period start) pairs the pairing has a record in. */
  List<Map.Entry<String, LocalDate>> periodsDone(long pairingId) {
    return h.createQuery(
            "SELECT kind, period_start FROM dash_pairing_periods WHERE pairing_id = :id")
        .bind("id", pairingId)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)))
        .list();
  }

  // ---- care records

  record Record(
      long pairingId, String district, String kind, Instant occurredAt, long volunteerId) {}

  Record careRecord(long recordId) {
    return h.createQuery("""
            SELECT pairing_id, district_code, kind, occurred_at, author_volunteer_id FROM care_records WHERE id = :id""")
        .bind("id", recordId)
        .map((rs, ctx) -> new Record(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            Columns.instant(rs, "occurred_at", ctx),
            rs.getLong(5)))
        .one();
  }

  Instant lastRecord(long pairingId, List<String> kinds) {
    return h.createQuery("""
            SELECT MAX(occurred_at) AS last_at FROM care_records WHERE pairing_id = :p AND kind IN (<kinds>)""")
        .bind("p", pairingId)
        .bindList("kinds", kinds)
        .map((rs, ctx) -> Columns.instant(rs, "last_at", ctx))
        .one();
  }

  record Latest(boolean counted, String district, Instant lastAt) {}

  Optional<Latest> latestCounted(long pairingId, String kind) {
    return h.createQuery("""
            SELECT counted, district_code, last_at FROM dash_pairing_latest
             WHERE pairing_id = :p AND kind = :k FOR UPDATE""")
        .bind("p", pairingId)
        .bind("k", kind)
        .map((rs, ctx) ->
            new Latest(rs.getBoolean(1), rs.getString(2), Columns.instant(rs, "last_at", ctx)))
        .findOne();
  }

  void deleteLatest(long pairingId, String kind) {
    h.createUpdate("DELETE FROM dash_pairing_latest WHERE pairing_id = :p AND kind = :k")
        .bind("p", pairingId)
        .bind("k", kind)
        .execute();
  }

  void saveLatest(long pairingId, String kind, PairingState p, Instant last) {
    h.createUpdate("""
            INSERT INTO dash_pairing_latest (pairing_id, kind, district_code, counted, started_at, last_at)
            VALUES (:p, :k, :d, :counted, :started, :last)
            ON DUPLICATE KEY UPDATE district_code = :d, counted = :counted, started_at = :started, last_at = :last""")
        .bind("p", pairingId)
        .bind("k", kind)
        .bind("d", p.district())
        .bind("counted", p.counted())
        .bind("started", p.startedAt())
        .bind("last", last)
        .execute();
  }

  List<Instant> recordTimes(long pairingId, String kind) {
    return h.createQuery("SELECT occurred_at FROM care_records WHERE pairing_id = :p AND kind = :k")
        .bind("p", pairingId)
        .bind("k", kind)
        .map((rs, ctx) -> Columns.instant(rs, "occurred_at", ctx))
        .list();
  }

  Set<LocalDate> periodsCounted(long pairingId, String kind) {
    return new HashSet<>(h.createQuery("""
            SELECT period_start FROM dash_pairing_periods WHERE pairing_id = :p AND kind = :k FOR UPDATE""")
        .bind("p", pairingId)
        .bind("k", kind)
        .mapTo(LocalDate.class)
        .list());
  }

  void deletePeriod(long pairingId, String kind, LocalDate start) {
    h.createUpdate(
            "DELETE FROM dash_pairing_periods WHERE pairing_id = :p AND kind = :k AND period_start = :s")
        .bind("p", pairingId)
        .bind("k", kind)
        .bind("s", start)
        .execute();
  }

  void insertPeriod(long pairingId, String kind, LocalDate start) {
    h.createUpdate(
            "INSERT INTO dash_pairing_periods (pairing_id, kind, period_start) VALUES (:p, :k, :s)")
        .bind("p", pairingId)
        .bind("k", kind)
        .bind("s", start)
        .execute();
  }

  // ---- volunteers' activity and state
}
