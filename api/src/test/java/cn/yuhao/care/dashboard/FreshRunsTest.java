package cn.yuhao.care.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shared runs, ordered by latches and by what the runs themselves show: no sleeps, no timing, no thread states. */
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

  /** A viewer on her own thread; whatever she is answered, figures or an exception, ends up in the future. */
  private CompletableFuture<Integer> viewer() {
    return CompletableFuture.supplyAsync(
        () -> runs.get("city", this::count), r -> new Thread(r).start());
  }

  private static void await(BooleanSupplier condition) {
    while (!condition.getAsBoolean()) {
      Thread.onSpinWait();
    }
  }

  @Test
  void viewers_arriving_during_a_run_share_the_next_one_never_the_one_under_way() throws Exception {
    CompletableFuture<Integer> first = viewer();
    await(() -> started.get() == 1);
    CompletableFuture<Integer> second = viewer();
    await(() -> runs.waitingRun("city") != null); // the second waits for the first run to end
    CompletableFuture<Integer> third = viewer();
    await(() -> runs.waitingRun("city").getNumberOfDependents()
        == 1); // the third has joined the second's run
    firstMayEnd.countDown();
    await(() -> started.get() == 2);
    secondMayEnd.countDown();

    assertThat(first.get()).isEqualTo(1);
    assertThat(second.get()).isEqualTo(2);
    assertThat(third.get()).isEqualTo(2);
    assertThat(started.get()).isEqualTo(2);
    // Nothing under way: the next viewer counts afresh.
    assertThat(runs.get("city", started::incrementAndGet)).isEqualTo(3);
    assertThat(runs.waitingRun("city")).isNull();
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
