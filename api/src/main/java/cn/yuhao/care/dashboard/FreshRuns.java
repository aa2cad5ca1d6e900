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
    synchronized (this) {
      Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
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
        Slot<V> slot = slots.get(key);
        slot.running = mine;
        slot.waiting = null;
      }
    }
    try {
      mine.complete(compute.get());
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
    } finally {
      synchronized (this) {
        Slot<V> slot = slots.get(key);
        if (slot.running == mine) {
          slot.running = null;
          if (slot.waiting == null) {
            slots.remove(key);
          }
        }
      }
    }
    return join(mine);
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
