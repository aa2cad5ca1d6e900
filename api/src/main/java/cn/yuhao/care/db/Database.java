package cn.yuhao.care.db;

import cn.yuhao.care.config.AppConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;

/** The connection pool and Jdbi in front of either the embedded MariaDB or the server named by DB_URL. */
public final class Database implements AutoCloseable {
  private final EmbeddedMariaDb embedded;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  /** The JDBC URL in use (the embedded server's or DB_URL), for a second instance on the same database. */
  public String url() {
    return dataSource.getJdbcUrl();
  }

  private Database(EmbeddedMariaDb embedded, HikariDataSource dataSource) {
    this.embedded = embedded;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    jdbi.registerArgument(new UtcMillis());
    // Jdbi's exception messages list the bound values (names, phones): keep personal data out of
    // the logs.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.NONE);
    // InnoDB picks a deadlock victim among concurrent inserts into the same index gaps (SQLState
    // 40001): the
    // transaction is run again, up to 4 times, instead of answering 500. Transactions hold only
    // database work.
    jdbi.setTransactionHandler(new SerializableTransactionRunner());
    jdbi.getConfig(SerializableTransactionRunner.Configuration.class).setMaxRetries(4);
  }

  public static Database open(AppConfig config, MeterRegistry meters) {
    EmbeddedMariaDb embedded = config.useEmbeddedDb()
        ? EmbeddedMariaDb.start(config.dataDir(), config.production())
        : null;
    try {
      String url = embedded != null ? embedded.jdbcUrl() : config.dbUrl();
      HikariConfig hc = new HikariConfig();
      hc.setPoolName("yuhao");
      hc.setJdbcUrl(url);
      hc.setUsername(embedded != null ? "root" : config.dbUser());
      hc.setPassword(embedded != null ? "" : config.dbPassword());
      // Two cores: a small pool keeps the database busy without queueing inside it.
      hc.setMaximumPoolSize(config.dbPoolSize());
      hc.setMinimumIdle(Math.min(2, config.dbPoolSize()));
      // Fail a request fast rather than hang when the pool is exhausted.
      hc.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
      hc.setValidationTimeout(Duration.ofSeconds(2).toMillis());
      // Below MySQL's default wait_timeout (8 h) and typical proxy idle cuts.
      hc.setMaxLifetime(Duration.ofMinutes(30).toMillis());
      hc.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
      // No request holds a connection this long; if one does, log where it was taken.
      hc.setLeakDetectionThreshold(Duration.ofSeconds(20).toMillis());
      hc.setAutoCommit(true); // Jdbi opens and closes transactions itself.
      hc.setInitializationFailTimeout(Duration.ofSeconds(30).toMillis());
      hc.setMetricRegistry(meters);
      connectorProperties().forEach(hc::addDataSourceProperty);
      return new Database(embedded, new HikariDataSource(hc));
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  /** Connector/J settings, taken from the CONVENTIONS notes; times are always UTC on the wire. */
  private static java.util.Map<String, String> connectorProperties() {
    return java.util.Map.ofEntries(
        java.util.Map.entry("connectionTimeZone", "UTC"),
        java.util.Map.entry("characterEncoding", "UTF-8"),
        java.util.Map.entry("rewriteBatchedStatements", "true"),
        java.util.Map.entry("cachePrepStmts", "true"),
        java.util.Map.entry("prepStmtCacheSize", "250"),
        java.util.Map.entry("prepStmtCacheSqlLimit", "2048"),
        java.util.Map.entry("useServerPrepStmts", "true"),
        java.util.Map.entry("useLocalSessionState", "true"),
        java.util.Map.entry("cacheServerConfiguration", "true"),
        java.util.Map.entry("connectTimeout", "5000"),
        java.util.Map.entry("socketTimeout", "30000"),
        java.util.Map.entry("allowPublicKeyRetrieval", "true"),
        java.util.Map.entry("sslMode", "PREFERRED"));
  }

  /**
   * Whether a failure is the database being away (down, frozen past the socket timeout, or the pool found no
   * connection in time) rather than a bug: the request is answered 503, to be retried.
   */
  public static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof com.mysql.cj.exceptions.CJCommunicationsException
          || t instanceof com.mysql.cj.jdbc.exceptions.CommunicationsException
          || t instanceof java.sql.SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08")
          || t instanceof org.jdbi.v3.core.ConnectionException) {
        return true;
      }
    }
    return false;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
