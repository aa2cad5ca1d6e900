package cn.yuhao.care;

import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.db.Database;
import cn.yuhao.care.db.Migrations;
import cn.yuhao.care.demo.DemoData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Commands: {@code serve [--demo]} (default) runs the service; {@code migrate} applies migrations and
 * exits; {@code demo} loads the demo data and exits; {@code rekey} seals every sealed column again with the
 * active data key (resumable); {@code reindex} recomputes the blind indexes with INDEX_KEY; {@code backup --to FILE [--with-keys]} and {@code restore --from FILE
 * [--keys-to FILE]}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    // Before the first logger exists: LOG_FORMAT=json selects the JSON configuration.
    if ("json".equalsIgnoreCase(System.getenv("LOG_FORMAT"))
        && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    List<String> argv = List.of(args);
    String command = argv.isEmpty() || argv.get(0).startsWith("--") ? "serve" : argv.get(0);
    AppConfig config;
    try {
      config = AppConfig.fromEnv(System.getenv());
    } catch (AppConfig.ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Millisecond ticks: the database keeps DATETIME(3), so what we answer equals what we store.
    Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
    try {
      run(command, config, clock, argv);
    } catch (AppConfig.ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
    } catch (IllegalStateException | IllegalArgumentException e) {
      if (command.equals("serve")) {
        throw e;
      }
      // A refused backup, restore or rekey: the reason, not a stack trace.
      System.err.println(command + " refused: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String command, AppConfig config, Clock clock, List<String> argv)
      throws InterruptedException {
    switch (command) {
      case "serve" -> serve(config, clock, argv.contains("--demo"));
      case "migrate" -> {
        try (Database db = Database.open(config, new SimpleMeterRegistry())) {
          int n = new Migrations(db.dataSource()).migrate();
          System.out.println("applied " + n + " migrations");
        }
      }
      case "backup" -> {
        java.nio.file.Path to = java.nio.file.Path.of(option(argv, "--to"));
        try (Database db = Database.open(config, new SimpleMeterRegistry());
            java.sql.Connection c = db.dataSource().getConnection()) {
          byte[] keys = argv.contains("--with-keys")
              ? cn.yuhao.care.privacy.KeyEnvelope.seal(
                  cn.yuhao.care.privacy.KeyEnvelope.text(cn.yuhao.care.privacy.Keys.load(config)),
                  passphrase())
              : null;
          var manifest = cn.yuhao.care.db.Backup.create(c, to, keys);
          System.out.println(
              "backup of schema V" + manifest.path("schemaVersion").asInt() + ", "
                  + manifest.path("tables").size() + " tables, written to " + to
                  + (keys == null
                      ? " (without keys)"
                      : " (with the keys, sealed with BACKUP_PASSPHRASE)"));
        } catch (java.sql.SQLException | java.io.IOException e) {
          throw new IllegalStateException("backup failed: " + e.getMessage(), e);
        }
      }
      case "restore" -> {
        java.nio.file.Path from = java.nio.file.Path.of(option(argv, "--from"));
        try (Database db = Database.open(config, new SimpleMeterRegistry());
            java.sql.Connection c = db.dataSource().getConnection()) {
          int shipped = new Migrations(db.dataSource()).latestVersion();
          var manifest = cn.yuhao.care.db.Backup.restore(c, from, shipped);
          System.out.println(
              "restored schema V" + manifest.path("schemaVersion").asInt() + ", "
                  + manifest.path("tables").size()
                  + " tables, every count and checksum as in the backup");
          if (argv.contains("--keys-to")) {
            byte[] sealed = cn.yuhao.care.db.Backup.sealedKeys(from);
            if (sealed == null) {
              throw new IllegalStateException("this backup carries no keys");
            }
            java.nio.file.Path keysFile = java.nio.file.Path.of(option(argv, "--keys-to"));
            java.nio.file.Files.writeString(
                keysFile, cn.yuhao.care.privacy.KeyEnvelope.open(sealed, passphrase()));
            keysFile.toFile().setReadable(false, false);
            keysFile.toFile().setReadable(true, true);
            System.out.println("keys written to " + keysFile + " (readable by this user only)");
          }
        } catch (java.sql.SQLException | java.io.IOException e) {
          throw new IllegalStateException("restore failed: " + e.getMessage(), e);
        }
      }
      case "rekey" -> {
        try (Database db = Database.open(config, new SimpleMeterRegistry())) {
          cn.yuhao.care.privacy.Keys keys = cn.yuhao.care.privacy.Keys.load(config);
          var report = new cn.yuhao.care.privacy.Rekey(
                  db.jdbi(), new cn.yuhao.care.privacy.FieldCipher(keys), keys)
              .run(500, Integer.MAX_VALUE);
          report
              .resealed()
              .forEach((column, n) -> System.out.println(column + ": " + n + " sealed again"));
          System.out.println(
              report.remaining() == 0
                  ? "every value is sealed with " + keys.activeKeyId()
                      + ": the old keys can be removed from DATA_KEY"
                  : report.remaining()
                      + " values are still on an old key (an instance not restarted with the new "
                      + "DATA_KEY keeps writing them): restart every instance, then run rekey again");
        }
      }
      case "reindex" -> {
        try (Database db = Database.open(config, new SimpleMeterRegistry())) {
          cn.yuhao.care.privacy.Keys keys = cn.yuhao.care.privacy.Keys.load(config);
          var reindex = new cn.yuhao.care.privacy.Reindex(
              db.jdbi(),
              new cn.yuhao.care.privacy.FieldCipher(keys),
              new cn.yuhao.care.privacy.BlindIndex(keys));
          reindex
              .run(500, Integer.MAX_VALUE)
              .forEach((column, n) -> System.out.println(column + ": " + n + " recomputed"));
          int stale = reindex.stale();
          System.out.println(
              stale == 0
                  ? "every blind index matches INDEX_KEY: the service can start"
                  : stale
                      + " indexes still differ (a value changed during the run?): run reindex again");
        }
      }
      case "demo" -> {
        try (App app = App.start(config.withPort(0), clock)) {
          DemoData.load(app.services(), clock);
        }
      }
      default -> {
        System.err.println(
            "usage: java -jar yuhao-care-api.jar [serve [--demo] | migrate | demo | rekey"
                + " | reindex | backup --to FILE [--with-keys] | restore --from FILE [--keys-to FILE]]");
        System.exit(2);
      }
    }
  }

  private static String option(List<String> argv, String name) {
    int i = argv.indexOf(name);
    if (i < 0 || i + 1 >= argv.size()) {
      throw new AppConfig.ConfigException(name + " FILE is required");
    }
    return argv.get(i + 1);
  }

  /** BACKUP_PASSPHRASE seals and opens the keys a backup carries; a short one would be guessed. */
  private static char[] passphrase() {
    String p = System.getenv("BACKUP_PASSPHRASE");
    if (p == null || p.length() < 12) {
      throw new AppConfig.ConfigException(
          "BACKUP_PASSPHRASE (at least 12 characters) is needed for the keys");
    }
    return p.toCharArray();
  }

  private static void serve(AppConfig config, Clock clock, boolean demo)
      throws InterruptedException {
    // The demo data is loaded before the port opens, so /ready answers only when it is there.
    App app = App.start(
        config, clock, demo ? services -> DemoData.load(services, clock) : services -> {});
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(
            () -> {
              app.close();
              stopped.countDown();
            },
            "shutdown"));
    stopped.await();
  }
}
