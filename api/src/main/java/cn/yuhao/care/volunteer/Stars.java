package cn.yuhao.care.volunteer;

import java.math.BigDecimal;

/** A volunteer's star level (星级志愿者, 1–5) from her lifetime verified service hours. */
public final class Stars {
  /** Lifetime verified hours for 1–5 stars. */
  private static final int[] HOURS = {100, 300, 600, 1000, 1500};

  private Stars() {}

  public static int of(BigDecimal hours) {
    int stars = 0;
    for (int threshold : HOURS) {
      if (hours.compareTo(BigDecimal.valueOf(threshold)) >= 0) {
        stars++;
      }
    }
    return stars;
  }

  /** The lifetime hours that reach the next star, or null at five stars. */
  public static Integer hoursForNext(int stars) {
    return stars < HOURS.length ? HOURS[stars] : null;
  }

  /** {@link #of} in SQL, over a column of hours that may be NULL (no hours yet). */
  public static String sqlOf(String hoursColumn) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < HOURS.length; i++) {
      s.append(i == 0 ? "" : " + ")
          .append("(COALESCE(")
          .append(hoursColumn)
          .append(", 0) >= ")
          .append(HOURS[i])
          .append(")");
    }
    return s.append(")").toString();
  }
}
