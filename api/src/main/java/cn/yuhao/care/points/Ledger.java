package cn.yuhao.care.points;

import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The double-entry points ledger's rules, always inside the caller's transaction (its SQL is {@link LedgerDao}'s). A transaction is booked once
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
      new LedgerDao(h).readCommittedFromNowOn();
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
  private final LedgerDao dao;
  /** Transactions claimed on this ledger and not yet posted: what {@link #post} counts them as. */
  private final Map<Long, Claimed> claimed = new HashMap<>();

  private record Claimed(Booking booking, Instant at) {}

  public Ledger(Handle h) {
    this.h = h;
    this.dao = new LedgerDao(h);
  }

  /** The account of a kind and owner, created on first use. */
  public long account(String kind, long ownerId, Instant now) {
    Optional<Long> id = dao.findAccount(kind, ownerId);
    if (id.isPresent()) {
      return id.get();
    }
    dao.insertAccount(kind, ownerId, now);
    return dao.lockAccount(kind, ownerId).orElseThrow().id();
  }

  /** An account's id and balance, read with its row locked. */
  public record Locked(long id, long balance) {}

  /**
   * The account of a kind and owner (created on first use), its row locked for the rest of the transaction: a
   * volunteer's own ledger work (and her daily cap, her limits) then runs one transaction at a time.
   */
  public Locked lock(String kind, long ownerId, Instant now) {
    return dao.lockAccount(kind, ownerId).orElseGet(() -> {
      dao.insertAccount(kind, ownerId, now);
      return dao.lockAccount(kind, ownerId).orElseThrow();
    });
  }

  /** Her VOLUNTEER account, locked, and her matured lots with points left, expiring first, locked with it. */
  record Spendable(Locked account, List<Lot> lots) {}

  /**
   * Her VOLUNTEER account (created on first use) and her spendable lots, locked in one read (expired lots too:
   * the caller checks). As {@link #lock}, her own ledger work then runs one transaction at a time.
   */
  Spendable lockSpendable(long userId, Instant now) {
    return dao.lockSpendable(userId).orElseGet(() -> {
      dao.insertAccount("VOLUNTEER", userId, now);
      return dao.lockSpendable(userId).orElseThrow();
    });
  }

  /** Whether a business key has been booked already. */
  public boolean booked(String businessKey) {
    return dao.booked(businessKey);
  }

  /**
   * Claims the business key; empty when it was booked before (re-delivery, a concurrent duplicate that committed
   * first). The legs are booked with {@link #post}, in the same transaction.
   */
  public Optional<Long> claim(Booking b, Instant now) {
    long id = Ids.next();
    if (!dao.insertTransaction(id, b, now)) {
      return Optional.empty();
    }
    claimed.put(id, new Claimed(b, now));
    return Optional.of(id);
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
      claimed.remove(transactionId);
      return;
    }
    // Entries first: they lock nothing shared, so the balances' row locks come last, just before
    // the commit.
    dao.insertEntries(transactionId, ordered, now);
    // One round trip for the usual legs on distinct accounts; an account twice moves leg by leg.
    boolean distinct = ordered.stream().map(Leg::accountId).distinct().count() == ordered.size();
    boolean moved =
        distinct ? dao.moveBalances(ordered) : ordered.stream().allMatch(dao::moveBalance);
    if (!moved) {
      throw new AppException(ErrorCode.INSUFFICIENT_POINTS, "积分不足");
    }
    count(transactionId, ordered);
  }

  /** Tells the dashboard what the transaction moved (the same rules as {@code CounterRebuild}'s recount). */
  private void count(long transactionId, List<Leg> legs) {
    Claimed c = claimed.remove(transactionId);
    if (c == null) {
      throw new IllegalStateException(
          "points transaction " + transactionId + " was not claimed here");
    }
    long amount = c.booking().amount();
    long toExpiry = legs.stream()
        .filter(l -> l.accountId() == EXPIRY)
        .mapToLong(Leg::amount)
        .sum();
    PointsCounters counters = h.getConfig(LedgerConfig.class).counters();
    switch (c.booking().kind()) {
      case "EARN", "GRANT" ->
        counters.booked(h, transactionId, c.at(), PointsCounters.Figure.ISSUED, amount);
      case "CLAWBACK" ->
        counters.booked(h, transactionId, c.at(), PointsCounters.Figure.ISSUED, -amount);
      case "CAPTURE" ->
        counters.booked(h, transactionId, c.at(), PointsCounters.Figure.REDEEMED, amount);
      case "EXPIRE", "RELEASE" ->
        counters.booked(h, transactionId, c.at(), PointsCounters.Figure.EXPIRED, toExpiry);
      default -> {}
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
    dao.insertLot(userId, transactionId, amount, matured, availableAt, expiresAt, now);
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
    return dao.spendableLots(userId);
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
      dao.useLot(lot.id(), transactionId, take);
      left -= take;
    }
    if (left > 0) {
      throw new AppException(ErrorCode.INSUFFICIENT_POINTS, "可用积分不足");
    }
  }

  /** Points a released spending gives back: to lots still valid, and how much belonged to lots since expired. */
  public record Restored(long toVolunteer, long expired) {}

  public Restored restoreLots(long spendingTransactionId, Instant now) {
    var uses = dao.lotUses(spendingTransactionId);
    long back = 0;
    long expired = 0;
    for (Lot use : uses) {
      if (use.expiresAt().isAfter(now)) {
        dao.returnToLot(use.id(), use.remaining());
        back += use.remaining();
      } else {
        expired += use.remaining();
      }
    }
    return new Restored(back, expired);
  }
}
