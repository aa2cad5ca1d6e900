package cn.yuhao.care.points;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.config.PointsRules;
import cn.yuhao.care.notify.Outbox;
import cn.yuhao.care.notify.Templates;
import cn.yuhao.care.volunteer.Stars;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A volunteer's points (balance, held, pending, what expires soon, stars, entries) and the jobs that mature
 * pending points, expire old lots and warn volunteers before that. Admins' adjustments are
 * {@link AdjustmentService}'s.
 */
public final class PointsService {
  public record Entry(
      String id, String kind, long amount, boolean pending, String memo, Instant at) {}

  public record Expiring(long points, Instant expiresAt) {}

  public record Mine(
      long balance,
      long pending,
      long held,
      List<Expiring> expiringSoon,
      int stars,
      BigDecimal lifetimeHours,
      Integer nextStarHours,
      List<Entry> entries,
      String nextCursor) {}

  private final Jdbi jdbi;
  private final PointsEarning earning;
  private final PointsRules rules;
  private final Outbox outbox;
  private final Clock clock;

  public PointsService(
      Jdbi jdbi, PointsEarning earning, PointsRules rules, Outbox outbox, Clock clock) {
    this.jdbi = jdbi;
    this.earning = earning;
    this.rules = rules;
    this.outbox = outbox;
    this.clock = clock;
  }

  public Mine mine(Caller caller, long before, int limit) {
    Instant now = clock.instant();
    return jdbi.withHandle(h -> {
      long userId = caller.userId();
      long balance = balance(h, "VOLUNTEER", userId);
      long pending = balance(h, "PENDING", userId);
      PointsDao dao = new PointsDao(h);
      long held = dao.held(userId);
      List<Expiring> soon =
          dao.expiringBy(userId, now.plus(Duration.ofDays(rules.expiryNoticeDays())));
      BigDecimal hours = lifetimeHours(h, userId);
      int stars = Stars.of(hours);
      List<Entry> entries = dao.entries(userId, before, limit + 1);
      String next = entries.size() > limit ? entries.get(limit - 1).id() : null;
      return new Mine(
          balance,
          pending,
          held,
          soon,
          stars,
          hours,
          Stars.hoursForNext(stars),
          entries.size() > limit ? entries.subList(0, limit) : entries,
          next);
    });
  }

  static long balance(Handle h, String kind, long userId) {
    return new PointsDao(h).balance(kind, userId);
  }

  /** The volunteer's spendable balance. */
  public static long spendable(Handle h, long userId) {
    return balance(h, "VOLUNTEER", userId);
  }

  static BigDecimal lifetimeHours(Handle h, long userId) {
    return new PointsDao(h).lifetimeHours(userId);
  }

  /** A volunteer's stars (星级) from her lifetime verified hours. */
  public static int starsOf(Handle h, long userId) {
    return Stars.of(lifetimeHours(h, userId));
  }

  // ---- expiry and maturity ----

  /**
   * Books the expiry of the user's lots that are past their date, in the caller's transaction (which holds her
   * account's lock): spending runs it first, so it never counts points that have expired but whose job has not
   * run yet.
   */
  static long expireDue(Handle h, long userId, Instant now) {
    Ledger ledger = new Ledger(h);
    PointsDao dao = new PointsDao(h);
    var due = dao.dueForUpdate(userId, now);
    if (due.isEmpty()) {
      return 0;
    }
    long account = ledger.account("VOLUNTEER", userId, now);
    long expired = 0;
    for (PointsDao.LotLeft lot : due) {
      var tx = ledger.claim(
          new Ledger.Booking(
              "expire:" + lot.id(), "EXPIRE", userId, null, null, lot.remaining(), "积分到期", null),
          now);
      if (tx.isPresent()) {
        ledger.post(
            tx.get(),
            List.of(
                new Ledger.Leg(account, -lot.remaining()),
                new Ledger.Leg(Ledger.EXPIRY, lot.remaining())),
            now);
        dao.empty(lot.id());
        expired += lot.remaining();
      }
    }
    return expired;
  }

  /** Job: expires every lot past its date; returns how many volunteers were touched. */
  public int expireLots() {
    Instant now = clock.instant();
    List<Long> users = jdbi.withHandle(h -> new PointsDao(h).usersWithDueLots(now));
    for (long user : users) {
      Ledger.useTransaction(jdbi, h -> {
        new Ledger(h).lock("VOLUNTEER", user, now);
        expireDue(h, user, now);
      });
    }
    return users.size();
  }

  /** Job: pending points whose waiting period is over become spendable. */
  public int matureLots() {
    Instant now = clock.instant();
    var lots = jdbi.withHandle(h -> new PointsDao(h).ripe(now));
    for (PointsDao.LotLeft lot : lots) {
      Ledger.useTransaction(jdbi, h -> mature(h, lot, now));
    }
    return lots.size();
  }

  private static void mature(Handle h, PointsDao.LotLeft lot, Instant now) {
    Ledger ledger = new Ledger(h);
    PointsDao dao = new PointsDao(h);
    long spendable = ledger.lock("VOLUNTEER", lot.userId(), now).id();
    long amount = dao.pendingForUpdate(lot.id()).orElse(-1L);
    if (amount < 0) {
      return;
    }
    var tx = ledger.claim(
        new Ledger.Booking(
            "mature:" + lot.id(), "MATURE", lot.userId(), null, null, amount, "积分可用", null),
        now);
    if (tx.isPresent()) {
      ledger.post(
          tx.get(),
          List.of(
              new Ledger.Leg(ledger.account("PENDING", lot.userId(), now), -amount),
              new Ledger.Leg(spendable, amount)),
          now);
      dao.mature(lot.id());
    }
  }

  /** Job: tells each volunteer once per expiry date that points will expire (needs her subscribe grant). */
  public int expiryNotices() {
    Instant now = clock.instant();
    Instant until = now.plus(Duration.ofDays(rules.expiryNoticeDays()));
    List<PointsDao.Expiring> due =
        jdbi.withHandle(h -> new PointsDao(h).expiringBetween(now, until));
    int queued = 0;
    for (PointsDao.Expiring d : due) {
      LocalDate lastDay = CarePeriods.day(d.expiresAt().minusMillis(1));
      Map<String, String> data = new LinkedHashMap<>();
      data.put("thing1", Templates.thing("志愿积分即将到期"));
      data.put("number2", Templates.number(d.points()));
      data.put("date3", Templates.date(lastDay));
      data.put("thing4", Templates.thing("请在到期前兑换礼遇"));
      if (jdbi.inTransaction(h -> outbox.enqueue(
          h,
          d.userId(),
          "POINTS_EXPIRING",
          "points-expiring:" + d.userId() + ":" + lastDay,
          "pages/points/index",
          data,
          false))) {
        queued++;
      }
    }
    return queued;
  }

  /** The scheduler's points job: earning first, then maturity, expiry and the notices. */
  public int runJobs() {
    return earning.earnFromSources() + matureLots() + expireLots() + expiryNotices();
  }
}
