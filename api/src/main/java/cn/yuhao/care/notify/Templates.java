package cn.yuhao.care.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Values for subscribe-message fields within WeChat's limits: thing ≤ 20 characters, phrase ≤ 5, number and
 * character_string ≤ 32, time as 2026年11月22日 19:00. A value over the limit makes WeChat refuse the whole
 * message (47003), so longer text is cut with an ellipsis rather than sent.
 */
public final class Templates {
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private Templates() {}

  public static String thing(String s) {
    return cut(s, 20);
  }

  public static String phrase(String s) {
    return cut(s, 5);
  }

  public static String number(long n) {
    return Long.toString(n);
  }

  public static String time(Instant t) {
    return TIME.format(t.atZone(CHONGQING));
  }

  public static String date(LocalDate d) {
    return DATE.format(d);
  }

  static String cut(String s, int max) {
    String v = s == null || s.isBlank() ? "—" : s.strip();
    if (v.codePointCount(0, v.length()) <= max) {
      return v;
    }
    return v.substring(0, v.offsetByCodePoints(0, max - 1)) + "…";
  }
}
