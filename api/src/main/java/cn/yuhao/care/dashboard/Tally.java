package cn.yuhao.care.dashboard;

import static cn.yuhao.care.dashboard.Counts.RECORD_KINDS;
import static cn.yuhao.care.dashboard.DashboardService.CARE_LEVELS;
import static cn.yuhao.care.dashboard.DashboardService.CATEGORIES;
import static cn.yuhao.care.dashboard.DashboardService.CLASS_HOURS_PER_YEAR;
import static cn.yuhao.care.dashboard.DashboardService.CONCERN_STATUSES;
import static cn.yuhao.care.dashboard.DashboardService.MERCHANT_CATEGORIES;
import static cn.yuhao.care.dashboard.DashboardService.SEVERITIES;

import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.dashboard.DashboardService.Care;
import cn.yuhao.care.dashboard.DashboardService.Children;
import cn.yuhao.care.dashboard.DashboardService.Figures;
import cn.yuhao.care.dashboard.DashboardService.ItemPeriod;
import cn.yuhao.care.dashboard.DashboardService.Points;
import cn.yuhao.care.dashboard.DashboardService.Reports;
import cn.yuhao.care.dashboard.DashboardService.Troupes;
import cn.yuhao.care.dashboard.DashboardService.Volunteers;
import cn.yuhao.care.volunteer.Specialty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One district's (or the roll-up's) tallies while the dashboard's queries come in, and its figures at the end. */
final class Tally {
  final Map<String, Long> byCategory = zeros(CATEGORIES);
  final Map<String, Long> byCareLevel = zeros(CARE_LEVELS);
  final Map<String, Long> volunteersByStatus = new TreeMap<>();
  final Map<String, Long> bySpecialty =
      zeros(Arrays.stream(Specialty.values()).map(Enum::name).toList());
  final Map<String, Long> byStars = zeros(List.of("0", "1", "2", "3", "4", "5"));
  final Map<String, Long> byTag = new TreeMap<>();
  final Map<String, Long> byKind = zeros(RECORD_KINDS);
  final Map<String, Long> doneByItem = new TreeMap<>();
  final Map<String, Long> reportsByStatus = zeros(CONCERN_STATUSES);
  final Map<String, Long> reportsBySeverity = zeros(SEVERITIES);
  final Map<String, Long> reportsByCategory = new TreeMap<>();
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
  long attendanceMarks;
  long present;
  long sessions;
  long classHours;
  long prePostPairs;
  long prePostHundredths;
  long outstanding;
  long trained;

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
            attendanceMarks,
            present,
            share(present, attendanceMarks),
            prePostPairs,
            prePostPairs == 0 ? null : round(prePostHundredths / 100.0 / prePostPairs)),
        new Points(
            points.getOrDefault("ISSUED", 0L),
            points.getOrDefault("REDEEMED", 0L),
            points.getOrDefault("EXPIRED", 0L),
            outstanding,
            redemptionsByCategory));
  }

  static Map<String, Long> zeros(List<String> keys) {
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
