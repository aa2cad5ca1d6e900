package cn.yuhao.care.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

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

  /**
   * Versioned migrations applied successfully; right after {@link #migrate()} this is every migration the
   * build ships, which /ready then expects to keep finding.
   */
  public static int applied(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")
        .setQueryTimeout(2).mapTo(Integer.class).one());
  }
}
