package cn.yuhao.care.dashboard;

import cn.yuhao.care.checklist.CarePeriods;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Recounts every counter and state row from the tables they count: for bulk loads that write around the services
 * (the benchmark's seed, the demo's back-dating) and the reference the tests compare the counters with.
 */
public final class CounterRebuild {
  private final CarePeriods periods;

  public CounterRebuild(CarePeriods periods) {
    this.periods = periods;
  }

  public void rebuild(Handle h) {
    CounterRebuildDao.run(h, periods);
  }

  /** The statements of {@link #rebuild}, for callers holding a plain JDBC connection. */
  public List<String> statements() {
    return CounterRebuildDao.statements(periods);
  }
}
