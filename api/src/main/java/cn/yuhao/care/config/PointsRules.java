package cn.yuhao.care.config;

import java.util.Map;

/**
 * How volunteers earn and keep points (README, "Points"):
 * {@code POINTS_PER_HOUR=10} per verified service hour; {@code POINTS_PER_TRAINING=5} for a verified check-in at a
 * training session; {@code POINTS_CARE_ITEMS=CONTACT_CHILD=2,TALK_GUARDIAN=5,...} per 6+1 item done on time (one
 * earning per pairing, item and period); {@code POINTS_DAILY_CAP=100} earned per volunteer per Chongqing day;
 * {@code POINTS_PENDING_DAYS=0} before earned points can be spent; {@code POINTS_EXPIRY_YEARS=2}: a lot expires at
 * the end of the N-th calendar year after the one it was earned in; {@code POINTS_EXPIRY_NOTICE_DAYS=30};
 * {@code POINTS_APPROVAL_THRESHOLD=500}: admin grants or claw-backs above it need a second admin.
 */
public record PointsRules(
    int perHour,
    int perTraining,
    Map<String, Integer> careItems,
    int dailyCap,
    int pendingDays,
    int expiryYears,
    int expiryNoticeDays,
    int approvalThreshold) {
  public static final String DEFAULT_CARE_ITEMS =
      "CONTACT_CHILD=2,TALK_GUARDIAN=5,PARENT_CHILD_ACTIVITY=20,"
          + "FESTIVAL=10,READING=10,LAW_SAFETY=10";
  private static final java.util.List<String> ITEMS = java.util.List.of(
      "CONTACT_CHILD",
      "TALK_GUARDIAN",
      "PARENT_CHILD_ACTIVITY",
      "FESTIVAL",
      "READING",
      "LAW_SAFETY");

  static PointsRules parse(Map<String, String> env) {
    Map<String, Integer> items = new java.util.LinkedHashMap<>();
    String raw = env.getOrDefault("POINTS_CARE_ITEMS", DEFAULT_CARE_ITEMS).trim();
    for (String pair : raw.isEmpty() ? new String[0] : raw.split(",")) {
      String[] kv = pair.split("=");
      if (kv.length != 2 || !ITEMS.contains(kv[0].trim())) {
        throw new AppConfig.ConfigException(
            "POINTS_CARE_ITEMS must look like CONTACT_CHILD=2,TALK_GUARDIAN=5 with " + "items from "
                + ITEMS);
      }
      items.put(kv[0].trim(), number(env, "POINTS_CARE_ITEMS", kv[1], 0, 1000));
    }
    return new PointsRules(
        number(env, "POINTS_PER_HOUR", null, 0, 1000),
        number(env, "POINTS_PER_TRAINING", null, 0, 1000),
        Map.copyOf(items),
        number(env, "POINTS_DAILY_CAP", null, 1, 100_000),
        number(env, "POINTS_PENDING_DAYS", null, 0, 365),
        number(env, "POINTS_EXPIRY_YEARS", null, 1, 10),
        number(env, "POINTS_EXPIRY_NOTICE_DAYS", null, 1, 365),
        number(env, "POINTS_APPROVAL_THRESHOLD", null, 1, 1_000_000));
  }

  private static final Map<String, String> DEFAULTS = Map.of(
      "POINTS_PER_HOUR",
      "10",
      "POINTS_PER_TRAINING",
      "5",
      "POINTS_DAILY_CAP",
      "100",
      "POINTS_PENDING_DAYS",
      "0",
      "POINTS_EXPIRY_YEARS",
      "2",
      "POINTS_EXPIRY_NOTICE_DAYS",
      "30",
      "POINTS_APPROVAL_THRESHOLD",
      "500");

  private static int number(Map<String, String> env, String name, String given, int min, int max) {
    String raw = given != null ? given : env.getOrDefault(name, DEFAULTS.get(name));
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new AppConfig.ConfigException(
        name + " must be a whole number from " + min + " to " + max + ", not '" + raw + "'");
  }

  /** Points for an on-time 6+1 item, 0 when the item does not earn. */
  public int forCareItem(String item) {
    return careItems.getOrDefault(item, 0);
  }
}
