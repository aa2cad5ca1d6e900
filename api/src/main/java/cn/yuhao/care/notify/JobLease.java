package cn.yuhao.care.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * A lease row per job, so that with several instances a job runs on one at a time: taking it is a single
 * guarded UPDATE that succeeds only when the lease is free or expired (or already ours). An instance that dies
 * holding it loses it when it expires.
 */
public final class JobLease {
  private final Jdbi jdbi;
  private final String holder;
  private final Clock clock;

  public JobLease(Jdbi jdbi, String holder, Clock clock) {
    this.jdbi = jdbi;
    this.holder = holder;
    this.clock = clock;
  }

  public boolean acquire(String job, Duration ttl) {
    Instant now = clock.instant();
    return jdbi.withHandle(h -> new NotifyDao(h).takeLease(job, holder, now.plus(ttl), now));
  }

  /** Frees the lease after a run (only if still ours), noting when the job last ran. */
  public void release(String job) {
    Instant now = clock.instant();
    jdbi.useHandle(h -> new NotifyDao(h).releaseLease(job, holder, now));
  }
}
