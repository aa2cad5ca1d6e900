package cn.yuhao.care.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process scheduler: every minute each job runs if this instance can take its lease. Jobs are small
 * and idempotent (dedupe keys, guarded updates), so a run that repeats after a crash does no harm; one job's
 * failure is logged and never stops the others or a request.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final JobLease lease;
  private final Map<String, IntSupplier> jobs = new LinkedHashMap<>();
  private ScheduledExecutorService executor;

  public Scheduler(JobLease lease) {
    this.lease = lease;
  }

  /** Adds a job; it returns how much it did, for the log. */
  public Scheduler job(String name, IntSupplier job) {
    jobs.put(name, job);
    return this;
  }

  public void start(Duration every) {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scheduler");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(
        this::runOnce, every.toSeconds(), every.toSeconds(), TimeUnit.SECONDS);
  }

  /** Runs every job whose lease this instance gets; what each did, or -1 when another instance holds it. */
  public Map<String, Integer> runOnce() {
    Map<String, Integer> done = new LinkedHashMap<>();
    for (Map.Entry<String, IntSupplier> e : jobs.entrySet()) {
      String name = e.getKey();
      try {
        if (!lease.acquire(name, LEASE)) {
          done.put(name, -1);
          continue;
        }
        try {
          long t0 = System.nanoTime();
          int n = e.getValue().getAsInt();
          done.put(name, n);
          log.atInfo()
              .addKeyValue("job", name)
              .addKeyValue("count", n)
              .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000)
              .log("job {}: {}", name, n);
        } finally {
          lease.release(name);
        }
      } catch (RuntimeException ex) {
        log.error("job {} failed", name, ex);
        done.put(name, -2);
      }
    }
    return done;
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
