package cn.yuhao.care.dashboard;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.volunteer.Specialty;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjuster;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * The city's one screen (看板): coverage, volunteers, 6+1 compliance, harm reports, troupes and points, by
 * district and rolled up, for whole Chongqing weeks. Figures "now" (coverage, statuses, overdue, balances) are as
 * of the request; figures "in the window" count what happened in it. The roll-up is the sum of the districts
 * (ratios and the median recomputed from the parts), so the two cannot disagree.
 */
public final class DashboardService {
  static final int MAX_WEEKS = 157;
  static final int URGENT_LIMIT = 20;
  static final int UNPAIRED_LONG_DAYS = 14;
  static final int NO_CONTACT_DAYS = 14;
  static final int ACTIVE_VOLUNTEER_DAYS = 30;
  static final int CLASS_HOURS_PER_YEAR = 80;
  static final List<String> CATEGORIES = List.of(
      "ORPHAN", "UNSUPPORTED", "LEFT_BEHIND", "MIGRANT", "POOR_DISABLED_ILL", "OTHER_DIFFICULT");
  static final List<String> CARE_LEVELS = List.of("ONE_TO_ONE", "CASE_TEAM", "GROUP");
  static final List<String> CONCERN_STATUSES =
      List.of("REPORTED", "ACKNOWLEDGED", "REFERRED", "RESOLVED", "CLOSED");
  static final List<String> SEVERITIES = List.of("URGENT", "HIGH", "NORMAL");
  static final List<String> MERCHANT_CATEGORIES =
      List.of("FOOD", "SUPERMARKET", "CULTURE_TOURISM", "OTHER");
  static final List<String> RECORD_KINDS = Stream.concat(
          Arrays.stream(CareItem.values()).map(Enum::name), Stream.of("FREE_VISIT"))
      .toList();

  public record Children(
      long active,
      Map<String, Long> byCategory,
      Map<String, Long> byCareLevel,
      long needingPairing,
      long paired,
      Double pairedShare,
      long consentPending,
      long unpairedOver14Days) {}

  public record Volunteers(
      long applicants,
      long admitted,
      long active30Days,
      long suspended,
      long exited,
      Map<String, Long> bySpecialty,
      Map<String, Long> byStars,
      long activePairings,
      Double pairingsPerVolunteer) {}

  public record ItemPeriod(
      String item, String label, String period, long owed, long done, Double share) {}

  public record Care(
      long records,
      Map<String, Long> byKind,
      List<ItemPeriod> currentPeriods,
      long noContact14Days) {}

  public record Reports(
      long filed,
      Map<String, Long> byStatus,
      Map<String, Long> bySeverity,
      Map<String, Long> byCategory,
      long overdueAcknowledgements,
      long closed,
      Double medianHoursToClose) {}

  public record Troupes(
      long troupes,
      long sessions,
      long classHours,
      long classHoursAnnualTarget,
      long attendanceMarks,
      long present,
      Double attendanceRate,
      long assessedPairs,
      Double meanScoreChange) {}

  public record Points(
      long issued,
      long redeemed,
      long expired,
      long outstanding,
      Map<String, Long> redemptionsByMerchantCategory) {}

  public record Figures(
      String districtCode,
      String districtName,
      Children children,
      Volunteers volunteers,
      Care care,
      Reports reports,
      Troupes troupes,
      Points points) {}

  public record Week(
      LocalDate week,
      long careRecords,
      long attendanceMarks,
      long attendancePresent,
      long reportsFiled,
      long pairingsStarted,
      long classHours) {}

  public record UrgentReport(
      String id,
      String districtCode,
      String districtName,
      String category,
      String severity,
      String status,
      Instant createdAt,
      Instant ackDueAt,
      boolean overdue) {}

  public record Dashboard(
      Instant asOf,
      LocalDate from,
      LocalDate to,
      String districtCode,
      Figures total,
      List<Figures> districts,
      List<Week> trend,
      List<UrgentReport> urgentReports) {}

  /** Adds a weekly count to a district's tallies and its week of the trend (null for the roll-up's pass). */
  private interface WeekFold {
    void accept(Acc a, DashboardDao.WeekCount c, long[] week);
  }

  /** One district's (or the roll-up's) tallies while the queries come in. */
  private static final class Acc {
    final Map<String, Long> byCategory = zeros(CATEGORIES);
    final Map<String, Long> byCareLevel = zeros(CARE_LEVELS);
    final Map<String, Long> volunteersByStatus = new TreeMap<>();
    final Map<String, Long> bySpecialty =
        zeros(Arrays.stream(Specialty.values()).map(Enum::name).toList());
    final Map<String, Long> byStars = zeros(List.of("0", "1", "2", "3", "4", "5"));
    final Map<String, Long> byKind = zeros(RECORD_KINDS);
    final Map<String, Long> doneByItem = new TreeMap<>();
    final Map<String, Long> reportsByStatus = zeros(CONCERN_STATUSES);
    final Map<String, Long> reportsBySeverity = zeros(SEVERITIES);
    final Map<String, Long> reportsByCategory = new TreeMap<>();
    final Map<String, Long> attendanceByStatus = new TreeMap<>();
    final Map<String, Long> points = new TreeMap<>();
    final Map<String, Long> redemptionsByCategory = zeros(MERCHANT_CATEGORIES);
    final List<Double> closeHours = new ArrayList<>();
    long unpaired;
    long consentPending;
    long unpairedLong;
    long active30;
    long oneToOnePairings;
    long checklistPairings;
    long checklistStartedSinceCutoff;
    long contactedSinceCutoff;
    long overdueAcks;
    long troupes;
    long sessions;
    long classHours;
    long prePostPairs;
    long prePostHundredths;
    long outstanding;

    Figures figures(
        String code, String name, List<CareItem> items, Map<CareItem, String> periodKeys) {
      long active = byCategory.values().stream().mapToLong(Long::longValue).sum();
      long needing = byCareLevel.get("ONE_TO_ONE") + byCareLevel.get("CASE_TEAM");
      long admitted = volunteersByStatus.getOrDefault("ADMITTED", 0L);
      List<ItemPeriod> periods = new ArrayList<>();
      for (CareItem i : items) {
        long done = doneByItem.getOrDefault(i.name(), 0L);
        periods.add(new ItemPeriod(
            i.name(),
            i.label(),
            periodKeys.get(i),
            checklistPairings,
            done,
            share(done, checklistPairings)));
      }
      long marks =
          attendanceByStatus.values().stream().mapToLong(Long::longValue).sum();
      long present = attendanceByStatus.getOrDefault("PRESENT", 0L);
      long filed = reportsByStatus.values().stream().mapToLong(Long::longValue).sum();
      return new Figures(
          code,
          name,
          new Children(
              active,
              byCategory,
              byCareLevel,
              needing,
              needing - unpaired,
              share(needing - unpaired, needing),
              consentPending,
              unpairedLong),
          new Volunteers(
              volunteersByStatus.getOrDefault("PENDING", 0L),
              admitted,
              active30,
              volunteersByStatus.getOrDefault("SUSPENDED", 0L),
              volunteersByStatus.getOrDefault("EXITED", 0L),
              bySpecialty,
              byStars,
              oneToOnePairings,
              admitted == 0 ? null : round(oneToOnePairings / (double) admitted)),
          new Care(
              byKind.values().stream().mapToLong(Long::longValue).sum(),
              byKind,
              periods,
              checklistPairings - checklistStartedSinceCutoff - contactedSinceCutoff),
          new Reports(
              filed,
              reportsByStatus,
              reportsBySeverity,
              reportsByCategory,
              overdueAcks,
              closeHours.size(),
              median(closeHours)),
          new Troupes(
              troupes,
              sessions,
              classHours,
              troupes * CLASS_HOURS_PER_YEAR,
              marks,
              present,
              share(present, marks),
              prePostPairs,
              prePostPairs == 0 ? null : round(prePostHundredths / 100.0 / prePostPairs)),
          new Points(
              points.getOrDefault("ISSUED", 0L),
              points.getOrDefault("REDEEMED", 0L),
              points.getOrDefault("EXPIRED", 0L),
              outstanding,
              redemptionsByCategory));
    }
  }

  private final Jdbi jdbi;
  private final RegionService regions;
  private final CarePeriods periods;
  private final Clock clock;
  /** At most this many dashboard queries at once, whatever the number of viewers: the pool serves the rest. */
  private final java.util.concurrent.ExecutorService queries =
      java.util.concurrent.Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "dashboard-query");
        t.setDaemon(true);
        return t;
      });

  public DashboardService(Jdbi jdbi, RegionService regions, CarePeriods periods, Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.periods = periods;
    this.clock = clock;
  }

  /**
   * The dashboard for the caller's districts, or one of them. The window runs from the Monday of {@code from}'s
   * week to the Sunday of {@code to}'s (this year so far by default), because the counters are weekly.
   */
  public Dashboard dashboard(
      Caller caller, String districtCode, LocalDate fromDay, LocalDate toDay) {
    Scope scope = caller.adminScope();
    if (districtCode != null && !regions.isDistrict(districtCode)) {
      throw AppException.invalid("districtCode", "区县代码不存在");
    }
    if (scope.isEmpty() || districtCode != null && !scope.coversDistrict(districtCode)) {
      throw AppException.notFound("区县");
    }
    Instant now = clock.instant();
    LocalDate today = CarePeriods.day(now);
    TemporalAdjuster monday = TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY);
    LocalDate from = (fromDay == null ? today.withDayOfYear(1) : fromDay).with(monday);
    LocalDate lastWeek = (toDay == null ? today : toDay).with(monday);
    if (lastWeek.isBefore(from)) {
      throw AppException.invalid("to", "结束日期不能早于开始日期");
    }
    if (ChronoUnit.WEEKS.between(from, lastWeek) >= MAX_WEEKS) {
      throw AppException.invalid("to", "统计区间最长三年");
    }
    Instant start = startOf(from);
    Instant end = startOf(lastWeek.plusWeeks(1));
    List<Region> shown = regions.districts().stream()
        .filter(r ->
            districtCode == null ? scope.coversDistrict(r.code()) : r.code().equals(districtCode))
        .toList();
    Scope filter = scope.all() && districtCode == null
        ? Scope.ALL
        : new Scope(false, shown.stream().map(Region::code).collect(Collectors.toSet()), Set.of());

    Map<String, Acc> accs = new LinkedHashMap<>();
    shown.forEach(r -> accs.put(r.code(), new Acc()));
    Acc total = new Acc();
    List<CareItem> items = CareItem.PERIODIC;
    Map<CareItem, String> periodKeys = new LinkedHashMap<>();
    Instant unpairedSince = startOf(today.minusDays(UNPAIRED_LONG_DAYS));
    Instant contactCutoff = startOf(today.minusDays(NO_CONTACT_DAYS - 1));

    Map<LocalDate, long[]> weeks = new TreeMap<>();
    for (LocalDate w = from; !w.isAfter(lastWeek); w = w.plusWeeks(1)) {
      weeks.put(w, new long[6]);
    }
    items.forEach(i -> periodKeys.put(i, periods.of(i.cadence(), today).key()));
    // The queries run in a few groups at once, each on its own connection; folding their rows is
    // quick and done
    // under one lock.
    Object lock = new Object();
    BiConsumer<List<DashboardDao.Count>, BiConsumer<Acc, DashboardDao.Count>> fold = (rows, f) -> {
      synchronized (lock) {
        rows.forEach(c -> {
          Acc a = accs.get(c.district());
          if (a != null) {
            f.accept(a, c);
            f.accept(total, c);
          }
        });
      }
    };
    BiConsumer<List<DashboardDao.WeekCount>, WeekFold> foldWeeks = (rows, f) -> {
      synchronized (lock) {
        rows.forEach(c -> {
          Acc a = accs.get(c.district());
          long[] v = weeks.get(c.week());
          if (a != null && v != null) {
            f.accept(a, c, v);
            f.accept(total, c, null);
          }
        });
      }
    };
    List<DashboardDao.Urgent> urgentRows = new ArrayList<>();
    all(
        filter,
        dao -> {
          fold.accept(dao.children(), (a, c) -> {
            a.byCategory.merge(c.key(), c.n(), Long::sum);
            a.byCareLevel.merge(c.key2(), c.n(), Long::sum);
          });
          fold.accept(dao.unpaired(), (a, c) -> {
            a.unpaired += c.n();
            a.unpairedLong += c.n();
            a.consentPending += "false".equals(c.key()) ? c.n() : 0;
          });
          fold.accept(dao.unpairedSince(unpairedSince), (a, c) -> a.unpairedLong -= c.n());
          fold.accept(
              dao.volunteers(), (a, c) -> a.volunteersByStatus.merge(c.key(), c.n(), Long::sum));
          fold.accept(dao.specialties(), (a, c) -> a.bySpecialty.merge(c.key(), c.n(), Long::sum));
          fold.accept(dao.stars(), (a, c) -> a.byStars.merge(c.key(), c.n(), Long::sum));
          fold.accept(dao.activePairings(), (a, c) -> {
            boolean personal = "ONE_TO_ONE".equals(c.key2()) || "CASE_TEAM".equals(c.key2());
            a.oneToOnePairings += personal ? c.n() : 0;
            a.checklistPairings += personal && "CARE".equals(c.key()) ? c.n() : 0;
          });
        },
        dao -> {
          fold.accept(
              dao.activeVolunteers(today.minusDays(ACTIVE_VOLUNTEER_DAYS - 1)),
              (a, c) -> a.active30 += c.n());
          // No contact for 14 days: the active 6+1 pairings started before the cutoff, less those
          // of them
          // contacted since (all contacted since, less the contacted ones started since).
          fold.accept(
              dao.checklistPairingsStartedSince(contactCutoff),
              (a, c) -> a.checklistStartedSinceCutoff += c.n());
          fold.accept(
              dao.contactedSince(today.minusDays(NO_CONTACT_DAYS - 1)),
              (a, c) -> a.contactedSinceCutoff += c.n());
          fold.accept(
              dao.contactedAndStartedSince(contactCutoff),
              (a, c) -> a.contactedSinceCutoff -= c.n());
          for (CareItem i : items) {
            fold.accept(
                dao.done(i.name(), periods.of(i.cadence(), today).start()),
                (a, c) -> a.doneByItem.merge(c.key(), c.n(), Long::sum));
          }
        },
        dao -> {
          fold.accept(
              dao.careRecords(from, lastWeek), (a, c) -> a.byKind.merge(c.key(), c.n(), Long::sum));
          foldWeeks.accept(dao.careWeekly(from, lastWeek), (a, c, v) -> {
            if (v != null) {
              v[0] += c.n();
            }
          });
          foldWeeks.accept(dao.pairingsTrend(start, end), (a, c, v) -> {
            if (v != null) {
              v[4] += c.n();
            }
          });
        },
        dao -> {
          foldWeeks.accept(dao.attendanceWeekly(from, lastWeek), (a, c, v) -> {
            a.attendanceByStatus.merge(c.key(), c.n(), Long::sum);
            if (v != null) {
              v[1] += c.n();
              v[2] += "PRESENT".equals(c.key()) ? c.n() : 0;
            }
          });
          // Sessions held: whole weeks before this one from the counters, this week's read as far
          // as now.
          LocalDate thisWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          WeekFold held = (a, c, v) -> {
            a.sessions += Long.parseLong(c.key());
            a.classHours += c.n();
            if (v != null) {
              v[5] += c.n();
            }
          };
          foldWeeks.accept(
              dao.sessionsWeekly(
                  from, lastWeek.isBefore(thisWeek) ? lastWeek : thisWeek.minusWeeks(1)),
              held);
          if (!thisWeek.isBefore(from) && !thisWeek.isAfter(lastWeek)) {
            foldWeeks.accept(dao.sessionsBetween(startOf(thisWeek), now), held);
          }
          fold.accept(dao.troupes(), (a, c) -> a.troupes += c.n());
          fold.accept(dao.prePost(from, lastWeek.plusWeeks(1)), (a, c) -> {
            a.prePostPairs += Long.parseLong(c.key());
            a.prePostHundredths += c.n();
          });
        },
        dao -> {
          fold.accept(dao.reportsFiled(start, end), (a, c) -> {
            String[] sc = c.key2().split("\\|", 2);
            a.reportsByStatus.merge(c.key(), c.n(), Long::sum);
            a.reportsBySeverity.merge(sc[0], c.n(), Long::sum);
            a.reportsByCategory.merge(sc[1], c.n(), Long::sum);
          });
          fold.accept(dao.overdueAcknowledgements(now), (a, c) -> a.overdueAcks += c.n());
          List<DashboardDao.Duration> closed = dao.closeTimes(start, end);
          List<DashboardDao.Urgent> urgent = dao.urgentOpen(URGENT_LIMIT);
          foldWeeks.accept(dao.reportsTrend(start, end), (a, c, v) -> {
            if (v != null) {
              v[3] += c.n();
            }
          });
          synchronized (lock) {
            for (DashboardDao.Duration d : closed) {
              if (accs.containsKey(d.district())) {
                accs.get(d.district()).closeHours.add(d.hours());
                total.closeHours.add(d.hours());
              }
            }
            urgentRows.addAll(urgent);
          }
        },
        dao -> {
          fold.accept(dao.points(start, end), (a, c) -> a.points.merge(c.key(), c.n(), Long::sum));
          fold.accept(dao.outstanding(), (a, c) -> a.outstanding += c.n());
          fold.accept(
              dao.redemptionsByCategory(start, end),
              (a, c) -> a.redemptionsByCategory.merge(c.key(), c.n(), Long::sum));
        });

    synchronized (lock) {
      Map<String, String> names = new LinkedHashMap<>();
      shown.forEach(r -> names.put(r.code(), r.name()));
      List<Figures> districts = new ArrayList<>();
      accs.forEach((code, a) -> districts.add(a.figures(code, names.get(code), items, periodKeys)));
      List<UrgentReport> urgent = urgentRows.stream()
          .map(u -> new UrgentReport(
              Long.toString(u.id()),
              u.district(),
              names.get(u.district()),
              u.category(),
              u.severity(),
              u.status(),
              u.createdAt(),
              u.ackDueAt(),
              "REPORTED".equals(u.status()) && u.ackDueAt().isBefore(now)))
          .toList();
      List<Week> trend = new ArrayList<>();
      weeks.forEach((w, v) -> trend.add(new Week(w, v[0], v[1], v[2], v[3], v[4], v[5])));
      return new Dashboard(
          now,
          from,
          lastWeek.plusDays(6),
          districtCode,
          total.figures(null, null, items, periodKeys),
          districts,
          trend,
          urgent);
    }
  }

  /** Runs the query groups at once on the dashboard's own threads (each on its own connection), and waits. */
  @SafeVarargs
  private void all(Scope filter, java.util.function.Consumer<DashboardDao>... groups) {
    List<java.util.concurrent.CompletableFuture<Void>> running = Arrays.stream(groups)
        .map(g -> java.util.concurrent.CompletableFuture.runAsync(
            () -> jdbi.useHandle(h -> g.accept(new DashboardDao(h, filter))), queries))
        .toList();
    try {
      java.util.concurrent.CompletableFuture.allOf(
              running.toArray(java.util.concurrent.CompletableFuture[]::new))
          .join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(CarePeriods.CHONGQING).toInstant();
  }

  private static Map<String, Long> zeros(List<String> keys) {
    Map<String, Long> m = new LinkedHashMap<>();
    keys.forEach(k -> m.put(k, 0L));
    return m;
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : round(part / (double) whole);
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  private static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Math.round(m * 10.0) / 10.0;
  }
}
