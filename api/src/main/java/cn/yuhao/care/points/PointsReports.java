package cn.yuhao.care.points;

import cn.yuhao.care.checklist.CarePeriods;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The ledger's invariant check, and the city's issued / redeemed / expired totals. */
public final class PointsReports {
  public record Check(String name, String description, long violations, List<String> examples) {}

  public record Invariants(boolean ok, List<Check> checks) {}

  public record Total(String key, String label, long issued, long redeemed, long expired) {}

  public record Summary(
      long issued,
      long redeemed,
      long expired,
      long outstanding,
      long held,
      List<Total> byDistrict,
      List<Total> byMonth,
      List<Total> byMerchant,
      List<Total> byCategory) {}

  private final Jdbi jdbi;

  public PointsReports(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Every check is a query for rows that break a rule; the ledger is sound when all come back empty. Run in one
   * REPEATABLE READ transaction, so the checks see one consistent snapshot while redemptions go on.
   */
  public Invariants invariants() {
    return jdbi.inTransaction(h -> {
      PointsReportDao dao = new PointsReportDao(h);
      List<Check> checks = new ArrayList<>();
      for (PointsReportDao.Rule rule : PointsReportDao.RULES) {
        List<String> ids = dao.violations(rule).stream().map(String::valueOf).toList();
        checks.add(new Check(
            rule.name(), rule.description(), ids.size(), ids.subList(0, Math.min(10, ids.size()))));
      }
      return new Invariants(checks.stream().allMatch(c -> c.violations() == 0), checks);
    });
  }

  /**
   * Issued = earned and granted (less claw-backs) by the volunteer's district and the month it was booked;
   * redeemed = captured by merchants, by merchant, its category and month; expired = posted to the expiry account (lots that
   * expired, and the part of a released hold whose lots expired meanwhile).
   */
  public Summary summary(int year) {
    return jdbi.withHandle(h -> {
      java.time.Instant from =
          java.time.LocalDate.of(year, 1, 1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
      java.time.Instant to = java.time.LocalDate.of(year + 1, 1, 1)
          .atStartOfDay(CarePeriods.CHONGQING)
          .toInstant();
      PointsReportDao dao = new PointsReportDao(h);
      List<Total> byMonth = dao.byMonth(from, to);
      long held = dao.held();
      return new Summary(
          byMonth.stream().mapToLong(Total::issued).sum(),
          byMonth.stream().mapToLong(Total::redeemed).sum(),
          byMonth.stream().mapToLong(Total::expired).sum(),
          dao.outstanding() - held,
          held,
          dao.byDistrict(from, to),
          byMonth,
          dao.byMerchant(from, to),
          dao.byCategory(from, to));
    });
  }
}
