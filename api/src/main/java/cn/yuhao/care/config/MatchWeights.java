package cn.yuhao.care.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How matching scores a volunteer for a child (智能辅助匹配): weights of proximity, specialty↔need fit, load
 * (free capacity) and continuity (same street), and the radius beyond which proximity counts nothing.
 * Configured as {@code MATCH_WEIGHTS=proximity=40,specialty=30,load=15,continuity=15} and {@code MATCH_RADIUS_KM}.
 */
public record MatchWeights(
    double proximity, double specialty, double load, double continuity, double radiusKm) {
  public static final String DEFAULT = "proximity=40,specialty=30,load=15,continuity=15";
  private static final Set<String> NAMES = Set.of("proximity", "specialty", "load", "continuity");

  static MatchWeights parse(String raw, int radiusKm) {
    Map<String, Integer> w = new HashMap<>();
    for (String part : raw.split(",")) {
      String[] kv = part.trim().split("=");
      if (kv.length != 2 || !NAMES.contains(kv[0].trim())) {
        throw new AppConfig.ConfigException(
            "MATCH_WEIGHTS must look like " + DEFAULT + ", not '" + raw + "'");
      }
      try {
        int v = Integer.parseInt(kv[1].trim());
        if (v < 0) {
          throw new NumberFormatException();
        }
        w.put(kv[0].trim(), v);
      } catch (NumberFormatException e) {
        throw new AppConfig.ConfigException(
            "MATCH_WEIGHTS values must be whole numbers ≥ 0, not '" + raw + "'");
      }
    }
    int total = w.values().stream().mapToInt(Integer::intValue).sum();
    if (w.size() != NAMES.size() || total == 0) {
      throw new AppConfig.ConfigException(
          "MATCH_WEIGHTS must give all of " + NAMES + " with a positive sum");
    }
    if (radiusKm < 1) {
      throw new AppConfig.ConfigException("MATCH_RADIUS_KM must be at least 1");
    }
    // Normalised so a score is always between 0 and 1, whatever the configured numbers add up to.
    return new MatchWeights(
        w.get("proximity") / (double) total,
        w.get("specialty") / (double) total,
        w.get("load") / (double) total,
        w.get("continuity") / (double) total,
        radiusKm);
  }
}
