package cn.yuhao.care.db;

import java.sql.SQLTransactionRollbackException;
import java.util.function.Supplier;

/**
 * Runs a short transaction again when InnoDB chose it as a deadlock victim (or its lock wait timed out): under
 * bursts of inserts into the same index range this happens, and the right answer is to retry, not to fail.
 */
public final class Deadlocks {
  private static final int ATTEMPTS = 4;

  private Deadlocks() {}

  public static <T> T retry(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !isRollback(e)) {
          throw e;
        }
        try {
          Thread.sleep(5L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean isRollback(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransactionRollbackException) {
        return true;
      }
    }
    return false;
  }
}
