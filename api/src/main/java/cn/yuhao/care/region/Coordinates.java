package cn.yuhao.care.region;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Home and school locations: stored to six decimals (~0.1 m) and checked against Chongqing's extent. */
public final class Coordinates {
  private Coordinates() {}

  /** Chongqing's bounding box, generously: a point outside is a typo or a wrong map. */
  public static boolean inChongqing(double lat, double lng) {
    return lat >= 28.1 && lat <= 32.3 && lng >= 105.2 && lng <= 110.2;
  }

  public static BigDecimal decimal(double degrees) {
    return BigDecimal.valueOf(degrees).setScale(6, RoundingMode.HALF_UP);
  }
}
