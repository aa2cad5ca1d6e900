package cn.yuhao.care.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Flyway over the SQL in the migrations module; run at start-up and by the {@code migrate} command. */
public final class Migrations {
  private final Flyway flyway;

  public Migrations(DataSource dataSource) {
    this.flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .validateMigrationNaming(true)
        .load();
  }

  public int migrate() {
    return flyway.migrate().migrationsExecuted;
  }

  /** The number of migrations this build ships; /ready compares it with what the database has applied. */
  public int shipped() {
    MigrationInfo[] all = flyway.info().all();
    return all.length;
  }
}
