package cn.yuhao.care.points;

import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The double-entry points ledger (SQL only, always inside the caller's transaction). A transaction is booked once
 * per business key: the key is claimed first, so a concurrent duplicate waits on it and then finds it taken.
 * Each leg moves an account's cached balance with a guarded UPDATE that cannot take it below zero; user and
 * merchant accounts are moved before the program's shared accounts, so every transaction locks in the same order
 * and the hot shared rows are held for the shortest time.
 */
public final class Ledger {
  public static final long ISSUANCE = 1;
  public static final long EXPIRY = 2;
  /** Shard 0 of the held account; shards 1–15 have ids 4–18 (V43). */
  public static final long HELD = 3;

  static final int HELD_SHARDS = 16;
  /** The program's accounts have ids up to this; user and merchant accounts have TSIDs. */
  private static final long LAST_PROGRAM_ACCOUNT = 18;

  /** The held account shard a redemption uses, so concurrent redemptions do not queue on one row. */
  public static long held(long redemptionId) {
    int shard = (int) Math.floorMod(redemptionId, (long) HELD_SHARDS);
    return shard == 0 ? HELD : 3 + shard;
  }

  /**
   * Runs a transaction that writes the ledger, at READ COMMITTED. READ COMMITTED takes no gap locks, which under
   * REPEATABLE READ made first-time volunteers' transactions deadlock on empty index ranges (found by the
   * redemption benchmark); nothing is lost by it, because each volunteer's ledger work runs under her account's
   * row lock, balances and stock move only by guarded UPDATEs, and lots are read with locking reads.
   */
  public static <R, X extends Exception> R inTransaction(Jdbi jdbi, HandleCallback<R, X> work)
      throws X {
    return jdbi.inTransaction(h -> {
      // For this transaction only: one statement, where Jdbi's isolation switch costs a set and a
      // reset.
      h.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
      return work.withHandle(h);
    });
  }

  public static <X extends Exception> void useTransaction(Jdbi jdbi, HandleConsumer<X> work)
      throws X {
    inTransaction(jdbi, h -> {
      work.useHandle(h);
      return null;
    });
  }

  /** One side of a transaction: a signed amount on an account. */
  public record Leg(long accountId, long amount) {}

  /** What a transaction is about, besides its legs. */
  public record Booking(
      String businessKey,
      String kind,
      Long userId,
      Long redemptionId,
      LocalDate earnDay,
      long amount,
      String memo,
      Long createdBy) {}

  private final Handle h;

  public Ledger(Handle h) {
    this.h = h;
  }

  /** The account of a kind and owner, created on first use. */
  public long account(String kind, long ownerId, Instant now) {
    Optional<Long> id = find(kind, ownerId);
    if (id.isPresent()) {
      return id.get();
    }
    h.createUpdate("""
            INSERT IGNORE INTO points_accounts (id, kind, owner_id, balance, allow_negative, created_at)
            VALUES (:id, :k, :o, 0, FALSE, :now)""")
        .bind("id", Ids.next())
        .bind("k", kind)
        .bind("o", ownerId)
        .bind("now", now)
        .execute();
    // A locking read: under REPEATABLE READ a plain one would miss a row a concurrent transaction
    // just committed.
    return h.createQuery(
            "SELECT id FROM points_accounts WHERE kind = :k AND owner_id = :o FOR UPDATE")
        .bind("k", kind)
        .bind("o", ownerId)
        .mapTo(Long.class)
        .one();
  }

  private Optional<Long> find(String kind, long ownerId) {
    return h.createQuery("SELECT id FROM points_accounts WHERE kind = :k AND owner_id = :o")
        .bind("k", kind)
        .bind("o", ownerId)
        .mapTo(Long.class)
        .findOne();
  }

  /** An account's id and balance, read with its row locked. */
  public record Locked(long id, long balance) {}

  /**
   * The account of a kind and owner (created on first use), its row locked for the rest of the transaction: a
   * volunteer's own ledger work (and her daily cap, her limits) then runs one transaction at a time.
   */
  public Locked lock(String kind, long ownerId, Instant now) {
    var select =
        "SELECT id, balance FROM points_accounts WHERE kind = :k AND owner_id = :o FOR UPDATE";
    return h.createQuery(select)
        .bind("k", kind)
        .bind("o", ownerId)
        .map((rs, ctx) -> new Locked(rs.getLong(1), rs.getLong(2)))
        .findOne()
        .orElseGet(() -> {
          account(kind, ownerId, now);
          return h.createQuery(select)
              .bind("k", kind)
              .bind("o", ownerId)
              .map((rs, ctx) -> new Locked(rs.getLong(1), rs.getLong(2)))
              .one();
        });
  }

  /** Whether a business key has been booked already. */
  public boolean booked(String businessKey) {
    return h.createQuery("SELECT 1 FROM points_transactions WHERE business_key = :k")
        .bind("k", businessKey)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  /**
   * Claims the business key; empty when it was booked before (re-delivery, a concurrent duplicate that committed
   * first). The legs are booked with {@link #post}, in the same transaction.
   */
  public Optional<Long> claim(Booking b, Instant now) {
    long id = Ids.next();
    int inserted = h.createUpdate("""
            INSERT IGNORE INTO points_transactions (id, business_key, kind, user_id, redemption_id, earn_day, amount,
                                                    memo, created_by, created_at)
            VALUES (:id, :key, :kind, :u, :r, :day, :amount, :memo, :by, :now)""")
        .bind("id", id)
        .bind("key", b.businessKey())
        .bind("kind", b.kind())
        .bind("u", b.userId())
        .bind("r", b.redemptionId())
        .bind("day", b.earnDay())
        .bind("amount", b.amount())
        .bind("memo", b.memo())
        .bind("by", b.createdBy())
        .bind("now", now)
        .execute();
    return inserted == 1 ? Optional.of(id) : Optional.empty();
  }

  /** Books the legs of a claimed transaction; 409 when an account that may not go negative would. */
  public void post(long transactionId, List<Leg> legs, Instant now) {
    if (legs.stream().mapToLong(Leg::amount).sum() != 0) {
      throw new IllegalStateException(
          "unbalanced points transaction " + transactionId + ": " + legs);
    }
    List<Leg> ordered =
        new ArrayList<>(legs.stream().filter(l -> l.amount() != 0).toList());
    ordered.sort(Comparator.comparing((Leg l) -> l.accountId() <= LAST_PROGRAM_ACCOUNT)
        .thenComparing(Leg::accountId));
    if (ordered.isEmpty()) {
      return;
    }
    // Entries first: they lock nothing shared, so the balances' row locks come last, just before
    // the commit.
    var batch = h.prepareBatch("""
        INSERT INTO points_entries (id, transaction_id, account_id, amount, created_at)
        VALUES (:id, :t, :a, :amount, :now)""");
    for (Leg leg : ordered) {
      batch
          .bind("id", Ids.next())
          .bind("t", transactionId)
          .bind("a", leg.accountId())
          .bind("amount", leg.amount())
          .bind("now", now)
          .add();
    }
    batch.execute();
    for (Leg leg : ordered) {
      int moved = h.createUpdate("""
              UPDATE points_accounts SET balance = balance + :amount
               WHERE id = :id AND (allow_negative OR balance + :amount >= 0)""")
          .bind("amount", leg.amount())
          .bind("id", leg.accountId())
          .execute();
      if (moved != 1) {
        throw new AppException(ErrorCode.INSUFFICIENT_POINTS, "积分不足");
      }
    }
  }

  // ---- lots ----

  /** A new earning lot. */
  public void addLot(
      long userId,
      long transactionId,
      long amount,
      boolean matured,
      Instant availableAt,
      Instant expiresAt,
      Instant now) {
    h.createUpdate("""
            INSERT INTO points_lots (id, user_id, transaction_id, amount, remaining, matured, available_at, expires_at,
                                     created_at)
            VALUES (:id, :u, :t, :a, :a, :m, :avail, :exp, :now)""")
        .bind("id", Ids.next())
        .bind("u", userId)
        .bind("t", transactionId)
        .bind("a", amount)
        .bind("m", matured)
        .bind("avail", availableAt)
        .bind("exp", expiresAt)
        .bind("now", now)
        .execute();
  }

  record Lot(long id, long remaining, Instant expiresAt) {}

  /**
   * Takes {@code amount} from the user's matured lots that expire first, remembering which for a later release.
   * The caller has already moved the balance (so the lots are enough unless one expired unbooked; see
   * {@code PointsService.expireDue}, run first).
   */
  public void consumeLots(long userId, long transactionId, long amount, Instant now) {
    consumeLots(spendableLots(userId), transactionId, amount, now);
  }

  /** The user's matured lots with points left, expiring first, locked (expired ones too: the caller checks). */
  List<Lot> spendableLots(long userId) {
    return h.createQuery("""
            SELECT id, remaining, expires_at FROM points_lots
             WHERE user_id = :u AND matured AND remaining > 0 ORDER BY expires_at, id FOR UPDATE""")
        .bind("u", userId)
        .map((rs, ctx) ->
            new Lot(rs.getLong(1), rs.getLong(2), Columns.instant(rs, "expires_at", ctx)))
        .list();
  }

  void consumeLots(List<Lot> lots, long transactionId, long amount, Instant now) {
    long left = amount;
    for (Lot lot : lots) {
      if (left == 0) {
        break;
      }
      if (!lot.expiresAt().isAfter(now)) {
        continue;
      }
      long take = Math.min(left, lot.remaining());
      h.createUpdate("UPDATE points_lots SET remaining = remaining - :t WHERE id = :id")
          .bind("t", take)
          .bind("id", lot.id())
          .execute();
      h.createUpdate(
              "INSERT INTO points_lot_uses (transaction_id, lot_id, amount) VALUES (:tx, :lot, :t)")
          .bind("tx", transactionId)
          .bind("lot", lot.id())
          .bind("t", take)
          .execute();
      left -= take;
    }
    if (left > 0) {
      throw new AppException(ErrorCode.INSUFFICIENT_POINTS, "可用积分不足");
    }
  }

  /** Points a released spending gives back: to lots still valid, and how much belonged to lots since expired. */
  public record Restored(long toVolunteer, long expired) {}

  public Restored restoreLots(long spendingTransactionId, Instant now) {
    var uses = h.createQuery("""
            SELECT u.lot_id, u.amount, l.expires_at FROM points_lot_uses u JOIN points_lots l ON l.id = u.lot_id
             WHERE u.transaction_id = :t ORDER BY u.lot_id FOR UPDATE""")
        .bind("t", spendingTransactionId)
        .map((rs, ctx) ->
            new Lot(rs.getLong(1), rs.getLong(2), Columns.instant(rs, "expires_at", ctx)))
        .list();
    long back = 0;
    long expired = 0;
    for (Lot use : uses) {
      if (use.expiresAt().isAfter(now)) {
        h.createUpdate("UPDATE points_lots SET remaining = remaining + :a WHERE id = :id")
            .bind("a", use.remaining())
            .bind("id", use.id())
            .execute();
        back += use.remaining();
      } else {
        expired += use.remaining();
      }
    }
    return new Restored(back, expired);
  }
}
