package cn.yuhao.care.points;

import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.config.PointsRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The earning rules. Sources (verified service hours, on-time 6+1 items) are read by a job from the tables their
 * modules write, and each becomes at most one EARN transaction under its business key — so it does not matter
 * which module landed first, in which order rows arrive, or how often one is delivered. Only verified hours earn:
 * hours an admin or the scheduler closed without a check-out code do not (as on the Chinese volunteer platforms).
 */
public final class PointsEarning {
  /** How far back each run re-reads, since rows may commit out of their created_at order. */
  static final Duration OVERLAP = Duration.ofMinutes(5);

  private static final int PAGE = 500;

  /** One earning event: who, for what, on which Chongqing day, how many points before the daily cap. */
  public record Earning(String businessKey, long userId, LocalDate day, long points, String memo) {}

  private final Jdbi jdbi;
  private final PointsRules rules;
  private final CarePeriods periods;
  private final Clock clock;

  public PointsEarning(Jdbi jdbi, PointsRules rules, CarePeriods periods, Clock clock) {
    this.jdbi = jdbi;
    this.rules = rules;
    this.periods = periods;
    this.clock = clock;
  }

  /**
   * Books an earning once; false when its key was booked before. The volunteer's account row is locked first,
   * so her earnings of one day are capped one at a time. An earning over the cap is still booked (with what was
   * left, maybe 0) so that delivering it again stays a no-op.
   */
  public boolean deliver(Earning e) {
    return Ledger.inTransaction(jdbi, h -> deliver(h, e));
  }

  boolean deliver(Handle h, Earning e) {
    Ledger ledger = new Ledger(h);
    if (ledger.booked(e.businessKey())) {
      return false;
    }
    Instant now = clock.instant();
    long spendable = ledger.lock("VOLUNTEER", e.userId(), now).id();
    long earnedThatDay = new EarningDao(h).earnedOn(e.userId(), e.day());
    long amount = Math.max(0, Math.min(e.points(), rules.dailyCap() - earnedThatDay));
    String memo = amount < e.points() ? e.memo() + "（已达每日上限 " + rules.dailyCap() + " 分）" : e.memo();
    var tx = ledger.claim(
        new Ledger.Booking(e.businessKey(), "EARN", e.userId(), null, e.day(), amount, memo, null),
        now);
    if (tx.isEmpty()) {
      return false;
    }
    if (amount > 0) {
      boolean pending = rules.pendingDays() > 0;
      long to = pending ? ledger.account("PENDING", e.userId(), now) : spendable;
      ledger.post(
          tx.get(),
          List.of(new Ledger.Leg(Ledger.ISSUANCE, -amount), new Ledger.Leg(to, amount)),
          now);
      ledger.addLot(
          e.userId(),
          tx.get(),
          amount,
          !pending,
          now.plus(Duration.ofDays(rules.pendingDays())),
          expiresAt(e.day()),
          now);
    }
    return true;
  }

  /** End of the N-th calendar year after the one the points were earned in, Chongqing time. */
  public Instant expiresAt(LocalDate earnedOn) {
    return LocalDate.of(earnedOn.getYear() + rules.expiryYears() + 1, 1, 1)
        .atStartOfDay(CarePeriods.CHONGQING)
        .toInstant();
  }

  /** The scheduler's job: reads every source since its cursor and books what earns. Returns how many were booked. */
  public int earnFromSources() {
    return read("SERVICE_HOURS", this::serviceHours) + read("CARE_RECORDS", this::careRecords);
  }

  private interface Source {
    /** One page of rows created at or after {@code since}, after the (created_at, id) key; their earnings. */
    Page page(Handle h, Instant since, Instant afterTime, long afterId);
  }

  private record Page(List<Earning> earnings, Instant lastTime, long lastId, int rows) {}

  private int read(String source, Source src) {
    Instant cursor = jdbi.withHandle(h -> new EarningDao(h).cursor(source));
    Instant since = cursor.minus(OVERLAP);
    Instant afterTime = since;
    long afterId = -1;
    Instant newest = cursor;
    int booked = 0;
    while (true) {
      Instant t = afterTime;
      long id = afterId;
      Page page = jdbi.withHandle(h -> src.page(h, since, t, id));
      for (Earning e : page.earnings()) {
        if (deliver(e)) {
          booked++;
        }
      }
      if (page.rows() == 0) {
        break;
      }
      afterTime = page.lastTime();
      afterId = page.lastId();
      newest = newest.isAfter(afterTime) ? newest : afterTime;
      if (page.rows() < PAGE) {
        break;
      }
    }
    Instant until = newest;
    jdbi.useHandle(h -> new EarningDao(h).advanceCursor(source, until));
    return booked;
  }

  /** Verified service hours → points per hour; a verified check-in at a training session also earns the training points. */
  private Page serviceHours(Handle h, Instant since, Instant afterTime, long afterId) {
    List<EarningDao.HoursRow> rows =
        new EarningDao(h).serviceHours(since, afterTime, afterId, PAGE);
    List<Earning> out = new ArrayList<>();
    for (EarningDao.HoursRow r : rows) {
      if (!r.verified()) {
        continue;
      }
      long points = r.hours()
          .multiply(BigDecimal.valueOf(rules.perHour()))
          .setScale(0, RoundingMode.FLOOR)
          .longValue();
      String title = r.sessionTitle();
      if (points > 0) {
        out.add(new Earning(
            r.businessKey(),
            r.userId(),
            r.servedOn(),
            points,
            "志愿服务 " + r.hours().stripTrailingZeros().toPlainString() + " 小时"
                + (title == null ? "" : "：" + title)));
      }
      if ("TRAINING".equals(r.sessionKind()) && rules.perTraining() > 0) {
        String checkin = r.businessKey().substring("checkin:".length());
        out.add(new Earning(
            "training:" + checkin, r.userId(), r.servedOn(), rules.perTraining(), "参加培训：" + title));
      }
    }
    return rows.isEmpty()
        ? new Page(out, afterTime, afterId, 0)
        : new Page(
            out,
            rows.get(rows.size() - 1).createdAt(),
            rows.get(rows.size() - 1).id(),
            rows.size());
  }

  /**
   * 6+1 items done on time → the item's points, once per pairing, item and period (a second contact in the same
   * week earns nothing), to the record's author. Late records and free visits do not earn.
   */
  private Page careRecords(Handle h, Instant since, Instant afterTime, long afterId) {
    List<EarningDao.CareRow> rows = new EarningDao(h).careRecords(since, afterTime, afterId, PAGE);
    List<Earning> out = new ArrayList<>();
    for (EarningDao.CareRow r : rows) {
      CareItem item = CareItem.ofKind(r.kind());
      int points = item == null || item.cadence() == CareItem.Cadence.CONTINUOUS
          ? 0
          : rules.forCareItem(item.name());
      if (points == 0) {
        continue;
      }
      LocalDate occurred = CarePeriods.day(r.occurredAt());
      var period = periods.of(item.cadence(), occurred);
      if (periods.onTime(period, CarePeriods.day(r.createdAt()))) {
        out.add(new Earning(
            "care:" + r.pairingId() + ":" + item.name() + ":" + period.key(),
            r.authorUserId(),
            occurred,
            points,
            "按时完成“" + item.label() + "”（" + period.key() + "）"));
      }
    }
    return rows.isEmpty()
        ? new Page(out, afterTime, afterId, 0)
        : new Page(
            out,
            rows.get(rows.size() - 1).createdAt(),
            rows.get(rows.size() - 1).id(),
            rows.size());
  }
}
