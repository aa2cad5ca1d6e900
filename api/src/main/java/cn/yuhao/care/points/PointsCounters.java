package cn.yuhao.care.points;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * What the ledger tells the dashboard about each transaction it books, in the same transaction; see
 * ChildCounters. The transaction row carries its district (the volunteer's when it was booked).
 */
public interface PointsCounters {
  /** The dashboard's points figures a transaction moves. */
  enum Figure {
    /** Earned and granted, less claw-backs. */
    ISSUED,
    /** Captured by a merchant. */
    REDEEMED,
    /** Posted to the expiry account, by expiry or by releasing a redemption whose lots expired meanwhile. */
    EXPIRED
  }

  /** The transaction, booked at the instant, moved the figure by the amount (negative for a claw-back). */
  void booked(Handle h, long transactionId, Instant bookedAt, Figure figure, long amount);
}
