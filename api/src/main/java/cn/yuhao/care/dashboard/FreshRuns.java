package cn.yuhao.care.dashboard;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Viewers asking for the same figures at once share one computation, and every viewer still gets figures counted
 * after her request arrived: she joins a run that has not started yet, never one already under way (which could
 * miss what she wrote just before asking). While a run is under way, the requests that arrive wait for it to end
 * and then share the next one, so a key has at most one run under way and one waiting, however many viewers.
 */
final class FreshRuns<K, V> {
  /** The run under way and the one waiting to start after it, per key; guarded by {@code this}. */
  private static final class Slot<V> {
    CompletableFuture<V> running;
    CompletableFuture<V> waiting;
  }

  private final Map<K, Slot<V>> slots = new HashMap<>();

  V get(K key, Supplier<V> compute) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> before = null;
    CompletableFuture<V> shared;
    Slot<V> slot;
    synchronized (this) {
      slot = slots.computeIfAbsent(key, k -> new Slot<>());
      shared = slot.waiting;
      if (shared != null) {
        // a run that has not started: joined below
      } else if (slot.running == null) {
        slot.running = mine;
      } else {
        before = slot.running;
        slot.waiting = mine;
      }
    }
    if (shared != null) {
      return join(shared); // outside the lock: the run it waits for must be able to start and end
    }
    if (before != null) {
      before.handle((v, e) -> null).join();
      synchronized (this) {
        slot.running = mine; // the slot is still mapped: it is only removed once nothing waits
        slot.waiting = null;
      }
    }
    V value = null;
    Throwable failure = null;
    try {
      value = compute.get();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    // Done with the slot before anyone is told: once told, the next run may start, end and remove
    // the slot.
    synchronized (this) {
      slot.running = null;
      if (slot.waiting == null) {
        slots.remove(key, slot);
      }
    }
    if (failure != null) {
      mine.completeExceptionally(failure);
    } else {
      mine.complete(value);
    }
    return join(mine);
  }

  /** The run waiting to start for the key, if any: lets a test see who has joined it. */
  synchronized CompletableFuture<V> waitingRun(K key) {
    Slot<V> slot = slots.get(key);
    return slot == null ? null : slot.waiting;
  }

  private static <V> V join(CompletableFuture<V> run) {
    try {
      return run.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
