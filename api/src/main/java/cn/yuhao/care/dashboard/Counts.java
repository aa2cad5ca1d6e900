package cn.yuhao.care.dashboard;

import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the counter classes share: the counter tables, the deltas one change adds to them, and the few rules that
 * decide what is counted where.
 *
 * <p>The counters are kept by the code that writes the counted rows, in the same transaction, with no triggers or
 * stored procedures (so the SQL runs on MySQL, MariaDB and TiDB alike). A writer says which entity changed; the
 * entity's contribution is recomputed from its rows and compared with the contribution stored for it last time
 * (the {@code dash_*_state} rows, read with a lock), and only the difference is added. A refresh is therefore
 * idempotent. Counter rows are upserted in key order, one statement per table, so writers lock them in one order.
 */
final class Counts {
  /** Record kinds that count as contact with the child (ANY_CONTACT: the latest of them). */
  static final List<String> CONTACT_KINDS = List.of(
      "CONTACT_CHILD", "PARENT_CHILD_ACTIVITY", "FESTIVAL", "READING", "LAW_SAFETY", "FREE_VISIT");

  static final String ANY_CONTACT = "ANY_CONTACT";

  private Counts() {}

  /** Every kind of care record: the 6+1 items and the free visit. */
  static final List<String> RECORD_KINDS = Stream.concat(
          Arrays.stream(CareItem.values()).map(Enum::name), Stream.of("FREE_VISIT"))
      .toList();

  /** Care records by district and week: their total, then one column per kind ({@link #careColumn}). */
  static final String CARE_VALUES = "records, "
      + String.join(", ", RECORD_KINDS.stream().map(Counts::careColumn).toList());

  /** Counter tables: key columns (in primary-key order) and value columns. */
  enum Counter {
    CARE_WEEKLY("dash_care_weeks", "district_code, week", CARE_VALUES),
    ATTENDANCE_WEEKLY("dash_attendance_weekly", "district_code, week, status", "marks"),
    SESSION_WEEKLY("dash_session_weekly", "district_code, week, status", "sessions, class_hours"),
    POINTS_WEEKLY("dash_points_weekly", "district_code, week, kind", "amount"),
    CHILDREN("dash_child_counts", "district_code, status, category, care_level", "n"),
    UNPAIRED("dash_unpaired_counts", "district_code, consented", "n"),
    VOLUNTEERS("dash_volunteer_counts", "district_code, status, stars", "n"),
    SPECIALTIES("dash_specialty_counts", "district_code, specialty", "n"),
    TAGS("dash_tag_counts", "district_code, tag", "n"),
    TRAINED("dash_trained_counts", "district_code", "n"),
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
  static final class Deltas {
    private final Map<Counter, TreeMap<List<Comparable<?>>, long[]>> byCounter = new TreeMap<>();

    Deltas add(Counter c, long delta, Comparable<?>... key) {
      return add(c, new long[] {delta}, key);
    }

    Deltas add(Counter c, long[] delta, Comparable<?>... key) {
      long[] sum = byCounter
          .computeIfAbsent(c, x -> new TreeMap<>(Deltas::compareKeys))
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

    void write(CountsDao dao) {
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
          dao.add(c, values);
        }
      });
    }
  }

  /** The column of {@code dash_care_weeks} that counts a record kind. */
  static String careColumn(String kind) {
    return kind.toLowerCase(Locale.ROOT);
  }

  /** What {@code n} records of a kind add to a week's care counter: the total and the kind's column. */
  static long[] careDelta(String kind, long n) {
    long[] delta = new long[1 + RECORD_KINDS.size()];
    delta[0] = n;
    delta[1 + RECORD_KINDS.indexOf(kind)] = n;
    return delta;
  }

  /** The Monday of the Chongqing week {@code t} falls in (weeks are named by their Monday). */
  static LocalDate week(Instant t) {
    return CarePeriods.day(t).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** Whether a pairing counts for the 6+1 tallies: an active one-to-one or case-team care pairing. */
  static boolean counted(String status, String purpose, String mode) {
    return "ACTIVE".equals(status)
        && "CARE".equals(purpose)
        && ("ONE_TO_ONE".equals(mode) || "CASE_TEAM".equals(mode));
  }
}
