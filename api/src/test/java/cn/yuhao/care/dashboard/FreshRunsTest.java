package cn.yuhao.care.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shared runs, ordered by latches and thread states: no sleeps, no timing (the time-out only ends a deadlock). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FreshRunsTest {
  private final FreshRuns<String, Integer> runs = new FreshRuns<>();
  private final AtomicInteger started = new AtomicInteger();
  private final CountDownLatch firstMayEnd = new CountDownLatch(1);
  private final CountDownLatch secondMayEnd = new CountDownLatch(1);

  private Integer count() {
    int n = started.incrementAndGet();
    try {
      (n == 1 ? firstMayEnd : secondMayEnd).await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return n;
  }

  private static void awaitParked(Thread t) {
    while (t.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
  }

  @Test
  void viewers_arriving_during_a_run_share_the_next_one_never_the_one_under_way() throws Exception {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    CompletableFuture<Integer> second = new CompletableFuture<>();
    CompletableFuture<Integer> third = new CompletableFuture<>();
    Thread a = new Thread(() -> first.complete(runs.get("city", this::count)));
    a.start();
    while (started.get() < 1) {
      Thread.onSpinWait();
    }
    Thread b = new Thread(() -> second.complete(runs.get("city", this::count)));
    b.start();
    awaitParked(b); // waiting for the first run to end
    Thread c = new Thread(() -> third.complete(runs.get("city", this::count)));
    c.start();
    awaitParked(c); // joined the waiting run
    firstMayEnd.countDown();
    while (started.get() < 2) {
      Thread.onSpinWait();
    }
    secondMayEnd.countDown();

    assertThat(first.get()).isEqualTo(1);
    assertThat(second.get()).isEqualTo(2);
    assertThat(third.get()).isEqualTo(2);
    assertThat(started.get()).isEqualTo(2);
    // Nothing under way: the next viewer counts afresh.
    assertThat(runs.get("city", started::incrementAndGet)).isEqualTo(3);
  }

  @Test
  void different_keys_never_share_and_a_failed_run_fails_only_those_who_shared_it() {
    assertThat(runs.get("district 500106", () -> 1)).isEqualTo(1);
    assertThat(runs.get("district 500103", () -> 2)).isEqualTo(2);
    assertThatThrownBy(() -> runs.get("city", () -> {
          throw new IllegalStateException("database away");
        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database away");
    assertThat(runs.get("city", () -> 4)).isEqualTo(4);
  }
}
