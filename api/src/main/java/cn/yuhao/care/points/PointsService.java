package cn.yuhao.care.points;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.config.PointsRules;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.notify.Outbox;
import cn.yuhao.care.notify.Templates;
import cn.yuhao.care.privacy.Masking;
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
 * A volunteer's points (balance, held, pending, what expires soon, stars, entries), admins' grants and claw-backs
 * (a second admin approves those above the threshold), and the jobs that mature pending points, expire old lots
 * and warn volunteers before that.
 */
public final class PointsService {
  /** The window over which one admin's grants to one volunteer add up towards the second-approval threshold. */
  static final java.time.Duration APPROVAL_WINDOW = java.time.Duration.ofDays(30);

  static final long MAX_ADJUSTMENT = 100_000;

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

  public record AdjustInput(String userId, Long amount, String reason) {}

  public record DecisionInput(String note) {}

  public record Adjustment(
      String id,
      String userId,
      String volunteerName,
      String districtCode,
      long amount,
      String reason,
      String status,
      String requestedBy,
      Instant requestedAt,
      String decidedBy,
      Instant decidedAt,
      String decisionNote) {}

  private final Jdbi jdbi;
  private final PointsEarning earning;
  private final PointsRules rules;
  private final Outbox outbox;
  private final AuditLog audit;
  private final Clock clock;

  public PointsService(
      Jdbi jdbi,
      PointsEarning earning,
      PointsRules rules,
      Outbox outbox,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.earning = earning;
    this.rules = rules;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  public Mine mine(Caller caller, long before, int limit) {
    Instant now = clock.instant();
    return jdbi.withHandle(h -> {
      long userId = caller.userId();
      long balance = balance(h, "VOLUNTEER", userId);
      long pending = balance(h, "PENDING", userId);
      long held = h.createQuery(
              "SELECT COALESCE(SUM(points), 0) FROM redemptions WHERE user_id = :u AND status = 'HELD'")
          .bind("u", userId)
          .mapTo(Long.class)
          .one();
      List<Expiring> soon = h.createQuery("""
              SELECT SUM(remaining) AS points, expires_at FROM points_lots
               WHERE user_id = :u AND matured AND remaining > 0 AND expires_at <= :until
               GROUP BY expires_at ORDER BY expires_at""")
          .bind("u", userId)
          .bind("until", now.plus(Duration.ofDays(rules.expiryNoticeDays())))
          .map((rs, ctx) ->
              new Expiring(rs.getLong("points"), Columns.instant(rs, "expires_at", ctx)))
          .list();
      BigDecimal hours = lifetimeHours(h, userId);
      int stars = Stars.of(hours);
      List<Entry> entries = h.createQuery("""
              SELECT e.id, t.kind, e.amount, a.kind AS account, t.memo, e.created_at
                FROM points_entries e JOIN points_accounts a ON a.id = e.account_id
                JOIN points_transactions t ON t.id = e.transaction_id
               WHERE a.owner_id = :u AND a.kind IN ('VOLUNTEER', 'PENDING') AND e.id < :before
               ORDER BY e.id DESC LIMIT :n""")
          .bind("u", userId)
          .bind("before", before)
          .bind("n", limit + 1)
          .map((rs, ctx) -> new Entry(
              Long.toString(rs.getLong("id")),
              rs.getString("kind"),
              rs.getLong("amount"),
              rs.getString("account").equals("PENDING"),
              rs.getString("memo"),
              Columns.instant(rs, "created_at", ctx)))
          .list();
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
    return h.createQuery("SELECT balance FROM points_accounts WHERE kind = :k AND owner_id = :u")
        .bind("k", kind)
        .bind("u", userId)
        .mapTo(Long.class)
        .findOne()
        .orElse(0L);
  }

  static BigDecimal lifetimeHours(Handle h, long userId) {
    return h.createQuery(
            "SELECT COALESCE(SUM(hours), 0) FROM service_hours WHERE user_id = :u AND verified")
        .bind("u", userId)
        .mapTo(BigDecimal.class)
        .one();
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
    var due = h.createQuery("""
            SELECT id, remaining FROM points_lots
             WHERE user_id = :u AND matured AND remaining > 0 AND expires_at <= :now ORDER BY id FOR UPDATE""")
        .bind("u", userId)
        .bind("now", now)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .list();
    if (due.isEmpty()) {
      return 0;
    }
    long account = ledger.account("VOLUNTEER", userId, now);
    long expired = 0;
    for (long[] lot : due) {
      var tx = ledger.claim(
          new Ledger.Booking(
              "expire:" + lot[0], "EXPIRE", userId, null, null, lot[1], "积分到期", null),
          now);
      if (tx.isPresent()) {
        ledger.post(
            tx.get(),
            List.of(new Ledger.Leg(account, -lot[1]), new Ledger.Leg(Ledger.EXPIRY, lot[1])),
            now);
        h.createUpdate("UPDATE points_lots SET remaining = 0 WHERE id = :id")
            .bind("id", lot[0])
            .execute();
        expired += lot[1];
      }
    }
    return expired;
  }

  /** Job: expires every lot past its date; returns how many volunteers were touched. */
  public int expireLots() {
    Instant now = clock.instant();
    List<Long> users = jdbi.withHandle(
        h -> h.createQuery("""
            SELECT DISTINCT user_id FROM points_lots WHERE expires_at <= :now AND remaining > 0 AND matured LIMIT 1000""").bind("now", now).mapTo(Long.class).list());
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
    var lots = jdbi.withHandle(h -> h.createQuery("""
            SELECT id, user_id FROM points_lots WHERE NOT matured AND available_at <= :now ORDER BY available_at LIMIT 1000""")
        .bind("now", now)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .list());
    for (long[] lot : lots) {
      Ledger.useTransaction(jdbi, h -> {
        Ledger ledger = new Ledger(h);
        long spendable = ledger.lock("VOLUNTEER", lot[1], now).id();
        long amount = h.createQuery(
                "SELECT remaining FROM points_lots WHERE id = :id AND NOT matured FOR UPDATE")
            .bind("id", lot[0])
            .mapTo(Long.class)
            .findOne()
            .orElse(-1L);
        if (amount < 0) {
          return;
        }
        var tx = ledger.claim(
            new Ledger.Booking(
                "mature:" + lot[0], "MATURE", lot[1], null, null, amount, "积分可用", null),
            now);
        if (tx.isPresent()) {
          ledger.post(
              tx.get(),
              List.of(
                  new Ledger.Leg(ledger.account("PENDING", lot[1], now), -amount),
                  new Ledger.Leg(spendable, amount)),
              now);
          h.createUpdate("UPDATE points_lots SET matured = TRUE WHERE id = :id")
              .bind("id", lot[0])
              .execute();
        }
      });
    }
    return lots.size();
  }

  /** Job: tells each volunteer once per expiry date that points will expire (needs her subscribe grant). */
  public int expiryNotices() {
    Instant now = clock.instant();
    record Due(long userId, long points, Instant expiresAt) {}
    List<Due> due = jdbi.withHandle(h -> h.createQuery("""
            SELECT user_id, SUM(remaining) AS points, expires_at FROM points_lots
             WHERE matured AND remaining > 0 AND expires_at > :now AND expires_at <= :until
             GROUP BY user_id, expires_at LIMIT 5000""")
        .bind("now", now)
        .bind("until", now.plus(Duration.ofDays(rules.expiryNoticeDays())))
        .map((rs, ctx) ->
            new Due(rs.getLong(1), rs.getLong(2), Columns.instant(rs, "expires_at", ctx)))
        .list());
    int queued = 0;
    for (Due d : due) {
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

  // ---- admin adjustments ----

  public Adjustment requestAdjustment(Caller admin, AdjustInput in) {
    long userId = Ids.parseOr(in.userId(), -1);
    new Fields()
        .require("userId", in.userId())
        .require("amount", in.amount())
        .check(
            in.amount(),
            in.amount() == null || (in.amount() != 0 && Math.abs(in.amount()) <= MAX_ADJUSTMENT),
            "amount",
            "调整积分应为非零整数，绝对值不超过 " + MAX_ADJUSTMENT)
        .require("reason", in.reason())
        .maxLength("reason", in.reason(), 200)
        .throwIfAny();
    if (userId == admin.userId()) {
      throw new AppException(ErrorCode.FORBIDDEN, "不能为自己调整积分");
    }
    Instant now = clock.instant();
    return Ledger.inTransaction(jdbi, h -> {
      // Locked: two grants racing for one volunteer must see each other in the window's sum.
      Volunteer v = volunteerForUpdate(h, userId, admin.adminScope());
      if (in.amount() > 0 && !"ADMITTED".equals(v.status())) {
        throw new AppException(ErrorCode.VOLUNTEER_STATE, "只有在岗的爱心妈妈可以获得积分奖励");
      }
      String district = v.districtCode();
      long id = Ids.next();
      // Maker-checker holds per volunteer over a window, not per grant: three grants just under the
      // threshold
      // are one grant over it.
      long appliedAlone = h.createQuery("""
              SELECT COALESCE(SUM(ABS(amount)), 0) FROM points_adjustments
               WHERE user_id = :u AND status = 'APPLIED' AND decided_by IS NULL AND requested_at > :since""")
          .bind("u", userId)
          .bind("since", now.minus(APPROVAL_WINDOW))
          .mapTo(Long.class)
          .one();
      boolean needsSecond = appliedAlone + Math.abs(in.amount()) > rules.approvalThreshold();
      h.createUpdate("""
              INSERT INTO points_adjustments (id, user_id, district_code, amount, reason, status, requested_by,
                                              requested_at)
              VALUES (:id, :u, :d, :a, :r, :s, :by, :now)""")
          .bind("id", id)
          .bind("u", userId)
          .bind("d", district)
          .bind("a", in.amount())
          .bind("r", in.reason().trim())
          .bind("s", needsSecond ? "PENDING" : "APPLIED")
          .bind("by", admin.userId())
          .bind("now", now)
          .execute();
      audit.record(
          h,
          admin,
          "points.adjust.request",
          "user",
          Long.toString(userId),
          "adjustment " + id + " amount " + in.amount()
              + (needsSecond ? " (awaiting a second admin)" : "") + ": "
              + in.reason().trim());
      if (!needsSecond) {
        apply(h, id, userId, in.amount(), in.reason().trim(), admin.userId(), now);
      }
      return adjustment(h, id, admin.adminScope());
    });
  }

  public Adjustment approve(Caller admin, String rawId) {
    return decide(admin, rawId, true, null);
  }

  public Adjustment reject(Caller admin, String rawId, DecisionInput in) {
    new Fields().maxLength("note", in.note(), 200).throwIfAny();
    return decide(admin, rawId, false, in.note());
  }

  private Adjustment decide(Caller admin, String rawId, boolean approve, String note) {
    long id = Ids.parseOr(rawId, -1);
    Instant now = clock.instant();
    return Ledger.inTransaction(jdbi, h -> {
      Adjustment a = adjustmentForUpdate(h, id, admin.adminScope());
      if (!a.status().equals("PENDING")) {
        throw new AppException(ErrorCode.ADJUSTMENT_STATE, "这笔积分调整已经处理过了");
      }
      if (approve && a.requestedBy().equals(Long.toString(admin.userId()))) {
        throw new AppException(ErrorCode.ADJUSTMENT_STATE, "超过审批门槛的积分调整须由另一位管理员审批");
      }
      if (approve && a.userId().equals(Long.toString(admin.userId()))) {
        throw new AppException(ErrorCode.FORBIDDEN, "不能审批给自己的积分调整");
      }
      if (approve
          && a.amount() > 0
          && !"ADMITTED"
              .equals(volunteerForUpdate(h, Long.parseLong(a.userId()), admin.adminScope())
                  .status())) {
        throw new AppException(ErrorCode.VOLUNTEER_STATE, "只有在岗的爱心妈妈可以获得积分奖励");
      }
      h.createUpdate("""
              UPDATE points_adjustments SET status = :s, decided_by = :by, decided_at = :now, decision_note = :n
               WHERE id = :id""")
          .bind("s", approve ? "APPLIED" : "REJECTED")
          .bind("by", admin.userId())
          .bind("now", now)
          .bind("n", note == null || note.isBlank() ? null : note.trim())
          .bind("id", id)
          .execute();
      audit.record(
          h,
          admin,
          approve ? "points.adjust.approve" : "points.adjust.reject",
          "user",
          a.userId(),
          "adjustment " + id + " amount " + a.amount());
      if (approve) {
        apply(h, id, Long.parseLong(a.userId()), a.amount(), a.reason(), admin.userId(), now);
      }
      return adjustment(h, id, admin.adminScope());
    });
  }

  /** A grant comes from the issuance account as a new lot; a claw-back takes spendable points back to it. */
  private void apply(
      Handle h, long adjustmentId, long userId, long amount, String reason, long by, Instant now) {
    Ledger ledger = new Ledger(h);
    long account = ledger.lock("VOLUNTEER", userId, now).id();
    expireDue(h, userId, now);
    String kind = amount > 0 ? "GRANT" : "CLAWBACK";
    long tx = ledger
        .claim(
            new Ledger.Booking(
                "adjust:" + adjustmentId,
                kind,
                userId,
                null,
                null,
                Math.abs(amount),
                (amount > 0 ? "管理员奖励：" : "管理员扣回：") + reason,
                by),
            now)
        .orElseThrow();
    ledger.post(
        tx,
        List.of(new Ledger.Leg(account, amount), new Ledger.Leg(Ledger.ISSUANCE, -amount)),
        now);
    if (amount > 0) {
      ledger.addLot(userId, tx, amount, true, now, earning.expiresAt(CarePeriods.day(now)), now);
    } else {
      ledger.consumeLots(userId, tx, -amount, now);
    }
    h.createUpdate("UPDATE points_adjustments SET transaction_id = :t WHERE id = :id")
        .bind("t", tx)
        .bind("id", adjustmentId)
        .execute();
  }

  public List<Adjustment> adjustments(Caller admin, String status) {
    if (status != null && !List.of("PENDING", "APPLIED", "REJECTED").contains(status)) {
      throw AppException.invalid("status", "应为 PENDING、APPLIED 或 REJECTED");
    }
    return jdbi.withHandle(h -> ScopeFilter.apply(
            h.createQuery(ADJUSTMENT_SELECT
                + " WHERE (:s IS NULL OR a.status = :s) AND <scope> ORDER BY a.id DESC LIMIT 200"),
            "a",
            admin.adminScope())
        .bind("s", status)
        .map(this::adjustmentRow)
        .list());
  }

  private static final String ADJUSTMENT_SELECT = """
      SELECT a.id, a.user_id, v.real_name, a.district_code, a.amount, a.reason, a.status, a.requested_by,
             a.requested_at, a.decided_by, a.decided_at, a.decision_note
        FROM points_adjustments a LEFT JOIN volunteers v ON v.user_id = a.user_id""";

  private Adjustment adjustment(Handle h, long id, Scope scope) {
    return ScopeFilter.apply(
            h.createQuery(ADJUSTMENT_SELECT + " WHERE a.id = :id AND <scope>"), "a", scope)
        .bind("id", id)
        .map(this::adjustmentRow)
        .findOne()
        .orElseThrow(() -> AppException.notFound("积分调整"));
  }

  private Adjustment adjustmentForUpdate(Handle h, long id, Scope scope) {
    ScopeFilter.apply(
            h.createQuery(
                "SELECT a.id FROM points_adjustments a WHERE a.id = :id AND <scope> FOR UPDATE"),
            "a",
            scope)
        .bind("id", id)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> AppException.notFound("积分调整"));
    return adjustment(h, id, scope);
  }

  private Adjustment adjustmentRow(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    Long decidedBy = rs.getObject("decided_by", Long.class);
    return new Adjustment(
        Long.toString(rs.getLong("id")),
        Long.toString(rs.getLong("user_id")),
        Masking.name(rs.getString("real_name")),
        rs.getString("district_code"),
        rs.getLong("amount"),
        rs.getString("reason"),
        rs.getString("status"),
        Long.toString(rs.getLong("requested_by")),
        Columns.instant(rs, "requested_at", ctx),
        decidedBy == null ? null : decidedBy.toString(),
        Columns.instant(rs, "decided_at", ctx),
        rs.getString("decision_note"));
  }

  private record Volunteer(String districtCode, String status) {}

  /** A volunteer the admin may adjust, locked; 404 for anyone else (no existence oracle). */
  private static Volunteer volunteerForUpdate(Handle h, long userId, Scope scope) {
    return ScopeFilter.apply(
            h.createQuery(
                "SELECT v.district_code, v.status FROM volunteers v WHERE v.user_id = :u AND <scope> FOR UPDATE"),
            "v",
            scope)
        .bind("u", userId)
        .map((rs, ctx) -> new Volunteer(rs.getString(1), rs.getString(2)))
        .findOne()
        .orElseThrow(() -> AppException.notFound("志愿者"));
  }
}
