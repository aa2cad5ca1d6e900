package cn.yuhao.care.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A logical, hot backup of the service's schema, and its restore into an empty database. Logical (a zip of the
 * tables' definitions and rows) rather than mariadb-backup, because the same file then restores into MySQL 8,
 * MariaDB or TiDB and into the embedded server alike, and needs no binary beside the jar. Consistent: every
 * table is read in one InnoDB snapshot ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT}) while the service
 * keeps writing. Each table's row count and an order-independent checksum go into the manifest; a restore
 * recomputes both and refuses to call a different result a success.
 */
public final class Backup {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 500;

  /** A table's rows as counted and summed in the manifest. */
  public record TableSum(long rows, String checksum) {}

  private Backup() {}

  /** Writes the backup of the connection's schema to {@code file}; {@code sealedKeys} is stored when given. */
  public static ObjectNode create(Connection db, Path file, byte[] sealedKeys)
      throws SQLException, IOException {
    ObjectNode manifest = JSON.createObjectNode();
    db.setAutoCommit(false);
    try (Statement s = db.createStatement()) {
      s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
    }
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      List<String> tables = tables(db);
      ObjectNode tableNodes = manifest.putObject("tables");
      zip.putNextEntry(new ZipEntry("schema.sql"));
      StringBuilder ddl = new StringBuilder();
      for (String t : tables) {
        ddl.append(createStatement(db, t)).append(";\n");
      }
      zip.write(ddl.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      for (String t : tables) {
        zip.putNextEntry(new ZipEntry("data/" + t + ".jsonl"));
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
        TableSum sum = dump(db, t, w);
        w.flush();
        zip.closeEntry();
        tableNodes.putObject(t).put("rows", sum.rows()).put("checksum", sum.checksum());
      }
      manifest.put("format", 1);
      manifest.put("schemaVersion", schemaVersion(db));
      manifest.put("createdAt", Instant.now().toString());
      manifest.put("keysIncluded", sealedKeys != null);
      if (sealedKeys != null) {
        zip.putNextEntry(new ZipEntry("keys.sealed"));
        zip.write(sealedKeys);
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
      zip.closeEntry();
    } finally {
      db.commit();
      db.setAutoCommit(true);
    }
    return manifest;
  }

  /**
   * Restores into the connection's schema, which must be empty, and checks every table's count and checksum
   * against the manifest. Refuses a backup of a newer schema than {@code shippedVersion} (this build's newest
   * migration). Returns the manifest.
   */
  public static JsonNode restore(Connection db, Path file, int shippedVersion)
      throws SQLException, IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry m = zip.getEntry("manifest.json");
      if (m == null) {
        throw new IllegalArgumentException(file + " is not a backup of this service (no manifest)");
      }
      JsonNode manifest = JSON.readTree(zip.getInputStream(m));
      int version = manifest.path("schemaVersion").asInt();
      if (version > shippedVersion) {
        throw new IllegalStateException(
            "the backup's schema (V" + version + ") is newer than this build's (V" + shippedVersion
                + "): restore it with a build at least as new");
      }
      if (!tables(db).isEmpty()) {
        throw new IllegalStateException(
            "the target database is not empty: restore only into a new database");
      }
      try (Statement s = db.createStatement()) {
        s.execute("SET FOREIGN_KEY_CHECKS = 0");
        for (String ddl : new String(
                zip.getInputStream(zip.getEntry("schema.sql")).readAllBytes(),
                StandardCharsets.UTF_8)
            .split(";\n")) {
          if (!ddl.isBlank()) {
            s.execute(ddl);
          }
        }
      }
      var tables = manifest.path("tables").fields();
      while (tables.hasNext()) {
        var t = tables.next();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            zip.getInputStream(zip.getEntry("data/" + t.getKey() + ".jsonl")),
            StandardCharsets.UTF_8))) {
          load(db, t.getKey(), r);
        }
        TableSum restored = sum(db, t.getKey());
        if (restored.rows() != t.getValue().path("rows").asLong()
            || !restored.checksum().equals(t.getValue().path("checksum").asText())) {
          throw new IllegalStateException(
              "table " + t.getKey() + " restored differently from the backup (" + restored
                  + " against " + t.getValue() + ")");
        }
      }
      try (Statement s = db.createStatement()) {
        s.execute("SET FOREIGN_KEY_CHECKS = 1");
      }
      return manifest;
    }
  }

  /** The sealed keys a backup carries, if any. */
  public static byte[] sealedKeys(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry e = zip.getEntry("keys.sealed");
      return e == null ? null : zip.getInputStream(e).readAllBytes();
    }
  }

  /** A table's count and checksum as they stand (the restore's check; tests compare with a source). */
  public static TableSum sum(Connection db, String table) throws SQLException, IOException {
    return dump(db, table, null);
  }

  static List<String> tables(Connection db) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement("""
            SELECT table_name FROM information_schema.tables
             WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private static String createStatement(Connection db, String table) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
      rs.next();
      return rs.getString(2);
    }
  }

  private static int schemaVersion(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT MAX(CAST(version AS UNSIGNED)) FROM flyway_schema_history WHERE success = 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Reads every row (streamed: a table of millions is never whole in memory), writing each as a JSON array of
   * its columns (text, or base64 for binary columns) when {@code out} is given; counts and sums them. The
   * checksum adds up the first 8 bytes of each row's SHA-256, so it does not depend on the order rows come in.
   */
  private static TableSum dump(Connection db, String table, BufferedWriter out)
      throws SQLException, IOException {
    MessageDigest sha = sha256();
    long rows = 0;
    long total = 0;
    try (Statement s =
        db.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      s.setFetchSize(Integer.MIN_VALUE); // Connector/J streams rows one by one
      try (ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "`")) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        if (out != null) {
          ArrayNode header = JSON.createArrayNode();
          for (int i = 1; i <= n; i++) {
            header
                .addObject()
                .put("name", md.getColumnName(i))
                .put("binary", binary(md.getColumnType(i)));
          }
          out.write(JSON.writeValueAsString(header));
          out.write('\n');
        }
        while (rs.next()) {
          ArrayNode row = JSON.createArrayNode();
          for (int i = 1; i <= n; i++) {
            if (binary(md.getColumnType(i))) {
              byte[] b = rs.getBytes(i);
              row.add(b == null ? null : Base64.getEncoder().encodeToString(b));
            } else {
              row.add(rs.getString(i));
            }
          }
          String line = JSON.writeValueAsString(row);
          if (out != null) {
            out.write(line);
            out.write('\n');
          }
          byte[] h = sha.digest(line.getBytes(StandardCharsets.UTF_8));
          long v = 0;
          for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
          }
          total += v;
          rows++;
        }
      }
    }
    return new TableSum(rows, Long.toUnsignedString(total, 16));
  }

  private static void load(Connection db, String table, BufferedReader in)
      throws SQLException, IOException {
    JsonNode header = JSON.readTree(in.readLine());
    int n = header.size();
    StringBuilder sql = new StringBuilder("INSERT INTO `").append(table).append("` (");
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "`" : ", `")
          .append(header.get(i).path("name").asText())
          .append('`');
    }
    sql.append(") VALUES (").append("?, ".repeat(n - 1)).append("?)");
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
      int pending = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode row = JSON.readTree(line);
        for (int i = 0; i < n; i++) {
          JsonNode v = row.get(i);
          if (v.isNull()) {
            ps.setNull(i + 1, Types.NULL);
          } else if (header.get(i).path("binary").asBoolean()) {
            ps.setBytes(i + 1, Base64.getDecoder().decode(v.asText()));
          } else {
            ps.setString(i + 1, v.asText());
          }
        }
        ps.addBatch();
        if (++pending == BATCH) {
          ps.executeBatch();
          db.commit();
          pending = 0;
        }
      }
      ps.executeBatch();
      db.commit();
    } finally {
      db.setAutoCommit(autoCommit);
    }
  }

  private static boolean binary(int sqlType) {
    return sqlType == Types.BINARY
        || sqlType == Types.VARBINARY
        || sqlType == Types.LONGVARBINARY
        || sqlType == Types.BLOB;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
