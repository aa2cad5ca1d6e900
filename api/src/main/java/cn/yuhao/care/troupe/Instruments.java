package cn.yuhao.care.troupe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The assessment instruments coaches may use. WELLBEING_5: a 1–5 well-being and self-confidence scale of five
 * statements the child rates (1 = 完全不同意 … 5 = 完全同意), the one the program's 2026 evaluation compares
 * before and after a year in a troupe.
 */
public final class Instruments {
  public record Instrument(String code, String name, int min, int max, Map<String, String> items) {}

  public static final Map<String, Instrument> ALL = Map.of(
      "WELLBEING_5",
      new Instrument(
          "WELLBEING_5",
          "儿童幸福感与自信心量表",
          1,
          5,
          items(
              "HAPPY", "我大多数时候感到开心",
              "CONFIDENT", "我相信自己能把事情做好",
              "FRIENDS", "我有可以说心里话的朋友",
              "EXPRESS", "我敢在大家面前唱歌或表达",
              "BELONG", "我喜欢我的团队")));

  private Instruments() {}

  private static Map<String, String> items(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
