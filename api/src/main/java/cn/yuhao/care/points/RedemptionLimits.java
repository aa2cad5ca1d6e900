package cn.yuhao.care.points;

import cn.yuhao.care.checklist.CarePeriods;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** An offer's per-volunteer limit (每人每日/周/月/总计限兑): which of her redemptions count against it. */
public final class RedemptionLimits {
  /** A live (held) or used redemption of an offer, when it was made. */
  public record Use(long offerId, Instant at) {}

  private RedemptionLimits() {}

  /** How many live or used redemptions the volunteer has of the offer in its limit period. */
  public static int usedInPeriod(
      Handle h, long userId, long offerId, String limitPeriod, Instant now) {
    return new RedemptionDao(h)
        .countLiveOrUsedSince(userId, offerId, periodStart(limitPeriod, now));
  }

  /** Her live and used redemptions, read once (a volunteer has few), rather than a count per listed offer. */
  public static List<Use> uses(Handle h, long userId) {
    return new RedemptionDao(h).liveOrUsed(userId);
  }

  /** The first instant of the limit period (DAY, WEEK, MONTH; anything else: all time) that holds {@code now}. */
  public static Instant periodStart(String period, Instant now) {
    LocalDate today = CarePeriods.day(now);
    LocalDate start = switch (period) {
      case "DAY" -> today;
      case "WEEK" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "MONTH" -> today.withDayOfMonth(1);
      default -> LocalDate.of(1970, 1, 1);
    };
    return start.atStartOfDay(CarePeriods.CHONGQING).toInstant();
  }
}
