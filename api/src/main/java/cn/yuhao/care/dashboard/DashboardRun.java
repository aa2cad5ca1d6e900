package cn.yuhao.care.dashboard;

import static cn.yuhao.care.dashboard.DashboardService.ACTIVE_VOLUNTEER_DAYS;
import static cn.yuhao.care.dashboard.DashboardService.NO_CONTACT_DAYS;
import static cn.yuhao.care.dashboard.DashboardService.UNPAIRED_LONG_DAYS;
import static cn.yuhao.care.dashboard.DashboardService.URGENT_LIMIT;

import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.dashboard.DashboardService.Dashboard;
import cn.yuhao.care.dashboard.DashboardService.Figures;
import cn.yuhao.care.dashboard.DashboardService.UrgentReport;
import cn.yuhao.care.dashboard.DashboardService.Week;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.training.TrainingService;
import cn.yuhao.care.volunteer.ProfileService;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One dashboard request while its query groups run: each group folds its rows into the districts' tallies, the
 * roll-up's and the weekly trend. The groups run at once, each on its own connection; folding is quick and done
 * under one lock.
 */
final class DashboardRun {
  private final Object lock = new Object();
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final Tally total = new Tally();
  private final Map<LocalDate, long[]> weeks = new TreeMap<>();
  private final List<DashboardDao.Urgent> urgentRows = new ArrayList<>();
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<CareItem, String> periodKeys = new LinkedHashMap<>();
  private final List<CareItem> items = CareItem.PERIODIC;
  private final CarePeriods periods;
  private final LocalDate today;
  private final Instant now;
  private final LocalDate from;
  private final LocalDate lastWeek;
  private final Instant start;
  private final Instant end;
  private final String districtCode;

  DashboardRun(
      List<Region> shown,
      CarePeriods periods,
      LocalDate today,
      Instant now,
      LocalDate from,
      LocalDate lastWeek,
      String districtCode) {
    this.periods = periods;
    this.today = today;
    this.now = now;
    this.from = from;
    this.lastWeek = lastWeek;
    this.start = startOf(from);
    this.end = startOf(lastWeek.plusWeeks(1));
    this.districtCode = districtCode;
    shown.forEach(r -> {
      tallies.put(r.code(), new Tally());
      names.put(r.code(), r.name());
    });
    for (LocalDate w = from; !w.isAfter(lastWeek); w = w.plusWeeks(1)) {
      weeks.put(w, new long[6]);
    }
    items.forEach(i -> periodKeys.put(i, periods.of(i.cadence(), today).key()));
  }

  private void fold(List<DashboardDao.Count> rows, BiConsumer<Tally, DashboardDao.Count> f) {
    synchronized (lock) {
      rows.forEach(c -> {
        Tally a = tallies.get(c.district());
        if (a != null) {
          f.accept(a, c);
          f.accept(total, c);
        }
      });
    }
  }

  /** Adds each week's count to its week of the trend. */
  private void foldTrend(
      List<DashboardDao.WeekCount> rows, BiConsumer<long[], DashboardDao.WeekCount> f) {
    synchronized (lock) {
      rows.forEach(c -> {
        long[] v = weeks.get(c.week());
        if (v != null) {
          f.accept(v, c);
        }
      });
    }
  }

  /** Adds the count to column {@code i} of its week of the trend. */
  private static BiConsumer<long[], DashboardDao.WeekCount> trend(int i) {
    return (v, c) -> v[i] += c.n();
  }

  void childrenAndVolunteers(DashboardDao dao) {
    fold(dao.children(), (a, c) -> {
      a.byCategory.merge(c.key(), c.n(), Long::sum);
      a.byCareLevel.merge(c.key2(), c.n(), Long::sum);
    });
    fold(dao.unpaired(), (a, c) -> {
      a.unpaired += c.n();
      a.unpairedLong += c.n();
      a.consentPending += "false".equals(c.key()) ? c.n() : 0;
    });
    fold(
        dao.unpairedSince(startOf(today.minusDays(UNPAIRED_LONG_DAYS))),
        (a, c) -> a.unpairedLong -= c.n());
    fold(dao.volunteers(), (a, c) -> a.volunteersByStatus.merge(c.key(), c.n(), Long::sum));
    fold(dao.specialties(), (a, c) -> a.bySpecialty.merge(c.key(), c.n(), Long::sum));
    fold(dao.stars(), (a, c) -> a.byStars.merge(c.key(), c.n(), Long::sum));
    fold(dao.tags(), (a, c) -> a.byTag.merge(c.key(), c.n(), Long::sum));
    fold(dao.trained(), (a, c) -> a.trained += c.n());
    fold(dao.activePairings(), (a, c) -> {
      boolean personal = "ONE_TO_ONE".equals(c.key2()) || "CASE_TEAM".equals(c.key2());
      a.oneToOnePairings += personal ? c.n() : 0;
      a.checklistPairings += personal && "CARE".equals(c.key()) ? c.n() : 0;
    });
  }

  void checklist(DashboardDao dao) {
    Instant contactCutoff = startOf(today.minusDays(NO_CONTACT_DAYS - 1));
    fold(
        dao.activeVolunteers(today.minusDays(ACTIVE_VOLUNTEER_DAYS - 1)),
        (a, c) -> a.active30 += c.n());
    // No contact for 14 days: the active 6+1 pairings started before the cutoff, less those of them
    // contacted since (all contacted since, less the contacted ones started since).
    fold(
        dao.checklistPairingsStartedSince(contactCutoff),
        (a, c) -> a.checklistStartedSinceCutoff += c.n());
    fold(
        dao.contactedSince(today.minusDays(NO_CONTACT_DAYS - 1)),
        (a, c) -> a.contactedSinceCutoff += c.n());
    fold(dao.contactedAndStartedSince(contactCutoff), (a, c) -> a.contactedSinceCutoff -= c.n());
    Map<String, LocalDate> periodStarts = new LinkedHashMap<>();
    items.forEach(i -> periodStarts.put(i.name(), periods.of(i.cadence(), today).start()));
    fold(dao.done(periodStarts), (a, c) -> a.doneByItem.merge(c.key(), c.n(), Long::sum));
  }

  void careAndPairings(DashboardDao dao) {
    fold(dao.careRecords(from, lastWeek), (a, c) -> a.byKind.merge(c.key(), c.n(), Long::sum));
    foldTrend(dao.careTrend(from, lastWeek), trend(0));
    foldTrend(dao.pairingsTrend(start, end), trend(4));
  }

  void troupes(DashboardDao dao) {
    fold(dao.attendance(from, lastWeek), (a, c) -> {
      a.attendanceMarks += Long.parseLong(c.key());
      a.present += c.n();
    });
    foldTrend(dao.attendanceTrend(from, lastWeek), (v, c) -> {
      v[1] += Long.parseLong(c.key());
      v[2] += c.n();
    });
    // Sessions held: whole weeks before this one from the counters, this week's read as far as now.
    LocalDate thisWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    BiConsumer<Tally, DashboardDao.Count> held = (a, c) -> {
      a.sessions += Long.parseLong(c.key());
      a.classHours += c.n();
    };
    LocalDate counted = lastWeek.isBefore(thisWeek) ? lastWeek : thisWeek.minusWeeks(1);
    fold(dao.sessions(from, counted), held);
    foldTrend(dao.classHoursTrend(from, counted), trend(5));
    if (!thisWeek.isBefore(from) && !thisWeek.isAfter(lastWeek)) {
      List<DashboardDao.Count> current = dao.sessionsBetween(startOf(thisWeek), now);
      fold(current, held);
      long hours = current.stream().mapToLong(DashboardDao.Count::n).sum();
      foldTrend(List.of(new DashboardDao.WeekCount(thisWeek, "", hours)), trend(5));
    }
    fold(dao.troupes(), (a, c) -> a.troupes += c.n());
    fold(dao.prePost(from, lastWeek.plusWeeks(1)), (a, c) -> {
      a.prePostPairs += Long.parseLong(c.key());
      a.prePostHundredths += c.n();
    });
  }

  void reports(DashboardDao dao) {
    fold(dao.reportsFiled(start, end), (a, c) -> {
      String[] sc = c.key2().split("\\|", 2);
      a.reportsByStatus.merge(c.key(), c.n(), Long::sum);
      a.reportsBySeverity.merge(sc[0], c.n(), Long::sum);
      a.reportsByCategory.merge(sc[1], c.n(), Long::sum);
    });
    fold(dao.overdueAcknowledgements(now), (a, c) -> a.overdueAcks += c.n());
    List<DashboardDao.Duration> closed = dao.closeTimes(start, end);
    List<DashboardDao.Urgent> urgent = dao.urgentOpen(URGENT_LIMIT);
    foldTrend(dao.reportsTrend(start, end), trend(3));
    synchronized (lock) {
      for (DashboardDao.Duration d : closed) {
        if (tallies.containsKey(d.district())) {
          tallies.get(d.district()).closeHours.add(d.hours());
          total.closeHours.add(d.hours());
        }
      }
      urgentRows.addAll(urgent);
    }
  }

  void points(DashboardDao dao) {
    fold(dao.points(from, lastWeek), (a, c) -> a.points.merge(c.key(), c.n(), Long::sum));
    // What volunteers hold now (spendable and pending): every point issued, less those redeemed,
    // expired or held for a redemption. Their balances are exactly that, and summing the counters
    // reads a few rows a district and week, where summing the balances read every account.
    fold(dao.pointsToDate(), (a, c) -> a.outstanding += "ISSUED".equals(c.key()) ? c.n() : -c.n());
    fold(dao.held(), (a, c) -> a.outstanding -= c.n());
    fold(
        dao.redemptionsByCategory(start, end),
        (a, c) -> a.redemptionsByCategory.merge(c.key(), c.n(), Long::sum));
  }

  /** The dashboard, once every group has run. */
  Dashboard result() {
    synchronized (lock) {
      List<Figures> districts = new ArrayList<>();
      tallies.forEach(
          (code, a) -> districts.add(a.figures(code, names.get(code), items, periodKeys)));
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
          urgent,
          ProfileService.counted(total.byTag),
          TrainingService.counted(
              districtCode,
              total.volunteersByStatus.getOrDefault("ADMITTED", 0L).intValue(),
              (int) total.trained),
          null);
    }
  }

  static Instant startOf(LocalDate day) {
    return day.atStartOfDay(CarePeriods.CHONGQING).toInstant();
  }
}
