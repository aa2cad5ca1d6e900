package cn.yuhao.care.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every setting of the service, read once from the environment; nothing else reads env vars. */
public record AppConfig(
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String wechatAppId,
    String wechatSecret,
    boolean production,
    String dataKey,
    String indexKey,
    List<String> bootstrapAdminOpenIds,
    boolean allowEmbeddedDbInProduction,
    Duration sessionIdleTimeout,
    Duration sessionAbsoluteTimeout,
    int loginPerIpPerMinute,
    int loginPerOpenIdPerMinute,
    int codeEntryPerUserPerMinute,
    Duration wechatTimeout,
    int dbPoolSize,
    MatchWeights matchWeights,
    CareRules careRules,
    boolean schedulerEnabled,
    Map<String, String> wechatTemplates,
    TroupeRules troupeRules,
    Duration tokenCacheTtl,
    PointsRules pointsRules,
    String metricsToken,
    String publicBaseUrl,
    Set<String> preServiceRequired,
    java.math.BigDecimal serviceDayCap,
    FileStoreConfig fileStore) {
  /** Subscribe-message templates the service sends, by our name; WECHAT_TEMPLATES maps them to WeChat's ids. */
  public static final List<String> TEMPLATE_NAMES = List.of(
      "CARE_WEEKLY",
      "CARE_OVERDUE",
      "CONCERN_ALERT",
      "CONCERN_CLOSED",
      "POINTS_EXPIRING",
      "ACTIVITY_REMINDER");

  public static AppConfig fromEnv(Map<String, String> env) {
    String appEnv = env.getOrDefault("APP_ENV", "development").trim();
    if (!appEnv.equals("development") && !appEnv.equals("production")) {
      throw new ConfigException("APP_ENV must be development or production, not '" + appEnv + "'");
    }
    return new AppConfig(
        intValue(env, "PORT", 8080),
        Path.of(env.getOrDefault("DATA_DIR", "./data")).toAbsolutePath().normalize(),
        blankToNull(env.get("DB_URL")),
        env.getOrDefault("DB_USER", "root"),
        env.getOrDefault("DB_PASSWORD", ""),
        blankToNull(env.get("WECHAT_APPID")),
        blankToNull(env.get("WECHAT_SECRET")),
        appEnv.equals("production"),
        blankToNull(env.get("DATA_KEY")),
        blankToNull(env.get("INDEX_KEY")),
        csv(env.get("BOOTSTRAP_ADMIN_OPENIDS")),
        Boolean.parseBoolean(env.getOrDefault("ALLOW_EMBEDDED_DB", "false")),
        Duration.ofMinutes(intValue(env, "SESSION_IDLE_MINUTES", 7 * 24 * 60)),
        Duration.ofMinutes(intValue(env, "SESSION_MAX_MINUTES", 30 * 24 * 60)),
        intValue(env, "LOGIN_LIMIT_PER_IP", 60),
        intValue(env, "LOGIN_LIMIT_PER_OPENID", 10),
        intValue(env, "CODE_LIMIT_PER_USER", 10),
        Duration.ofMillis(intValue(env, "WECHAT_TIMEOUT_MS", 3000)),
        intValue(env, "DB_POOL_SIZE", 10),
        MatchWeights.parse(
            env.getOrDefault("MATCH_WEIGHTS", MatchWeights.DEFAULT),
            intValue(env, "MATCH_RADIUS_KM", 20)),
        CareRules.parse(env),
        !"false".equalsIgnoreCase(env.getOrDefault("SCHEDULER_ENABLED", "true").trim()),
        csvMap(env.getOrDefault("WECHAT_TEMPLATES", "")),
        TroupeRules.parse(env),
        Duration.ofSeconds(intValue(env, "TOKEN_CACHE_SECONDS", 2)),
        PointsRules.parse(env),
        blankToNull(env.get("METRICS_TOKEN")),
        baseUrl(blankToNull(env.get("PUBLIC_BASE_URL"))),
        districts(env.get("PRE_SERVICE_REQUIRED_DISTRICTS")),
        dayCap(intValue(env, "SERVICE_DAY_CAP_HOURS", 8)),
        FileStoreConfig.parse(env));
  }

  private static java.math.BigDecimal dayCap(int hours) {
    if (hours < 1 || hours > 24) {
      throw new ConfigException("SERVICE_DAY_CAP_HOURS must be 1 to 24, not " + hours);
    }
    return java.math.BigDecimal.valueOf(hours).setScale(1);
  }

  private static Set<String> districts(String raw) {
    Set<String> out = new java.util.TreeSet<>(csv(raw));
    for (String d : out) {
      if (!d.matches("5\\d{5}")) {
        throw new ConfigException(
            "PRE_SERVICE_REQUIRED_DISTRICTS holds district codes like 500106, not '" + d + "'");
      }
    }
    return Set.copyOf(out);
  }

  private static String baseUrl(String raw) {
    if (raw == null) {
      return null;
    }
    if (!raw.matches("https?://[^\\s/]+(/[^\\s]*)?")) {
      throw new ConfigException("PUBLIC_BASE_URL must be an http(s) URL, not '" + raw + "'");
    }
    return raw.replaceAll("/+$", "");
  }

  /** Where the public reaches the service (printed on certificates); this machine's port in development. */
  public String publicUrl() {
    return publicBaseUrl != null ? publicBaseUrl : "http://localhost:" + port;
  }

  public boolean useSimulator() {
    return wechatAppId == null || wechatSecret == null;
  }

  public boolean useEmbeddedDb() {
    return dbUrl == null;
  }

  /** The refusals of APP_ENV=production: no simulator, no generated keys, no embedded DB unless allowed. */
  public List<String> productionProblems() {
    List<String> problems = new ArrayList<>();
    if (!production) {
      return problems;
    }
    if (useSimulator()) {
      problems.add(
          "WECHAT_APPID and WECHAT_SECRET are required (the simulator is for development only)");
    }
    if (dataKey == null) {
      problems.add("DATA_KEY is required");
    }
    if (indexKey == null) {
      problems.add("INDEX_KEY is required");
    }
    if (publicBaseUrl == null) {
      problems.add("PUBLIC_BASE_URL is required (certificates print it for their public check)");
    }
    if (useEmbeddedDb() && !allowEmbeddedDbInProduction) {
      problems.add(
          "DB_URL is required (set ALLOW_EMBEDDED_DB=true to run the embedded MariaDB knowingly)");
    }
    return problems;
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(
        newPort,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        wechatAppId,
        wechatSecret,
        production,
        dataKey,
        indexKey,
        bootstrapAdminOpenIds,
        allowEmbeddedDbInProduction,
        sessionIdleTimeout,
        sessionAbsoluteTimeout,
        loginPerIpPerMinute,
        loginPerOpenIdPerMinute,
        codeEntryPerUserPerMinute,
        wechatTimeout,
        dbPoolSize,
        matchWeights,
        careRules,
        schedulerEnabled,
        wechatTemplates,
        troupeRules,
        tokenCacheTtl,
        pointsRules,
        metricsToken,
        publicBaseUrl,
        preServiceRequired,
        serviceDayCap,
        fileStore);
  }

  private static int intValue(Map<String, String> env, String name, int fallback) {
    String raw = blankToNull(env.get(name));
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, not '" + raw + "'");
    }
  }

  /**
   * WECHAT_TEMPLATES=CARE_WEEKLY=id1,CARE_OVERDUE=id2,… : the template ids chosen in the WeChat console.
   * A template not configured gets a placeholder id, which the simulator accepts and real WeChat refuses.
   */
  private static Map<String, String> csvMap(String raw) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String name : TEMPLATE_NAMES) {
      out.put(name, "tmpl_" + name.toLowerCase(java.util.Locale.ROOT));
    }
    for (String part : csv(raw)) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || !TEMPLATE_NAMES.contains(kv[0].trim()) || kv[1].isBlank()) {
        throw new ConfigException(
            "WECHAT_TEMPLATES must look like CARE_WEEKLY=<template id>,… with names from "
                + TEMPLATE_NAMES);
      }
      out.put(kv[0].trim(), kv[1].trim());
    }
    return Map.copyOf(out);
  }

  private static List<String> csv(String raw) {
    if (raw == null) {
      return List.of();
    }
    return Arrays.stream(raw.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public static class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
