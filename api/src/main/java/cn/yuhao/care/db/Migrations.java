package cn.yuhao.care.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** Flyway over the SQL in the migrations module; run at start-up and by the {@code migrate} command. */
public final class Migrations {
  private final Flyway flyway;

  public Migrations(DataSource dataSource) {
    this.flyway = Flyway.configure()
        .dataSource(withoutSocketTimeout(dataSource))
        .locations("classpath:db/migration")
        .validateMigrationNaming(true)
        .load();
  }

  /**
   * A migration may rewrite a large table for longer than the pool's 30 s socket timeout (seen: a column rebuild of a
   * million care records); its connections wait as long as the statement takes. The pool restores the timeout on return.
   */
  private static DataSource withoutSocketTimeout(DataSource pool) {
    return (DataSource) Proxy.newProxyInstance(
        DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          try {
            Object result = method.invoke(pool, args);
            if (result instanceof Connection c) {
              c.setNetworkTimeout(Runnable::run, 0);
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The newest migration this build ships (a restore refuses a backup of a newer schema). */
  public int latestVersion() {
    return java.util.Arrays.stream(flyway.info().all())
        .filter(i -> i.getVersion() != null)
        .mapToInt(i -> Integer.parseInt(i.getVersion().getVersion()))
        .max()
        .orElse(0);
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
        .setQueryTimeout(2)
        .mapTo(Integer.class)
        .one());
  }
}
