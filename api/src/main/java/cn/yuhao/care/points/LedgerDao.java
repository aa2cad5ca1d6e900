package cn.yuhao.care.points;

import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of the points ledger: accounts, transactions, entries and earning lots. {@link Ledger} holds its rules. */
final class LedgerDao {
  private final Handle h;

  LedgerDao(Handle h) {
    this.h = h;
  }

  /**
   * READ COMMITTED for the rest of this transaction: one statement, where Jdbi's isolation switch costs a set and
   * a reset.
   */
  void readCommittedFromNowOn() {
    h.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
  }

  Optional<Long> findAccount(String kind, long ownerId) {
    return h.createQuery("SELECT id FROM points_accounts WHERE kind = :k AND owner_id = :o")
        .bind("k", kind)
        .bind("o", ownerId)
        .mapTo(Long.class)
        .findOne();
  }

  /** Creates the account unless a concurrent transaction did. */
  void insertAccount(String kind, long ownerId, Instant now) {
    h.createUpdate("""
            INSERT IGNORE INTO points_accounts (id, kind, owner_id, balance, allow_negative, created_at)
            VALUES (:id, :k, :o, 0, FALSE, :now)""")
        .bind("id", Ids.next())
        .bind("k", kind)
        .bind("o", ownerId)
        .bind("now", now)
        .execute();
  }

  /** The account, its row locked (a locking read also sees a row a concurrent transaction just committed). */
  Optional<Ledger.Locked> lockAccount(String kind, long ownerId) {
    return h.createQuery("""
            SELECT id, balance FROM points_accounts WHERE kind = :k AND owner_id = :o FOR UPDATE""")
        .bind("k", kind)
        .bind("o", ownerId)
        .map((rs, ctx) -> new Ledger.Locked(rs.getLong(1), rs.getLong(2)))
        .findOne();
  }

  /**
   * Her VOLUNTEER account and her matured lots with points left (expiring first), all locked in one read: what
   * spending needs, one round trip instead of two. Empty when she has no account yet.
   */
  Optional<Ledger.Spendable> lockSpendable(long userId) {
    List<AccountLot> rows = h.createQuery("""
            SELECT a.id, a.balance, l.id AS lot_id, l.remaining, l.expires_at FROM points_accounts a
              LEFT JOIN points_lots l ON l.user_id = a.owner_id AND l.matured AND l.remaining > 0
             WHERE a.kind = 'VOLUNTEER' AND a.owner_id = :u ORDER BY l.expires_at, l.id FOR UPDATE""")
        .bind("u", userId)
        .map((rs, ctx) -> new AccountLot(
            new Ledger.Locked(rs.getLong(1), rs.getLong(2)),
            rs.getObject("lot_id") == null
                ? null
                : new Ledger.Lot(
                    rs.getLong("lot_id"),
                    rs.getLong("remaining"),
                    Columns.instant(rs, "expires_at", ctx))))
        .list();
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(new Ledger.Spendable(
            rows.get(0).account(),
            rows.stream().map(AccountLot::lot).filter(Objects::nonNull).toList()));
  }

  /** A row of {@link #lockSpendable}: the account, and one lot (null when she has none). */
  private record AccountLot(Ledger.Locked account, Ledger.Lot lot) {}

  boolean booked(String businessKey) {
    return h.createQuery("SELECT 1 FROM points_transactions WHERE business_key = :k")
        .bind("k", businessKey)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  /**
   * Inserts the transaction unless its business key is taken; false when it is. Its district is the volunteer's
   * now, read in the same statement.
   */
  boolean insertTransaction(long id, Ledger.Booking b, Instant now) {
    return h.createUpdate("""
                INSERT IGNORE INTO points_transactions (id, business_key, kind, user_id, redemption_id, earn_day, amount,
                                                        memo, created_by, created_at, district_code)
                VALUES (:id, :key, :kind, :u, :r, :day, :amount, :memo, :by, :now,
                        (SELECT v.district_code FROM volunteers v WHERE v.user_id = :u))""")
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
            .execute()
        == 1;
  }

  void insertEntries(long transactionId, List<Ledger.Leg> legs, Instant now) {
    var batch = h.prepareBatch("""
        INSERT INTO points_entries (id, transaction_id, account_id, amount, created_at)
        VALUES (:id, :t, :a, :amount, :now)""");
    for (Ledger.Leg leg : legs) {
      batch
          .bind("id", Ids.next())
          .bind("t", transactionId)
          .bind("a", leg.accountId())
          .bind("amount", leg.amount())
          .bind("now", now)
          .add();
    }
    batch.execute();
  }

  /** Moves the balance by the leg; false when an account that may not go negative would. */
  boolean moveBalance(Ledger.Leg leg) {
    return h.createUpdate("""
                UPDATE points_accounts SET balance = balance + :amount
                 WHERE id = :id AND (allow_negative OR balance + :amount >= 0)""")
            .bind("amount", leg.amount())
            .bind("id", leg.accountId())
            .execute()
        == 1;
  }

  /**
   * Moves the balances of distinct accounts by their legs in one statement; false when an account that may not
   * go negative would (then nothing moved: the statement matched fewer rows than legs and the caller rolls back).
   */
  boolean moveBalances(List<Ledger.Leg> legs) {
    StringBuilder amount = new StringBuilder("CASE id");
    for (int i = 0; i < legs.size(); i++) {
      amount.append(" WHEN :a").append(i).append(" THEN :m").append(i);
    }
    amount.append(" END");
    var update = h.createUpdate("UPDATE points_accounts SET balance = balance + " + amount
        + " WHERE id IN (<ids>) AND (allow_negative OR balance + " + amount + " >= 0)");
    for (int i = 0; i < legs.size(); i++) {
      update.bind("a" + i, legs.get(i).accountId()).bind("m" + i, legs.get(i).amount());
    }
    return update
            .bindList("ids", legs.stream().map(Ledger.Leg::accountId).toList())
            .execute()
        == legs.size();
  }

  void insertLot(
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

  /** The user's matured lots with points left, expiring first, locked (expired ones too). */
  List<Ledger.Lot> spendableLots(long userId) {
    return h.createQuery("""
            SELECT id, remaining, expires_at FROM points_lots
             WHERE user_id = :u AND matured AND remaining > 0 ORDER BY expires_at, id FOR UPDATE""")
        .bind("u", userId)
        .map((rs, ctx) ->
            new Ledger.Lot(rs.getLong(1), rs.getLong(2), Columns.instant(rs, "expires_at", ctx)))
        .list();
  }

  /** Takes points from a lot for a spending transaction, remembering which lot for a later release. */
  void useLot(long lotId, long transactionId, long amount) {
    h.createUpdate("UPDATE points_lots SET remaining = remaining - :t WHERE id = :id")
        .bind("t", amount)
        .bind("id", lotId)
        .execute();
    h.createUpdate(
            "INSERT INTO points_lot_uses (transaction_id, lot_id, amount) VALUES (:tx, :lot, :t)")
        .bind("tx", transactionId)
        .bind("lot", lotId)
        .bind("t", amount)
        .execute();
  }

  /** What a spending transaction took from each lot (as Lot: id, amount taken, the lot's expiry), locked. */
  List<Ledger.Lot> lotUses(long spendingTransactionId) {
    return h.createQuery("""
            SELECT u.lot_id, u.amount, l.expires_at FROM points_lot_uses u JOIN points_lots l ON l.id = u.lot_id
             WHERE u.transaction_id = :t ORDER BY u.lot_id FOR UPDATE""")
        .bind("t", spendingTransactionId)
        .map((rs, ctx) ->
            new Ledger.Lot(rs.getLong(1), rs.getLong(2), Columns.instant(rs, "expires_at", ctx)))
        .list();
  }

  void returnToLot(long lotId, long amount) {
    h.createUpdate("UPDATE points_lots SET remaining = remaining + :a WHERE id = :id")
        .bind("a", amount)
        .bind("id", lotId)
        .execute();
  }
}
