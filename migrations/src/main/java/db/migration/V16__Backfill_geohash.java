package db.migration;

import ch.hsr.geohash.GeoHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the geohash of volunteers and children stored before the column existed. SQL cannot compute a
 * geohash portably across MySQL, MariaDB and TiDB, so this step is Java; the API writes it from then on.
 */
public class V16__Backfill_geohash extends BaseJavaMigration {
  /** The precision the API stores; searches use shorter prefixes of it. */
  static final int PRECISION = 8;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    backfill(c, "volunteers");
    backfill(c, "children");
  }

  private static void backfill(Connection c, String table) throws Exception {
    try (PreparedStatement select = c.prepareStatement(
            "SELECT id, lat, lng FROM " + table + " WHERE geohash IS NULL AND lat IS NOT NULL AND lng IS NOT NULL");
         PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET geohash = ? WHERE id = ?");
         ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        update.setString(1, GeoHash.withCharacterPrecision(rs.getDouble(2), rs.getDouble(3), PRECISION).toBase32());
        update.setLong(2, rs.getLong(1));
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
