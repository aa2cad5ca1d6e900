package cn.yuhao.care.checklist;

import cn.yuhao.care.config.CareRules;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The program's periods in Chongqing time: ISO weeks (2026-W53 exists), calendar months, semesters
 * (spring from CARE_SEMESTERS' first date to the day before the second, autumn from the second date to the
 * day before next spring: "2026-AUTUMN" runs August 2026 to January 2027) and calendar years.
 */
public final class CarePeriods {
  public static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  /** A period: its key, first day and the first day after it. */
  public record Period(String key, LocalDate start, LocalDate end) {
    /** The last day on which the item is on time. */
    public LocalDate dueDate() {
      return end.minusDays(1);
    }

    public boolean contains(LocalDate day) {
      return !day.isBefore(start) && day.isBefore(end);
    }

    long days() {
      return ChronoUnit.DAYS.between(start, end);
    }
  }

  private final CareRules rules;

  public CareRules rules() {
    return rules;
  }

  public CarePeriods(CareRules rules) {
    this.rules = rules;
  }

  /** The start of the Chongqing month holding {@code instant}. */
  public static Instant monthStart(Instant instant) {
    return day(instant).withDayOfMonth(1).atStartOfDay(CHONGQING).toInstant();
  }

  /** The start of the Chongqing quarter (January, April, July, October) holding {@code instant}. */
  public static Instant quarterStart(Instant instant) {
    LocalDate d = day(instant);
    int first = (d.getMonthValue() - 1) / 3 * 3 + 1;
    return LocalDate.of(d.getYear(), first, 1).atStartOfDay(CHONGQING).toInstant();
  }

  public static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, CHONGQING);
  }

  /** The period of the cadence containing the day; not defined for CONTINUOUS. */
  public Period of(CareItem.Cadence cadence, LocalDate day) {
    return switch (cadence) {
      case WEEK -> {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new Period(
            String.format(
                "%d-W%02d",
                monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
            monday,
            monday.plusWeeks(1));
      }
      case MONTH -> {
        LocalDate first = day.withDayOfMonth(1);
        yield new Period(
            String.format("%d-%02d", first.getYear(), first.getMonthValue()),
            first,
            first.plusMonths(1));
      }
      case SEMESTER -> {
        int y = day.getYear();
        LocalDate spring = rules.springStart().atYear(y);
        LocalDate autumn = rules.autumnStart().atYear(y);
        if (!day.isBefore(autumn)) {
          yield new Period(y + "-AUTUMN", autumn, rules.springStart().atYear(y + 1));
        }
        if (!day.isBefore(spring)) {
          yield new Period(y + "-SPRING", spring, autumn);
        }
        yield new Period((y - 1) + "-AUTUMN", rules.autumnStart().atYear(y - 1), spring);
      }
      case YEAR ->
        new Period(
            Integer.toString(day.getYear()),
            LocalDate.of(day.getYear(), 1, 1),
            LocalDate.of(day.getYear() + 1, 1, 1));
      case CONTINUOUS -> throw new IllegalArgumentException("continuous items have no period");
    };
  }

  /** The period after {@code p} of the same cadence. */
  public Period next(CareItem.Cadence cadence, Period p) {
    return of(cadence, p.end());
  }

  /**
   * The first period a pairing started on {@code startDay} owes: the one it started in when at least
   * CARE_MIN_PERIOD_SHARE percent of it was left (counting the start day), else the next one.
   */
  public Period firstOwed(CareItem.Cadence cadence, LocalDate startDay) {
    Period p = of(cadence, startDay);
    long left = ChronoUnit.DAYS.between(startDay, p.end());
    return left * 100 >= (long) rules.minPeriodSharePercent() * p.days() ? p : next(cadence, p);
  }

  /** Whether a record logged at {@code recordedDay} for the period counts as on time. */
  public boolean onTime(Period p, LocalDate recordedDay) {
    return !recordedDay.isAfter(p.dueDate().plusDays(rules.lateGraceDays()));
  }
}
