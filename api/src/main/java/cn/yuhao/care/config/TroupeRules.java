package cn.yuhao.care.config;

import java.time.Duration;
import java.util.Map;

/**
 * Troupe attendance and check-in rules: {@code ATTENDANCE_WINDOW=30,120} — scans count from this many minutes
 * before a session starts until this many minutes after it starts; {@code CHECKIN_CODE_SECONDS=60} — how long
 * a rotating check-in code is valid. Device times more than 5 minutes ahead are refused and offline scans
 * synced more than 72 hours late are flagged (the program's rules, fixed).
 */
public record TroupeRules(Duration openBefore, Duration closeAfter, Duration codeValidity) {
  public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
  public static final Duration LATE_SYNC = Duration.ofHours(72);

  static TroupeRules parse(Map<String, String> env) {
    String[] w = env.getOrDefault("ATTENDANCE_WINDOW", "30,120").split(",");
    try {
      int before = Integer.parseInt(w[0].trim());
      int after = Integer.parseInt(w[1].trim());
      int code = Integer.parseInt(env.getOrDefault("CHECKIN_CODE_SECONDS", "60").trim());
      if (w.length == 2 && before >= 0 && after > 0 && code >= 10 && code <= 600) {
        return new TroupeRules(
            Duration.ofMinutes(before), Duration.ofMinutes(after), Duration.ofSeconds(code));
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException ignored) {
      // reported below
    }
    throw new AppConfig.ConfigException(
        "ATTENDANCE_WINDOW must look like 30,120 (minutes before and after the "
            + "start) and CHECKIN_CODE_SECONDS be 10–600");
  }
}
