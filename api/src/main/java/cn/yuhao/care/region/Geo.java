package cn.yuhao.care.region;

import ch.hsr.geohash.GeoHash;
import java.util.ArrayList;
import java.util.List;

/**
 * Nearness without spatial SQL (the SQL stays in what TiDB accepts): a home is stored in clear only as its
 * geohash cell of {@link #CELL_PRECISION}; the exact point is encrypted ({@link #point}, {@link #parsePoint}).
 * A search reads the cell around a point and its eight neighbours as prefix ranges on a B-tree index, and
 * distances are measured between cell centres.
 */
public final class Geo {
  /** The clear cell kept for matching: ~1.2 km × 0.6 km, coarse enough not to locate a home. */
  public static final int CELL_PRECISION = 6;

  private static final double EARTH_RADIUS_KM = 6371.0088;

  private Geo() {}

  /** The clear cell of a point, or null without one. */
  public static String cell(Double lat, Double lng) {
    return lat == null || lng == null
        ? null
        : GeoHash.withCharacterPrecision(lat, lng, CELL_PRECISION).toBase32();
  }

  /** A public place's geohash (merchants), precise to ~38 m × 19 m; never used for homes. */
  public static String geohash(java.math.BigDecimal lat, java.math.BigDecimal lng) {
    return lat == null || lng == null
        ? null
        : GeoHash.withCharacterPrecision(lat.doubleValue(), lng.doubleValue(), 8)
            .toBase32();
  }

  /** The centre of a cell as {lat, lng}. */
  public static double[] centre(String cell) {
    var c = GeoHash.fromGeohashString(cell).getBoundingBoxCenter();
    return new double[] {c.getLatitude(), c.getLongitude()};
  }

  /**
   * How many cells apart two cells of one precision are (0: the same, 1: neighbours, …), counted in whole cells
   * along latitude and longitude, whichever is more.
   */
  public static int ring(String cellA, String cellB) {
    var a = GeoHash.fromGeohashString(cellA);
    var b = GeoHash.fromGeohashString(cellB);
    var box = a.getBoundingBox();
    double height = box.getNorthLatitude() - box.getSouthLatitude();
    double width = box.getEastLongitude() - box.getWestLongitude();
    var ca = a.getBoundingBoxCenter();
    var cb = b.getBoundingBoxCenter();
    long dy = Math.round(Math.abs(ca.getLatitude() - cb.getLatitude()) / height);
    long dx = Math.round(Math.abs(ca.getLongitude() - cb.getLongitude()) / width);
    return (int) Math.max(dx, dy);
  }

  /** The exact point as the text that is encrypted ("lat,lng", six decimals, ~0.1 m). */
  public static String point(double lat, double lng) {
    return String.format(java.util.Locale.ROOT, "%.6f,%.6f", lat, lng);
  }

  /** The {lat, lng} of a decrypted {@link #point}, or null. */
  public static double[] parsePoint(String point) {
    if (point == null) {
      return null;
    }
    int comma = point.indexOf(',');
    return new double[] {
      Double.parseDouble(point.substring(0, comma)), Double.parseDouble(point.substring(comma + 1))
    };
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

  /**
   * How far from the point {@link #cellsAround} is sure to hold everything: the point lies in the centre cell,
   * so the nine cells reach at least one whole cell (its smaller side) beyond it in every direction.
   */
  public static double completeRadiusKm(double lat, int precision) {
    int bits = 5 * precision;
    double heightKm = 180.0 / Math.pow(2, bits / 2) * 111.32;
    double widthKm = 360.0 / Math.pow(2, bits - bits / 2) * 111.32 * Math.cos(Math.toRadians(lat));
    return Math.min(heightKm, widthKm);
  }

  public static double km(double lat1, double lng1, double lat2, double lng2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLng = Math.toRadians(lng2 - lng1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1))
            * Math.cos(Math.toRadians(lat2))
            * Math.sin(dLng / 2)
            * Math.sin(dLng / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
