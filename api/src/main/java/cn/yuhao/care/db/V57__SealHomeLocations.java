package cn.yuhao.care.db;

import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.region.Geo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves every clear home point of children and volunteers into the encrypted {@code location_enc} (V55, V56)
 * and cuts the clear geohash to the matching cell; V58 and V59 then drop the clear columns. Java, because the
 * encryption key lives in the service, not in the database.
 */
public final class V57__SealHomeLocations extends BaseJavaMigration {
  private static final int BATCH = 1000;
  private final FieldCipher cipher;

  public V57__SealHomeLocations(FieldCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    seal(c, "children");
    seal(c, "volunteers");
  }

  private void seal(Connection c, String table) throws SQLException {
    String column = table + ".location";
    long after = Long.MIN_VALUE;
    while (true) {
      int n = 0;
      try (PreparedStatement read = c.prepareStatement("SELECT id, lat, lng FROM " + table
               + " WHERE id > ? AND lat IS NOT NULL ORDER BY id LIMIT " + BATCH);
           PreparedStatement write = c.prepareStatement("UPDATE " + table
               + " SET location_enc = ?, geohash = ? WHERE id = ?")) {
        read.setLong(1, after);
        try (ResultSet rs = read.executeQuery()) {
          while (rs.next()) {
            after = rs.getLong(1);
            double lat = rs.getDouble(2);
            double lng = rs.getDouble(3);
            write.setString(1, cipher.encrypt(Geo.point(lat, lng), column));
            write.setString(2, Geo.cell(lat, lng));
            write.setLong(3, after);
            write.addBatch();
            n++;
          }
        }
        if (n > 0) {
          write.executeBatch();
        }
      }
      if (n < BATCH) {
        return;
      }
    }
  }
}
