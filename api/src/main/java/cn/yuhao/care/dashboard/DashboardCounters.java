package cn.yuhao.care.dashboard;

import cn.yuhao.care.care.CareItem;
import cn.yuhao.care.care.CarePeriods;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.ValuesList;
import cn.yuhao.care.volunteer.Specialty;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The dashboard's counters, kept by the code that writes the counted rows, in the same transaction (DESIGN §4: no
 * triggers or stored procedures, so the SQL runs on MySQL, MariaDB and TiDB alike).
 *
 * <p>Writers say which entity changed ({@link #childChanged}, {@link #pairingChanged}, {@link #volunteerChanged},
 * {@link #careRecordWritten}); the entity's contribution is recomputed from its rows and compared with the
 * contribution stored for it last time (the {@code dash_*_state}, {@code dash_pairing_latest},
 * {@code dash_pairing_periods} and {@code dash_volunteer_activity} rows, read with a lock), and only the difference
 * is added to the counters. A refresh is therefore idempotent, whatever changed and however often it is called.
 * Counter rows are upserted in key order, one statement per table, so concurrent writers lock them in one order.
 * Bulk loads that write around the services call {@link #rebuild} once after.
 */
public final class DashboardCounters {
  /** Record kinds that count as contact with the child (ANY_CONTACT: the latest of them). */
  static final List<String> CONTACT_KINDS = List.of("CONTACT_CHILD", "PARENT_CHILD_ACTIVITY", "FESTIVAL", "READING",
      "LAW_SAFETY", "FREE_VISIT");
  static final String ANY_CONTACT = "ANY_CONTACT";

  /** Star levels by lifetime verified hours. */
  private static final int[] STAR_HOURS = {100, 300, 600, 1000, 1500};

  /** Counter tables: key columns (in primary-key order) and value columns. */
  private enum Counter {
    CARE_WEEKLY("dash_care_weekly", "district_code, week, kind", "records"),
    ATTENDANCE_WEEKLY("dash_attendance_weekly", "district_code, week, status", "marks"),
    SESSION_WEEKLY("dash_session_weekly", "district_code, week, status", "sessions, class_hours"),
    CHILDREN("dash_child_counts", "district_code, status, category, care_level", "n"),
    UNPAIRED("dash_unpaired_counts", "district_code, consented", "n"),
    VOLUNTEERS("dash_volunteer_counts", "district_code, status, stars", "n"),
    SPECIALTIES("dash_specialty_counts", "district_code, specialty", "n"),
    PAIRINGS("dash_pairing_counts", "district_code, status, purpose, mode", "n"),
    DONE("dash_done_counts", "kind, period_start, district_code", "n"),
    CONTACT_DAYS("dash_contact_days", "district_code, day", "n"),
    ACTIVE_DAYS("dash_volunteer_active_days", "district_code, day", "n");

    final String table;
    final List<String> keys;
    final List<String> values;

    Counter(String table, String keys, String values) {
      this.table = table;
      this.keys = List.of(keys.split(", "));
      this.values = List.of(values.split(", "));
    }
  }

  /** Deltas gathered during one change and written at the end, zero sums dropped. */
  private static final class Deltas {
    private final Map<Counter, TreeMap<List<Comparable<?>>, long[]>> byCounter = new TreeMap<>();

    Deltas add(Counter c, long delta, Comparable<?>... key) {
      return add(c, new long[] {delta}, key);
    }

    Deltas add(Counter c, long[] delta, Comparable<?>... key) {
      long[] sum = byCounter.computeIfAbsent(c, x -> new TreeMap<>(Deltas::compareKeys))
          .computeIfAbsent(Arrays.asList(key), k -> new long[delta.length]);
      for (int i = 0; i < delta.length; i++) {
        sum[i] += delta[i];
      }
      return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Comparable<?>> a, List<Comparable<?>> b) {
      for (int i = 0; i < a.size(); i++) {
        int c = ((Comparable) a.get(i)).compareTo(b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }

    void write(Handle h) {
      byCounter.forEach((c, rows) -> {
        List<Object[]> values = new ArrayList<>();
        rows.forEach((key, sum) -> {
          if (Arrays.stream(sum).anyMatch(v -> v != 0)) {
            List<Object> row = new ArrayList<>(key);
            Arrays.stream(sum).forEach(row::add);
            values.add(row.toArray());
          }
        });
        if (!values.isEmpty()) {
          ValuesList.execute(h, "INSERT INTO " + c.table + " (" + String.join(", ", c.keys) + ", "
              + String.join(", ", c.values) + ") VALUES <rows> ON DUPLICATE KEY UPDATE "
              + String.join(", ", c.values.stream().map(v -> v + " = " + v + " + VALUES(" + v + ")").toList()), values);
        }
      });
    }
  }

  /** Attendance marks of sessions in a district and Chongqing week, by status. */
  public record AttendanceKey(String districtCode, LocalDate week, String status) {}

  private DashboardCounters() {}

  /** The Monday of the Chongqing week {@code t} falls in (weeks are named by their Monday). */
  public static LocalDate week(Instant t) {
    return CarePeriods.day(t).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static int stars(BigDecimal hours) {
    int s = 0;
    for (int h : STAR_HOURS) {
      s += hours.compareTo(BigDecimal.valueOf(h)) >= 0 ? 1 : 0;
    }
    return s;
  }

  private static boolean counted(String status, String purpose, String mode) {
    return "ACTIVE".equals(status) && "CARE".equals(purpose) && ("ONE_TO_ONE".equals(mode) || "CASE_TEAM".equals(mode));
  }

  // ---- attendance and sessions: the writers know old and new, they hand over deltas

  public static void attendance(Handle h, Map<AttendanceKey, Integer> deltas) {
    Deltas d = new Deltas();
    deltas.forEach((k, n) -> d.add(Counter.ATTENDANCE_WEEKLY, n, k.districtCode(), k.week(), k.status()));
    d.write(h);
  }

  /** A session was created (+1) or left a status (-1, then +1 for the new one). */
  public static void session(Handle h, String districtCode, Instant startsAt, String status, int classHours, int delta) {
    new Deltas().add(Counter.SESSION_WEEKLY, new long[] {delta, (long) delta * classHours}, districtCode,
        week(startsAt), status).write(h);
  }

  // ---- children

  private record ChildState(String district, String category, String careLevel, String status, boolean paired,
                            boolean consented, Instant waitingSince) {
    boolean needing() {
      return "ACTIVE".equals(status) && ("ONE_TO_ONE".equals(careLevel) || "CASE_TEAM".equals(careLevel));
    }
  }

  /** A child, her consents or her pairings changed: her counts and waiting state follow. */
  public static void childChanged(Handle h, long childId) {
    child(h, childId, false);
  }

  /**
   * A child was just inserted: nothing was counted for her yet. Not reading her (missing) state row matters: a
   * locking read of a missing key locks the gap above the newest ids, and concurrent registrations then deadlock.
   */
  public static void childCreated(Handle h, long childId) {
    child(h, childId, true);
  }

  private static void child(Handle h, long childId, boolean created) {
    ChildState now = h.createQuery("""
            SELECT c.district_code, c.category, c.care_level, c.status,
                   EXISTS (SELECT 1 FROM pairings p WHERE p.primary_child_id = c.id) AS paired,
                   EXISTS (SELECT 1 FROM child_consents k WHERE k.child_id = c.id AND k.withdrawn_at IS NULL) AS consented,
                   COALESCE((SELECT MAX(e.ended_at) FROM pairings e WHERE e.child_id = c.id), c.created_at) AS waiting
              FROM children c WHERE c.id = :id""")
        .bind("id", childId)
        .map((rs, ctx) -> new ChildState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getBoolean(5), rs.getBoolean(6), Columns.instant(rs, "waiting", ctx)))
        .one();
    Optional<ChildState> before = created ? Optional.empty() : h.createQuery("""
            SELECT district_code, category, care_level, status, paired, consented, waiting_since
              FROM dash_child_state WHERE child_id = :id FOR UPDATE""")
        .bind("id", childId)
        .map((rs, ctx) -> new ChildState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getBoolean(5), rs.getBoolean(6), Columns.instant(rs, "waiting_since", ctx)))
        .findOne();
    if (before.isPresent() && before.get().equals(now)) {
      return;
    }
    Deltas d = new Deltas();
    before.ifPresent(b -> countChild(d, b, -1));
    countChild(d, now, 1);
    h.createUpdate("""
            INSERT INTO dash_child_state (child_id, district_code, category, care_level, status, needing, paired,
                                          consented, waiting_since)
            VALUES (:id, :d, :category, :level, :status, :needing, :paired, :consented, :waiting)
            ON DUPLICATE KEY UPDATE district_code = :d, category = :category, care_level = :level, status = :status,
                                    needing = :needing, paired = :paired, consented = :consented,
                                    waiting_since = :waiting""")
        .bind("id", childId).bind("d", now.district()).bind("category", now.category()).bind("level", now.careLevel())
        .bind("status", now.status()).bind("needing", now.needing()).bind("paired", now.paired())
        .bind("consented", now.consented()).bind("waiting", now.waitingSince()).execute();
    d.write(h);
  }

  private static void countChild(Deltas d, ChildState c, int sign) {
    d.add(Counter.CHILDREN, sign, c.district(), c.status(), c.category(), c.careLevel());
    if (c.needing() && !c.paired()) {
      d.add(Counter.UNPAIRED, sign, c.district(), c.consented());
    }
  }

  /** Children just inserted in bulk (the ledger import): their state and counts, set-wise. */
  public static void childrenAdded(Handle h, List<Long> ids) {
    for (int from = 0; from < ids.size(); from += 1000) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
      h.createUpdate(CHILD_STATE_INSERT + " WHERE c.id IN (<ids>)").bindList("ids", chunk).execute();
      Deltas d = new Deltas();
      h.createQuery("""
              SELECT district_code, category, care_level, status, paired, consented, waiting_since
                FROM dash_child_state WHERE child_id IN (<ids>)""")
          .bindList("ids", chunk)
          .map((rs, ctx) -> new ChildState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getBoolean(5), rs.getBoolean(6), Columns.instant(rs, "waiting_since", ctx)))
          .forEach(c -> countChild(d, c, 1));
      d.write(h);
    }
  }

  /** Every child's state row, computed from her rows (add a WHERE on c). */
  private static final String CHILD_STATE_INSERT = """
      INSERT INTO dash_child_state (child_id, district_code, category, care_level, status, needing, paired, consented,
                                    waiting_since)
        SELECT c.id, c.district_code, c.category, c.care_level, c.status,
               c.status = 'ACTIVE' AND c.care_level IN ('ONE_TO_ONE', 'CASE_TEAM'),
               EXISTS (SELECT 1 FROM pairings p WHERE p.primary_child_id = c.id),
               EXISTS (SELECT 1 FROM child_consents k WHERE k.child_id = c.id AND k.withdrawn_at IS NULL),
               COALESCE((SELECT MAX(e.ended_at) FROM pairings e WHERE e.child_id = c.id), c.created_at)
          FROM children c""";

  // ---- pairings

  private record PairingState(String district, String status, String purpose, String mode, Instant startedAt) {
    boolean counted() {
      return DashboardCounters.counted(status, purpose, mode);
    }
  }

  /** A pairing changed (ended, moved): its counts, its 6+1 tallies and its child follow. */
  public static void pairingChanged(Handle h, long pairingId) {
    pairing(h, pairingId, false);
  }

  /** A pairing was just inserted (see {@link #childCreated} for why its missing state is not read). */
  public static void pairingCreated(Handle h, long pairingId) {
    pairing(h, pairingId, true);
  }

  private static void pairing(Handle h, long pairingId, boolean created) {
    record Now(PairingState state, long childId) {}
    Now now = h.createQuery("""
            SELECT district_code, status, purpose, mode, started_at, child_id FROM pairings WHERE id = :id""")
        .bind("id", pairingId)
        .map((rs, ctx) -> new Now(new PairingState(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), Columns.instant(rs, "started_at", ctx)), rs.getLong(6)))
        .one();
    PairingState after = now.state();
    Optional<PairingState> before = created ? Optional.empty() : h.createQuery("""
            SELECT district_code, status, purpose, mode, started_at FROM dash_pairing_state
             WHERE pairing_id = :id FOR UPDATE""")
        .bind("id", pairingId)
        .map((rs, ctx) -> new PairingState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Columns.instant(rs, "started_at", ctx)))
        .findOne();
    if (before.isEmpty() || !before.get().equals(after)) {
      Deltas d = new Deltas();
      before.ifPresent(b -> d.add(Counter.PAIRINGS, -1, b.district(), b.status(), b.purpose(), b.mode()));
      d.add(Counter.PAIRINGS, 1, after.district(), after.status(), after.purpose(), after.mode());
      boolean was = before.map(PairingState::counted).orElse(false);
      String wasIn = before.map(PairingState::district).orElse(null);
      if (was != after.counted() || !after.district().equals(wasIn)
          || !after.startedAt().equals(before.map(PairingState::startedAt).orElse(null))) {
        h.createUpdate("""
                UPDATE dash_pairing_latest SET district_code = :d, started_at = :started, counted = :counted
                 WHERE pairing_id = :id""")
            .bind("id", pairingId).bind("d", after.district()).bind("started", after.startedAt())
            .bind("counted", after.counted()).execute();
        h.createQuery("SELECT last_at FROM dash_pairing_latest WHERE pairing_id = :id AND kind = :k")
            .bind("id", pairingId).bind("k", ANY_CONTACT)
            .map((rs, ctx) -> Columns.instant(rs, "last_at", ctx)).findOne().ifPresent(last -> {
              if (was) {
                d.add(Counter.CONTACT_DAYS, -1, wasIn, CarePeriods.day(last));
              }
              if (after.counted()) {
                d.add(Counter.CONTACT_DAYS, 1, after.district(), CarePeriods.day(last));
              }
            });
        h.createQuery("SELECT kind, period_start FROM dash_pairing_periods WHERE pairing_id = :id")
            .bind("id", pairingId)
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)))
            .forEach(p -> {
              if (was) {
                d.add(Counter.DONE, -1, p.getKey(), p.getValue(), wasIn);
              }
              if (after.counted()) {
                d.add(Counter.DONE, 1, p.getKey(), p.getValue(), after.district());
              }
            });
      }
      h.createUpdate("""
              INSERT INTO dash_pairing_state (pairing_id, district_code, status, purpose, mode, started_at)
              VALUES (:id, :d, :status, :purpose, :mode, :started)
              ON DUPLICATE KEY UPDATE district_code = :d, status = :status, purpose = :purpose, mode = :mode,
                                      started_at = :started""")
          .bind("id", pairingId).bind("d", after.district()).bind("status", after.status())
          .bind("purpose", after.purpose()).bind("mode", after.mode()).bind("started", after.startedAt()).execute();
      d.write(h);
    }
    childChanged(h, now.childId());
  }

  // ---- care records

  /**
   * A care record was inserted ({@code oldKind} null) or corrected from {@code oldKind} at {@code oldOccurredAt}:
   * the weekly counts, the pairing's latest records and 6+1 periods, and its author's activity follow.
   */
  public static void careRecordWritten(Handle h, CarePeriods periods, long recordId, String oldKind,
                                       Instant oldOccurredAt) {
    record Rec(long pairingId, String district, String kind, Instant occurredAt, long volunteerId) {}
    Rec r = h.createQuery("""
            SELECT pairing_id, district_code, kind, occurred_at, author_volunteer_id FROM care_records WHERE id = :id""")
        .bind("id", recordId)
        .map((rs, ctx) -> new Rec(rs.getLong(1), rs.getString(2), rs.getString(3),
            Columns.instant(rs, "occurred_at", ctx), rs.getLong(5)))
        .one();
    Deltas d = new Deltas();
    if (oldKind != null) {
      d.add(Counter.CARE_WEEKLY, -1, r.district(), week(oldOccurredAt), oldKind);
    }
    d.add(Counter.CARE_WEEKLY, 1, r.district(), week(r.occurredAt()), r.kind());
    Set<String> kinds = new LinkedHashSet<>();
    kinds.add(r.kind());
    if (oldKind != null) {
      kinds.add(oldKind);
    }
    if (kinds.stream().anyMatch(CONTACT_KINDS::contains)) {
      kinds.add(ANY_CONTACT);
    }
    PairingState p = h.createQuery("""
            SELECT district_code, status, purpose, mode, started_at FROM pairings WHERE id = :id""")
        .bind("id", r.pairingId())
        .map((rs, ctx) -> new PairingState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Columns.instant(rs, "started_at", ctx)))
        .one();
    for (String kind : kinds) {
      latest(h, d, r.pairingId(), p, kind);
      CareItem item = CareItem.ofKind(kind);
      if (item != null && item.cadence() != CareItem.Cadence.CONTINUOUS) {
        periods(h, d, periods, r.pairingId(), p, item);
      }
    }
    activity(h, d, r.volunteerId());
    d.write(h);
  }

  /** The pairing's latest record of a kind (or of any contact). */
  private static void latest(Handle h, Deltas d, long pairingId, PairingState p, String kind) {
    List<String> kinds = ANY_CONTACT.equals(kind) ? CONTACT_KINDS : List.of(kind);
    Instant last = h.createQuery("""
            SELECT MAX(occurred_at) AS last_at FROM care_records WHERE pairing_id = :p AND kind IN (<kinds>)""")
        .bind("p", pairingId).bindList("kinds", kinds)
        .map((rs, ctx) -> Columns.instant(rs, "last_at", ctx)).one();
    record Latest(boolean counted, String district, Instant lastAt) {}
    Optional<Latest> before = h.createQuery("""
            SELECT counted, district_code, last_at FROM dash_pairing_latest
             WHERE pairing_id = :p AND kind = :k FOR UPDATE""")
        .bind("p", pairingId).bind("k", kind)
        .map((rs, ctx) -> new Latest(rs.getBoolean(1), rs.getString(2), Columns.instant(rs, "last_at", ctx)))
        .findOne();
    if (ANY_CONTACT.equals(kind)) {
      before.filter(Latest::counted)
          .ifPresent(b -> d.add(Counter.CONTACT_DAYS, -1, b.district(), CarePeriods.day(b.lastAt())));
      if (last != null && p.counted()) {
        d.add(Counter.CONTACT_DAYS, 1, p.district(), CarePeriods.day(last));
      }
    }
    if (last == null) {
      h.createUpdate("DELETE FROM dash_pairing_latest WHERE pairing_id = :p AND kind = :k")
          .bind("p", pairingId).bind("k", kind).execute();
      return;
    }
    h.createUpdate("""
            INSERT INTO dash_pairing_latest (pairing_id, kind, district_code, counted, started_at, last_at)
            VALUES (:p, :k, :d, :counted, :started, :last)
            ON DUPLICATE KEY UPDATE district_code = :d, counted = :counted, started_at = :started, last_at = :last""")
        .bind("p", pairingId).bind("k", kind).bind("d", p.district()).bind("counted", p.counted())
        .bind("started", p.startedAt()).bind("last", last).execute();
  }

  /** The 6+1 periods of an item the pairing has a record in, and the districts' "done" tallies. */
  private static void periods(Handle h, Deltas d, CarePeriods periods, long pairingId, PairingState p, CareItem item) {
    Set<LocalDate> now = new HashSet<>();
    h.createQuery("SELECT occurred_at FROM care_records WHERE pairing_id = :p AND kind = :k")
        .bind("p", pairingId).bind("k", item.name())
        .map((rs, ctx) -> Columns.instant(rs, "occurred_at", ctx))
        .forEach(t -> now.add(periods.of(item.cadence(), CarePeriods.day(t)).start()));
    Set<LocalDate> before = new HashSet<>(h.createQuery("""
            SELECT period_start FROM dash_pairing_periods WHERE pairing_id = :p AND kind = :k FOR UPDATE""")
        .bind("p", pairingId).bind("k", item.name()).mapTo(LocalDate.class).list());
    for (LocalDate gone : before) {
      if (!now.contains(gone)) {
        h.createUpdate("DELETE FROM dash_pairing_periods WHERE pairing_id = :p AND kind = :k AND period_start = :s")
            .bind("p", pairingId).bind("k", item.name()).bind("s", gone).execute();
        if (p.counted()) {
          d.add(Counter.DONE, -1, item.name(), gone, p.district());
        }
      }
    }
    for (LocalDate added : now) {
      if (!before.contains(added)) {
        h.createUpdate("INSERT INTO dash_pairing_periods (pairing_id, kind, period_start) VALUES (:p, :k, :s)")
            .bind("p", pairingId).bind("k", item.name()).bind("s", added).execute();
        if (p.counted()) {
          d.add(Counter.DONE, 1, item.name(), added, p.district());
        }
      }
    }
  }

  /** The volunteer's latest care record, by her district, and the days tally of it. */
  private static void activity(Handle h, Deltas d, long volunteerId) {
    record Activity(String district, Instant last) {}
    Optional<Activity> now = h.createQuery("""
            SELECT v.district_code, (SELECT MAX(r.occurred_at) FROM care_records r WHERE r.author_volunteer_id = v.id)
                   AS last_at
              FROM volunteers v WHERE v.id = :v""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new Activity(rs.getString(1), Columns.instant(rs, "last_at", ctx)))
        .findOne().filter(a -> a.last() != null);
    Optional<Activity> before = h.createQuery("""
            SELECT district_code, last_care_at FROM dash_volunteer_activity WHERE volunteer_id = :v FOR UPDATE""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new Activity(rs.getString(1), Columns.instant(rs, "last_care_at", ctx)))
        .findOne();
    if (now.equals(before)) {
      return;
    }
    before.ifPresent(b -> d.add(Counter.ACTIVE_DAYS, -1, b.district(), CarePeriods.day(b.last())));
    now.ifPresentOrElse(a -> {
      d.add(Counter.ACTIVE_DAYS, 1, a.district(), CarePeriods.day(a.last()));
      h.createUpdate("""
              INSERT INTO dash_volunteer_activity (volunteer_id, district_code, last_care_at) VALUES (:v, :d, :t)
              ON DUPLICATE KEY UPDATE district_code = :d, last_care_at = :t""")
          .bind("v", volunteerId).bind("d", a.district()).bind("t", a.last()).execute();
    }, () -> h.createUpdate("DELETE FROM dash_volunteer_activity WHERE volunteer_id = :v")
        .bind("v", volunteerId).execute());
  }

  // ---- volunteers

  private record VolunteerState(String district, String status, int stars, String specialties) {}

  /** Verified service hours were added: her lifetime hours, hence maybe her stars, follow. */
  public static void serviceHours(Handle h, long volunteerId, BigDecimal hours) {
    h.createUpdate("""
            INSERT INTO dash_volunteer_hours (volunteer_id, hours) VALUES (:v, :h)
            ON DUPLICATE KEY UPDATE hours = hours + :h""")
        .bind("v", volunteerId).bind("h", hours).execute();
    volunteerChanged(h, volunteerId);
  }

  /** A volunteer changed (status, district, specialties, hours): her counts follow. */
  public static void volunteerChanged(Handle h, long volunteerId) {
    volunteer(h, volunteerId, false);
  }

  /** A volunteer was just inserted (see {@link #childCreated} for why her missing state is not read). */
  public static void volunteerCreated(Handle h, long volunteerId) {
    volunteer(h, volunteerId, true);
  }

  private static void volunteer(Handle h, long volunteerId, boolean created) {
    VolunteerState now = h.createQuery("""
            SELECT v.district_code, v.status, COALESCE(x.hours, 0) AS hours, COALESCE(v.specialties, '')
              FROM volunteers v LEFT JOIN dash_volunteer_hours x ON x.volunteer_id = v.id WHERE v.id = :v""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new VolunteerState(rs.getString(1), rs.getString(2), stars(rs.getBigDecimal(3)),
            rs.getString(4)))
        .one();
    Optional<VolunteerState> before = created ? Optional.empty() : h.createQuery("""
            SELECT district_code, status, stars, specialties FROM dash_volunteer_state WHERE volunteer_id = :v FOR UPDATE""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new VolunteerState(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
        .findOne();
    if (before.isPresent() && before.get().equals(now)) {
      return;
    }
    Deltas d = new Deltas();
    before.ifPresent(b -> countVolunteer(d, b, -1));
    countVolunteer(d, now, 1);
    if (before.isPresent() && !Objects.equals(before.get().district(), now.district())) {
      h.createQuery("SELECT last_care_at FROM dash_volunteer_activity WHERE volunteer_id = :v FOR UPDATE")
          .bind("v", volunteerId).map((rs, ctx) -> Columns.instant(rs, "last_care_at", ctx)).findOne()
          .ifPresent(last -> {
            d.add(Counter.ACTIVE_DAYS, -1, before.get().district(), CarePeriods.day(last));
            d.add(Counter.ACTIVE_DAYS, 1, now.district(), CarePeriods.day(last));
            h.createUpdate("UPDATE dash_volunteer_activity SET district_code = :d WHERE volunteer_id = :v")
                .bind("v", volunteerId).bind("d", now.district()).execute();
          });
    }
    h.createUpdate("""
            INSERT INTO dash_volunteer_state (volunteer_id, district_code, status, stars, specialties)
            VALUES (:v, :d, :status, :stars, :specialties)
            ON DUPLICATE KEY UPDATE district_code = :d, status = :status, stars = :stars, specialties = :specialties""")
        .bind("v", volunteerId).bind("d", now.district()).bind("status", now.status()).bind("stars", now.stars())
        .bind("specialties", now.specialties()).execute();
    d.write(h);
  }

  private static void countVolunteer(Deltas d, VolunteerState v, int sign) {
    d.add(Counter.VOLUNTEERS, sign, v.district(), v.status(), v.stars());
    if ("ADMITTED".equals(v.status())) {
      for (String s : v.specialties().split(",")) {
        if (!s.isBlank()) {
          d.add(Counter.SPECIALTIES, sign, v.district(), s.strip());
        }
      }
    }
  }

  // ---- bulk loads

  /**
   * Recounts every counter and state row from the tables they count: for bulk loads that write around the services
   * (the benchmark's seed, the demo's back-dating) and the reference the tests compare the counters with. Plain
   * SQL, set-wise; the 6+1 periods follow the care rules' semesters.
   */
  public static void rebuild(Handle h, CarePeriods periods) {
    for (String sql : rebuildStatements(periods)) {
      h.execute(sql);
    }
  }

  /** The statements of {@link #rebuild}, for callers holding a plain JDBC connection. */
  public static List<String> rebuildStatements(CarePeriods periods) {
    List<String> out = new ArrayList<>();
    for (Counter c : Counter.values()) {
      out.add("DELETE FROM " + c.table);
    }
    for (String t : List.of("dash_child_state", "dash_pairing_state", "dash_volunteer_state", "dash_volunteer_hours",
        "dash_pairing_latest", "dash_pairing_periods", "dash_volunteer_activity")) {
      out.add("DELETE FROM " + t);
    }
    String counted = "p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM')";
    String contacts = "'" + String.join("', '", CONTACT_KINDS) + "'";
    out.add("""
        INSERT INTO dash_care_weekly (district_code, week, kind, records)
          SELECT district_code, week, kind, COUNT(*) FROM (
                 SELECT district_code, %s AS week, kind FROM care_records) x
           GROUP BY district_code, week, kind""".formatted(weekSql("occurred_at")));
    out.add("""
        INSERT INTO dash_attendance_weekly (district_code, week, status, marks)
          SELECT district_code, week, status, COUNT(*) FROM (
                 SELECT s.district_code, %s AS week, a.status
                   FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id) x
           GROUP BY district_code, week, status""".formatted(weekSql("s.starts_at")));
    out.add("""
        INSERT INTO dash_session_weekly (district_code, week, status, sessions, class_hours)
          SELECT district_code, week, status, COUNT(*), SUM(class_hours) FROM (
                 SELECT district_code, %s AS week, status, class_hours FROM troupe_sessions) x
           GROUP BY district_code, week, status""".formatted(weekSql("starts_at")));
    out.add(CHILD_STATE_INSERT);
    out.add("""
        INSERT INTO dash_child_counts (district_code, status, category, care_level, n)
          SELECT district_code, status, category, care_level, COUNT(*) FROM dash_child_state
           GROUP BY district_code, status, category, care_level""");
    out.add("""
        INSERT INTO dash_unpaired_counts (district_code, consented, n)
          SELECT district_code, consented, COUNT(*) FROM dash_child_state WHERE needing AND NOT paired
           GROUP BY district_code, consented""");
    out.add("""
        INSERT INTO dash_pairing_state (pairing_id, district_code, status, purpose, mode, started_at)
          SELECT id, district_code, status, purpose, mode, started_at FROM pairings""");
    out.add("""
        INSERT INTO dash_pairing_counts (district_code, status, purpose, mode, n)
          SELECT district_code, status, purpose, mode, COUNT(*) FROM pairings GROUP BY district_code, status, purpose, mode""");
    out.add("""
        INSERT INTO dash_pairing_latest (pairing_id, kind, district_code, counted, started_at, last_at)
          SELECT p.id, x.kind, p.district_code, %s, p.started_at, x.last_at
            FROM (SELECT pairing_id, kind, MAX(occurred_at) AS last_at FROM care_records GROUP BY pairing_id, kind
                  UNION ALL
                  SELECT pairing_id, '%s', MAX(occurred_at) FROM care_records WHERE kind IN (%s) GROUP BY pairing_id) x
            JOIN pairings p ON p.id = x.pairing_id""".formatted(counted, ANY_CONTACT, contacts));
    out.add("""
        INSERT INTO dash_contact_days (district_code, day, n)
          SELECT district_code, day, COUNT(*) FROM (
                 SELECT district_code, %s AS day FROM dash_pairing_latest WHERE kind = '%s' AND counted) x
           GROUP BY district_code, day""".formatted(daySql("last_at"), ANY_CONTACT));
    out.add("""
        INSERT INTO dash_pairing_periods (pairing_id, kind, period_start)
          SELECT DISTINCT pairing_id, kind, period_start FROM (
                 SELECT pairing_id, kind, %s AS period_start FROM care_records) x
           WHERE period_start IS NOT NULL""".formatted(periodStartSql(periods, "kind", "occurred_at")));
    out.add("""
        INSERT INTO dash_done_counts (kind, period_start, district_code, n)
          SELECT pp.kind, pp.period_start, p.district_code, COUNT(*) FROM dash_pairing_periods pp
            JOIN pairings p ON p.id = pp.pairing_id
           WHERE %s GROUP BY pp.kind, pp.period_start, p.district_code""".formatted(counted));
    out.add("""
        INSERT INTO dash_volunteer_activity (volunteer_id, district_code, last_care_at)
          SELECT v.id, v.district_code, MAX(r.occurred_at) FROM care_records r JOIN volunteers v ON v.id = r.author_volunteer_id
           GROUP BY v.id, v.district_code""");
    out.add("""
        INSERT INTO dash_volunteer_active_days (district_code, day, n)
          SELECT district_code, day, COUNT(*) FROM (
                 SELECT district_code, %s AS day FROM dash_volunteer_activity) x
           GROUP BY district_code, day""".formatted(daySql("last_care_at")));
    out.add("""
        INSERT INTO dash_volunteer_hours (volunteer_id, hours)
          SELECT volunteer_id, SUM(hours) FROM service_hours WHERE verified GROUP BY volunteer_id""");
    out.add("""
        INSERT INTO dash_volunteer_state (volunteer_id, district_code, status, stars, specialties)
          SELECT v.id, v.district_code, v.status, %s, COALESCE(v.specialties, '')
            FROM volunteers v LEFT JOIN dash_volunteer_hours x ON x.volunteer_id = v.id""".formatted(starsSql()));
    out.add("""
        INSERT INTO dash_volunteer_counts (district_code, status, stars, n)
          SELECT district_code, status, stars, COUNT(*) FROM dash_volunteer_state GROUP BY district_code, status, stars""");
    out.add("""
        INSERT INTO dash_specialty_counts (district_code, specialty, n)
          SELECT v.district_code, s.specialty, COUNT(*) FROM dash_volunteer_state v
            JOIN (%s) s ON FIND_IN_SET(s.specialty, v.specialties) > 0
           WHERE v.status = 'ADMITTED' GROUP BY v.district_code, s.specialty""".formatted(
        String.join(" UNION ALL ", Arrays.stream(Specialty.values()).map(s -> "SELECT '" + s + "' AS specialty")
            .toList())));
    return out;
  }

  /** The Chongqing day of a UTC DATETIME column, in SQL. */
  private static String daySql(String column) {
    return "DATE(CONVERT_TZ(" + column + ", '+00:00', '+08:00'))";
  }

  /** {@link #week} in SQL. */
  private static String weekSql(String column) {
    String day = daySql(column);
    return "(" + day + " - INTERVAL WEEKDAY(" + day + ") DAY)";
  }

  private static String starsSql() {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < STAR_HOURS.length; i++) {
      s.append(i == 0 ? "" : " + ").append("(COALESCE(x.hours, 0) >= ").append(STAR_HOURS[i]).append(")");
    }
    return s.append(")").toString();
  }

  /** The first day of the 6+1 period a record falls in ({@link CarePeriods#of}), NULL for kinds of no period. */
  static String periodStartSql(CarePeriods periods, String kindColumn, String column) {
    String d = daySql(column);
    DateTimeFormatter md = DateTimeFormatter.ofPattern("MM-dd");
    String spring = "STR_TO_DATE(CONCAT(YEAR(" + d + "), '-" + periods.rules().springStart().format(md) + "'), '%Y-%m-%d')";
    String autumn = "STR_TO_DATE(CONCAT(YEAR(" + d + "), '-" + periods.rules().autumnStart().format(md) + "'), '%Y-%m-%d')";
    StringBuilder s = new StringBuilder("CASE " + kindColumn);
    for (CareItem item : CareItem.PERIODIC) {
      s.append(" WHEN '").append(item.name()).append("' THEN ").append(switch (item.cadence()) {
        case WEEK -> "(" + d + " - INTERVAL WEEKDAY(" + d + ") DAY)";
        case MONTH -> "(" + d + " - INTERVAL (DAYOFMONTH(" + d + ") - 1) DAY)";
        case SEMESTER -> "IF(" + d + " >= " + autumn + ", " + autumn + ", IF(" + d + " >= " + spring + ", " + spring
            + ", " + autumn + " - INTERVAL 1 YEAR))";
        case YEAR -> "MAKEDATE(YEAR(" + d + "), 1)";
        case CONTINUOUS -> "NULL";
      });
    }
    return s.append(" ELSE NULL END").toString();
  }
}
