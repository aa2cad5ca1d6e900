package cn.yuhao.care.region;

import ch.hsr.geohash.GeoHash;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Nearness without spatial SQL (DESIGN §4): a point is stored with its geohash; a search reads the cell
 * around a point and its eight neighbours as prefix ranges on a B-tree index, then refines by haversine.
 */
public final class Geo {
  /** Precision stored (~38 m × 19 m); searches use prefixes of it. */
  public static final int STORED_PRECISION = 8;
  private static final double EARTH_RADIUS_KM = 6371.0088;

  private Geo() {}

  public static String geohash(BigDecimal lat, BigDecimal lng) {
    return lat == null || lng == null ? null
        : GeoHash.withCharacterPrecision(lat.doubleValue(), lng.doubleValue(), STORED_PRECISION).toBase32();
  }

  /** The nine cells (the point's own and its neighbours) of the given precision, as geohash prefixes. */
  public static List<String> cellsAround(double lat, double lng, int precision) {
    GeoHash centre = GeoHash.withCharacterPrecision(lat, lng, precision);
    List<String> cells = new ArrayList<>(9);
    cells.add(centre.toBase32());
    for (GeoHash n : centre.getAdjacent()) {
      cells.add(n.toBase32());
    }
    return cells;
  }

  public static double km(double lat1, double lng1, double lat2, double lng2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLng = Math.toRadians(lng2 - lng1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /** What a volunteer may be told of a child's distance: a rounded band, never the exact figure. */
  public static String band(double km) {
    if (km < 1) {
      return "1 公里内";
    }
    if (km < 10) {
      return "约 " + Math.round(km) + " 公里";
    }
    return "约 " + Math.round(km / 5) * 5 + " 公里";
  }
}
