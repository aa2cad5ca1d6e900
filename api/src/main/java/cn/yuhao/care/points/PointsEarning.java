package cn.yuhao.care.points;

import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.config.PointsRules;
import cn.yuhao.care.db.Columns;
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
    long earnedThatDay = h.createQuery("""
            SELECT COALESCE(SUM(amount), 0) FROM points_transactions
             WHERE user_id = :u AND earn_day = :d AND kind = 'EARN'""")
        .bind("u", e.userId())
        .bind("d", e.day())
        .mapTo(Long.class)
        .one();
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
    Instant cursor = jdbi.withHandle(
        h -> h.createQuery("SELECT read_until FROM points_cursors WHERE source = :s")
            .bind("s", source)
            .mapTo(Instant.class)
            .findOne()
            .orElse(Instant.EPOCH));
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
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO points_cursors (source, read_until) VALUES (:s, :t)
            ON DUPLICATE KEY UPDATE read_until = GREATEST(read_until, :t)""").bind("s", source).bind("t", until).execute());
    return booked;
  }

  /** Verified service hours → points per hour; a verified check-in at a training session also earns the training points. */
  private Page serviceHours(Handle h, Instant since, Instant afterTime, long afterId) {
    List<Earning> out = new ArrayList<>();
    Instant[] last = {afterTime};
    long[] lastId = {afterId};
    int rows = h.createQuery("""
            SELECT sh.id, sh.business_key, sh.user_id, sh.hours, sh.verified, sh.served_on, sh.created_at, s.kind,
                   s.title
              FROM service_hours sh LEFT JOIN troupe_sessions s ON s.id = sh.session_id
             WHERE sh.created_at >= :since AND (sh.created_at > :t OR (sh.created_at = :t AND sh.id > :id))
             ORDER BY sh.created_at, sh.id LIMIT :n""")
        .bind("since", since)
        .bind("t", afterTime)
        .bind("id", afterId)
        .bind("n", PAGE)
        .map((rs, ctx) -> {
          last[0] = Columns.instant(rs, "created_at", ctx);
          lastId[0] = rs.getLong("id");
          if (!rs.getBoolean("verified")) {
            return 0;
          }
          long user = rs.getLong("user_id");
          LocalDate day = rs.getObject("served_on", LocalDate.class);
          BigDecimal hours = rs.getBigDecimal("hours");
          String title = rs.getString("title");
          long points = hours
              .multiply(BigDecimal.valueOf(rules.perHour()))
              .setScale(0, RoundingMode.FLOOR)
              .longValue();
          if (points > 0) {
            out.add(new Earning(
                rs.getString("business_key"),
                user,
                day,
                points,
                "志愿服务 " + hours.stripTrailingZeros().toPlainString() + " 小时"
                    + (title == null ? "" : "：" + title)));
          }
          if ("TRAINING".equals(rs.getString("kind")) && rules.perTraining() > 0) {
            String checkin = rs.getString("business_key").substring("checkin:".length());
            out.add(new Earning(
                "training:" + checkin, user, day, rules.perTraining(), "参加培训：" + title));
          }
          return 1;
        })
        .list()
        .size();
    return new Page(out, last[0], lastId[0], rows);
  }

  /**
   * 6+1 items done on time → the item's points, once per pairing, item and period (a second contact in the same
   * week earns nothing), to the record's author. Late records and free visits do not earn.
   */
  private Page careRecords(Handle h, Instant since, Instant afterTime, long afterId) {
    List<Earning> out = new ArrayList<>();
    Instant[] last = {afterTime};
    long[] lastId = {afterId};
    int rows = h.createQuery("""
            SELECT id, pairing_id, author_user_id, kind, occurred_at, created_at FROM care_records
             WHERE created_at >= :since AND (created_at > :t OR (created_at = :t AND id > :id))
             ORDER BY created_at, id LIMIT :n""")
        .bind("since", since)
        .bind("t", afterTime)
        .bind("id", afterId)
        .bind("n", PAGE)
        .map((rs, ctx) -> {
          Instant created = Columns.instant(rs, "created_at", ctx);
          last[0] = created;
          lastId[0] = rs.getLong("id");
          CareItem item = CareItem.ofKind(rs.getString("kind"));
          int points = item == null || item.cadence() == CareItem.Cadence.CONTINUOUS
              ? 0
              : rules.forCareItem(item.name());
          if (points == 0) {
            return 0;
          }
          LocalDate occurred = CarePeriods.day(Columns.instant(rs, "occurred_at", ctx));
          var period = periods.of(item.cadence(), occurred);
          if (periods.onTime(period, CarePeriods.day(created))) {
            out.add(new Earning(
                "care:" + rs.getLong("pairing_id") + ":" + item.name() + ":" + period.key(),
                rs.getLong("author_user_id"),
                occurred,
                points,
                "按时完成“" + item.label() + "”（" + period.key() + "）"));
          }
          return 1;
        })
        .list()
        .size();
    return new Page(out, last[0], lastId[0], rows);
  }
}
