package cn.yuhao.care.dashboard;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.checklist.PlanAttention;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.training.TrainingService;
import cn.yuhao.care.volunteer.ProfileService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjuster;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
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
      List<UrgentReport> urgentReports,
      List<ProfileService.TagCount> volunteerTags,
      TrainingService.Coverage training,
      PlanAttention.Figures plans) {

    /** With the children's plans needing attention, which their own feature counts. */
    Dashboard with(PlanAttention.Figures plans) {
      return new Dashboard(
          asOf,
          from,
          to,
          districtCode,
          total,
          districts,
          trend,
          urgentReports,
          volunteerTags,
          training,
          plans);
    }
  }

  /** What identifies a dashboard: viewers with the same scope asking for the same window share its counting. */
  private record RunKey(Scope filter, String districtCode, LocalDate from, LocalDate lastWeek) {}

  private final FreshRuns<RunKey, byte[]> runs = new FreshRuns<>();
  private final Jdbi jdbi;
  private final ObjectMapper json;
  private final RegionService regions;
  private final CarePeriods periods;
  private final PlanAttention plans;
  private final Clock clock;
  /** At most this many dashboard queries at once, whatever the number of viewers: the pool serves the rest. */
  private final java.util.concurrent.ExecutorService queries =
      java.util.concurrent.Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "dashboard-query");
        t.setDaemon(true);
        return t;
      });

  public DashboardService(
      Jdbi jdbi,
      RegionService regions,
      CarePeriods periods,
      PlanAttention plans,
      ObjectMapper json,
      Clock clock) {
    this.jdbi = jdbi;
    this.json = json;
    this.plans = plans;
    this.regions = regions;
    this.periods = periods;
    this.clock = clock;
  }

  /**
   * The dashboard for the caller's districts, or one of them, as JSON. The window runs from the Monday of
   * {@code from}'s week to the Sunday of {@code to}'s (this year so far by default), because the counters are
   * weekly. The JSON is written once for all the viewers who share a run: the city's is 100 KB, and writing it
   * took about a tenth of a request's CPU in a profile, once per viewer before.
   */
  public byte[] dashboard(Caller caller, String districtCode, LocalDate fromDay, LocalDate toDay) {
    Scope scope = caller.adminScope();
    if (districtCode != null && !regions.isDistrict(districtCode)) {
      throw AppException.invalid("districtCode", "区县代码不存在");
    }
    if (scope.isEmpty() || districtCode != null && !scope.coversDistrict(districtCode)) {
      throw AppException.notFound("区县");
    }
    LocalDate today = CarePeriods.day(clock.instant());
    TemporalAdjuster monday = TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY);
    LocalDate from = (fromDay == null ? today.withDayOfYear(1) : fromDay).with(monday);
    LocalDate lastWeek = (toDay == null ? today : toDay).with(monday);
    if (lastWeek.isBefore(from)) {
      throw AppException.invalid("to", "结束日期不能早于开始日期");
    }
    if (ChronoUnit.WEEKS.between(from, lastWeek) >= MAX_WEEKS) {
      throw AppException.invalid("to", "统计区间最长三年");
    }
    List<Region> shown = regions.districts().stream()
        .filter(r ->
            districtCode == null ? scope.coversDistrict(r.code()) : r.code().equals(districtCode))
        .toList();
    Scope filter = scope.all() && districtCode == null
        ? Scope.ALL
        : new Scope(false, shown.stream().map(Region::code).collect(Collectors.toSet()), Set.of());

    return runs.get(
        new RunKey(filter, districtCode, from, lastWeek),
        () -> asJson(compute(shown, filter, districtCode, from, lastWeek)));
  }

  private byte[] asJson(Dashboard d) {
    try {
      return json.writeValueAsBytes(d);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The figures, counted now: at or after the request that asked for them (see {@link FreshRuns}). */
  private Dashboard compute(
      List<Region> shown, Scope filter, String districtCode, LocalDate from, LocalDate lastWeek) {
    Instant now = clock.instant();
    DashboardRun run =
        new DashboardRun(shown, periods, CarePeriods.day(now), now, from, lastWeek, districtCode);
    // Plans needing attention are counted by their own feature, beside the query groups (queued
    // first: waiting for the groups would add their time to ours).
    CompletableFuture<PlanAttention.Figures> attention =
        CompletableFuture.supplyAsync(() -> plans.figures(filter, districtCode), queries);
    List<CompletableFuture<?>> running = new ArrayList<>(List.of(attention));
    Stream.<Consumer<DashboardDao>>of(
            run::points,
            run::childrenAndVolunteers,
            run::checklist,
            run::careAndPairings,
            run::troupes,
            run::reports)
        .map(g -> CompletableFuture.runAsync(
            () -> jdbi.useHandle(h -> g.accept(new DashboardDao(h, filter))), queries))
        .forEach(running::add);
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return run.result().with(attention.join());
  }
}
