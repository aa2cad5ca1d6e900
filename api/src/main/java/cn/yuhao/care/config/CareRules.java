package cn.yuhao.care.config;

import java.time.DayOfWeek;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The program's own rules for routine care and harm reports, all configurable:
 * <ul>
 *   <li>{@code CARE_SEMESTERS=02-01,08-01}: the first days of the spring and autumn semesters;</li>
 *   <li>{@code CARE_MIN_PERIOD_SHARE=50}: a pairing started mid-period owes that period only when at least this
 *       percentage of it is left on its first day (a weekly contact is owed from a Thursday, not a Friday);</li>
 *   <li>{@code CARE_LATE_GRACE_DAYS=3}: a record logged more than this many days after its period ended still
 *       fulfils the item but is not "on time";</li>
 *   <li>{@code CONCERN_SLA_HOURS=URGENT=1,HIGH=24,NORMAL=72}: how long a district admin has to acknowledge;</li>
 *   <li>{@code REMIND_WEEKDAY=FRIDAY}, {@code REMIND_HOUR=19}: when volunteers are reminded of a weekly contact
 *       not yet logged; {@code QUIET_HOURS=21-8}: no message is sent between these hours (Asia/Shanghai);</li>
 *   <li>{@code REFERRAL_OUTCOME_DAYS=15}: how long an agency has to report the outcome of a referral (its receipt
 *       is due within the report's CONCERN_SLA_HOURS); {@code REFERRAL_LINK_DAYS=14}: how long an agency's
 *       one-time link lasts;</li>
 *   <li>{@code HIGH_RISK_PLAN_DAYS=14}: a child flagged HIGH_RISK needs an approved care plan within this many
 *       days.</li>
 * </ul>
 */
public record CareRules(
    MonthDay springStart,
    MonthDay autumnStart,
    int minPeriodSharePercent,
    int lateGraceDays,
    Map<String, Integer> slaHours,
    DayOfWeek remindWeekday,
    int remindHour,
    int quietFrom,
    int quietTo,
    int referralOutcomeDays,
    int referralLinkDays,
    int highRiskPlanDays) {
  public static final CareRules DEFAULT = parse(Map.of());

  static CareRules parse(Map<String, String> env) {
    String[] sem = env.getOrDefault("CARE_SEMESTERS", "02-01,08-01").split(",");
    MonthDay spring;
    MonthDay autumn;
    try {
      spring = MonthDay.parse("--" + sem[0].trim());
      autumn = MonthDay.parse("--" + sem[1].trim());
    } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
      throw new AppConfig.ConfigException("CARE_SEMESTERS must look like 02-01,08-01");
    }
    if (!spring.isBefore(autumn)) {
      throw new AppConfig.ConfigException(
          "CARE_SEMESTERS: the spring semester must start before the autumn one");
    }
    int share = number(env, "CARE_MIN_PERIOD_SHARE", 50, 0, 100);
    int grace = number(env, "CARE_LATE_GRACE_DAYS", 3, 0, 31);
    Map<String, Integer> sla =
        parseSla(env.getOrDefault("CONCERN_SLA_HOURS", "URGENT=1,HIGH=24,NORMAL=72"));
    DayOfWeek weekday;
    try {
      weekday = DayOfWeek.valueOf(
          env.getOrDefault("REMIND_WEEKDAY", "FRIDAY").trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new AppConfig.ConfigException("REMIND_WEEKDAY must be a weekday such as FRIDAY");
    }
    int hour = number(env, "REMIND_HOUR", 19, 0, 23);
    String[] quiet = env.getOrDefault("QUIET_HOURS", "21-8").split("-");
    if (quiet.length != 2) {
      throw new AppConfig.ConfigException("QUIET_HOURS must look like 21-8");
    }
    int from = parseHour(quiet[0]);
    int to = parseHour(quiet[1]);
    return new CareRules(
        spring,
        autumn,
        share,
        grace,
        sla,
        weekday,
        hour,
        from,
        to,
        number(env, "REFERRAL_OUTCOME_DAYS", 15, 1, 180),
        number(env, "REFERRAL_LINK_DAYS", 14, 1, 90),
        number(env, "HIGH_RISK_PLAN_DAYS", 14, 1, 90));
  }

  /** Whether the hour (0–23, Asia/Shanghai) is inside the quiet hours, which may wrap midnight. */
  public boolean quiet(int hour) {
    if (quietFrom == quietTo) {
      return false;
    }
    return quietFrom < quietTo
        ? hour >= quietFrom && hour < quietTo
        : hour >= quietFrom || hour < quietTo;
  }

  private static int parseHour(String raw) {
    try {
      int h = Integer.parseInt(raw.trim());
      if (h >= 0 && h <= 23) {
        return h;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new AppConfig.ConfigException("QUIET_HOURS must give hours 0–23, such as 21-8");
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new AppConfig.ConfigException(
        name + " must be a whole number from " + min + " to " + max);
  }

  /** Reads URGENT=1,HIGH=24,NORMAL=72; every severity must be given, each at least one hour. */
  private static Map<String, Integer> parseSla(String raw) {
    Map<String, Integer> out = new HashMap<>();
    for (String part : raw.split(",")) {
      String[] kv = part.trim().split("=");
      try {
        if (kv.length == 2 && Integer.parseInt(kv[1].trim()) >= 1) {
          out.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
          continue;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new AppConfig.ConfigException(
          "CONCERN_SLA_HOURS must look like URGENT=1,HIGH=24,NORMAL=72");
    }
    if (!out.keySet().equals(java.util.Set.of("URGENT", "HIGH", "NORMAL"))) {
      throw new AppConfig.ConfigException("CONCERN_SLA_HOURS must give URGENT, HIGH and NORMAL");
    }
    return Map.copyOf(out);
  }
}
