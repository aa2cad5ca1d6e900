package cn.yuhao.care.ops;

import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.db.Database;
import cn.yuhao.care.db.Migrations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

/**
 * The operator's commands besides serving: migrate, backup, restore, rekey and reindex. Each opens the database,
 * does its one job, says what it did on stdout, and closes; a refusal is an exception with the reason.
 */
public final class Commands {
  private Commands() {}

  public static void migrate(AppConfig config) {
    try (Database db = Database.open(config, new SimpleMeterRegistry())) {
      int n = new Migrations(db.dataSource()).migrate();
      System.out.println("applied " + n + " migrations");
    }
  }

  public static void backup(AppConfig config, List<String> argv) {
    java.nio.file.Path to = java.nio.file.Path.of(option(argv, "--to"));
    try (Database db = Database.open(config, new SimpleMeterRegistry());
        java.sql.Connection c = db.dataSource().getConnection()) {
      byte[] keys = argv.contains("--with-keys")
          ? cn.yuhao.care.privacy.KeyEnvelope.seal(
              cn.yuhao.care.privacy.KeyEnvelope.text(cn.yuhao.care.privacy.Keys.load(config)),
              passphrase())
          : null;
      var manifest = cn.yuhao.care.db.Backup.create(c, to, keys);
      System.out.println("backup of schema V" + manifest.path("schemaVersion").asInt() + ", "
          + manifest.path("tables").size() + " tables, written to " + to
          + (keys == null ? " (without keys)" : " (with the keys, sealed with BACKUP_PASSPHRASE)"));
    } catch (java.sql.SQLException | java.io.IOException e) {
      throw new IllegalStateException("backup failed: " + e.getMessage(), e);
    }
  }

  public static void restore(AppConfig config, List<String> argv) {
    java.nio.file.Path from = java.nio.file.Path.of(option(argv, "--from"));
    try (Database db = Database.open(config, new SimpleMeterRegistry());
        java.sql.Connection c = db.dataSource().getConnection()) {
      int shipped = new Migrations(db.dataSource()).latestVersion();
      var manifest = cn.yuhao.care.db.Backup.restore(c, from, shipped);
      System.out.println("restored schema V" + manifest.path("schemaVersion").asInt() + ", "
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

  public static void rekey(AppConfig config) {
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

  public static void reindex(AppConfig config) {
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
}
