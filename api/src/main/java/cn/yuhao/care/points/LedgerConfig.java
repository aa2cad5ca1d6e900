package cn.yuhao.care.points;

import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The ledger's collaborators that live as long as the service, kept in Jdbi's configuration (as the session cache
 * is) so that every {@link Ledger}, whichever service or job opens it on a handle, tells the same counters.
 */
public final class LedgerConfig implements JdbiConfig<LedgerConfig> {
  private PointsCounters counters;

  public LedgerConfig() {}

  public void counters(PointsCounters counters) {
    this.counters = counters;
  }

  /** The counters; a ledger that books without them would leave the dashboard silently behind. */
  PointsCounters counters() {
    if (counters == null) {
      throw new IllegalStateException("the ledger's PointsCounters are not wired");
    }
    return counters;
  }

  /** Shared, not copied: set once at wiring. */
  @Override
  public LedgerConfig createCopy() {
    return this;
  }
}
