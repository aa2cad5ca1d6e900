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
    return jdbi.withHandle(h -> {
      h.createUpdate("""
              INSERT IGNORE INTO job_leases (name, holder, lease_until) VALUES (:n, '', :epoch)""")
          .bind("n", job)
          .bind("epoch", Instant.EPOCH.plusSeconds(86400))
          .execute();
      return h.createUpdate("""
              UPDATE job_leases SET holder = :me, lease_until = :until
               WHERE name = :n AND (lease_until <= :now OR holder = :me)""")
              .bind("n", job)
              .bind("me", holder)
              .bind("until", now.plus(ttl))
              .bind("now", now)
              .execute()
          == 1;
    });
  }

  /** Frees the lease after a run (only if still ours), noting when the job last ran. */
  public void release(String job) {
    Instant now = clock.instant();
    jdbi.useHandle(h ->
        h.createUpdate("""
            UPDATE job_leases SET lease_until = :now, last_run_at = :now WHERE name = :n AND holder = :me""").bind("n", job).bind("me", holder).bind("now", now).execute());
  }
}
