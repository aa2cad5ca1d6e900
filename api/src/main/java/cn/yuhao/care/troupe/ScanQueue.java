package cn.yuhao.care.troupe;

import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for live scans: a request hands its scan over and waits; the writer thread takes every scan waiting
 * (up to {@link #MAX_GROUP}) and writes them in one transaction, so forty coaches scanning at once share one commit
 * instead of queueing for forty. A request is answered only after its group committed. When the queue is full or
 * the answer is late the coach is told to retry, which her clientScanId makes safe.
 */
final class ScanQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScanQueue.class);
  static final int MAX_GROUP = 100;
  private static final int CAPACITY = 5_000;
  private static final long WAIT_SECONDS = 20;

  private record Waiting(
      AttendanceWriter.Item item, CompletableFuture<AttendanceWriter.Outcome> answer) {}

  private final AttendanceWriter writer;
  private final BlockingQueue<Waiting> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile boolean open = true;

  ScanQueue(AttendanceWriter writer) {
    this.writer = writer;
    // One writer: it competes with the request threads for the cores, and while it writes a
    // group the next one gathers. Two writers measured worse under the benchmark (groups of ~8
    // scans instead of ~15, so more statements per scan).
    thread = new Thread(this::run, "attendance-writer");
    thread.setDaemon(true);
    thread.start();
  }

  AttendanceWriter.Outcome submit(AttendanceWriter.Item item) {
    Waiting w = new Waiting(item, new CompletableFuture<>());
    if (!open || !queue.offer(w)) {
      throw busy();
    }
    try {
      return w.answer().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (cn.yuhao.care.db.Database.isUnavailable(e.getCause())) {
        throw busy(); // the coach's phone resends the same clientScanId: nothing is counted twice
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw busy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    }
  }

  private static AppException busy() {
    return new AppException(ErrorCode.BUSY, "扫码的人太多，请稍后用同一次扫码重试（不会重复记录）");
  }

  private void run() {
    List<Waiting> group = new ArrayList<>(MAX_GROUP);
    while (open || !queue.isEmpty()) {
      try {
        Waiting first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        write(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void write(List<Waiting> group) {
    try {
      List<AttendanceWriter.Outcome> outcomes =
          writer.write(group.stream().map(Waiting::item).toList());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).answer().complete(outcomes.get(i));
      }
    } catch (RuntimeException e) {
      log.error("a group of {} scans could not be written", group.size(), e);
      group.forEach(w -> w.answer().completeExceptionally(e));
    }
  }

  /** Takes no more scans, writes those waiting, then stops. */
  @Override
  public void close() throws InterruptedException {
    open = false;
    thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
  }
}
