package cn.yuhao.care.points;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.config.PointsRules;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Admins' grants and claw-backs of a volunteer's points. Maker-checker: once one admin's adjustments of one
 * volunteer over {@link #APPROVAL_WINDOW} pass the threshold, a second admin must approve; nobody adjusts or
 * approves points for herself.
 */
public final class AdjustmentService {
  /** The window over which adjustments applied without a second admin add up towards the threshold. */
  static final Duration APPROVAL_WINDOW = Duration.ofDays(30);

  static final long MAX_ADJUSTMENT = 100_000;

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
  private final AuditLog audit;
  private final Clock clock;

  public AdjustmentService(
      Jdbi jdbi, PointsEarning earning, PointsRules rules, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.earning = earning;
    this.rules = rules;
    this.audit = audit;
    this.clock = clock;
  }

  public Adjustment request(Caller admin, AdjustInput in) {
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
    String reason = in.reason().trim();
    return Ledger.inTransaction(jdbi, h -> {
      AdjustmentDao dao = new AdjustmentDao(h);
      // Locked: two grants racing for one volunteer must see each other in the window's sum.
      AdjustmentDao.Volunteer v = volunteerForUpdate(dao, userId, admin.adminScope());
      if (in.amount() > 0 && !"ADMITTED".equals(v.status())) {
        throw new AppException(ErrorCode.VOLUNTEER_STATE, "只有在岗的爱心妈妈可以获得积分奖励");
      }
      long id = Ids.next();
      // Maker-checker holds per volunteer over a window, not per grant: three grants just under the
      // threshold are one grant over it.
      long appliedAlone = dao.appliedAloneSince(userId, now.minus(APPROVAL_WINDOW));
      boolean needsSecond = appliedAlone + Math.abs(in.amount()) > rules.approvalThreshold();
      dao.insert(
          id,
          userId,
          v.districtCode(),
          in.amount(),
          reason,
          needsSecond ? "PENDING" : "APPLIED",
          admin.userId(),
          now);
      audit.record(
          h,
          admin,
          "points.adjust.request",
          "user",
          Long.toString(userId),
          "adjustment " + id + " amount " + in.amount()
              + (needsSecond ? " (awaiting a second admin)" : "") + ": " + reason);
      if (!needsSecond) {
        apply(h, id, userId, in.amount(), reason, admin.userId(), now);
      }
      return adjustment(dao, id, admin.adminScope());
    });
  }

  public Adjustment approve(Caller admin, long id) {
    return decide(admin, id, true, null);
  }

  public Adjustment reject(Caller admin, long id, DecisionInput in) {
    new Fields().maxLength("note", in.note(), 200).throwIfAny();
    return decide(admin, id, false, in.note());
  }

  private Adjustment decide(Caller admin, long id, boolean approve, String note) {
    Instant now = clock.instant();
    return Ledger.inTransaction(jdbi, h -> {
      AdjustmentDao dao = new AdjustmentDao(h);
      if (!dao.lock(id, admin.adminScope())) {
        throw AppException.notFound("积分调整");
      }
      Adjustment a = adjustment(dao, id, admin.adminScope());
      if (!a.status().equals("PENDING")) {
        throw new AppException(ErrorCode.ADJUSTMENT_STATE, "这笔积分调整已经处理过了");
      }
      if (approve && a.requestedBy().equals(Long.toString(admin.userId()))) {
        throw new AppException(ErrorCode.ADJUSTMENT_STATE, "超过审批门槛的积分调整须由另一位管理员审批");
      }
      if (approve && a.userId().equals(Long.toString(admin.userId()))) {
        throw new AppException(ErrorCode.FORBIDDEN, "不能审批给自己的积分调整");
      }
      long userId = Long.parseLong(a.userId());
      if (approve
          && a.amount() > 0
          && !"ADMITTED"
              .equals(volunteerForUpdate(dao, userId, admin.adminScope()).status())) {
        throw new AppException(ErrorCode.VOLUNTEER_STATE, "只有在岗的爱心妈妈可以获得积分奖励");
      }
      dao.decide(
          id,
          approve ? "APPLIED" : "REJECTED",
          admin.userId(),
          note == null || note.isBlank() ? null : note.trim(),
          now);
      audit.record(
          h,
          admin,
          approve ? "points.adjust.approve" : "points.adjust.reject",
          "user",
          a.userId(),
          "adjustment " + id + " amount " + a.amount());
      if (approve) {
        apply(h, id, userId, a.amount(), a.reason(), admin.userId(), now);
      }
      return adjustment(dao, id, admin.adminScope());
    });
  }

  /** A grant comes from the issuance account as a new lot; a claw-back takes spendable points back to it. */
  private void apply(
      Handle h, long adjustmentId, long userId, long amount, String reason, long by, Instant now) {
    Ledger ledger = new Ledger(h);
    long account = ledger.lock("VOLUNTEER", userId, now).id();
    PointsService.expireDue(h, userId, now);
    String kind = amount > 0 ? "GRANT" : "CLAWBACK";
    String memo = (amount > 0 ? "管理员奖励：" : "管理员扣回：") + reason;
    long tx = ledger
        .claim(
            new Ledger.Booking(
                "adjust:" + adjustmentId, kind, userId, null, null, Math.abs(amount), memo, by),
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
    new AdjustmentDao(h).linkTransaction(adjustmentId, tx);
  }

  public cn.yuhao.care.http.Page<Adjustment> list(
      Caller admin, String status, long before, int limit) {
    if (status != null && !List.of("PENDING", "APPLIED", "REJECTED").contains(status)) {
      throw AppException.invalid("status", "应为 PENDING、APPLIED 或 REJECTED");
    }
    return jdbi.withHandle(h -> cn.yuhao.care.http.Page.of(
        new AdjustmentDao(h).list(admin.adminScope(), status, before, limit + 1),
        limit,
        a -> a,
        a -> Long.parseLong(a.id())));
  }

  private static Adjustment adjustment(AdjustmentDao dao, long id, Scope scope) {
    return dao.find(id, scope).orElseThrow(() -> AppException.notFound("积分调整"));
  }

  /** A volunteer the admin may adjust, locked; 404 for anyone else (no existence oracle). */
  private static AdjustmentDao.Volunteer volunteerForUpdate(
      AdjustmentDao dao, long userId, Scope scope) {
    return dao.volunteerForUpdate(userId, scope).orElseThrow(() -> AppException.notFound("志愿者"));
  }
}
