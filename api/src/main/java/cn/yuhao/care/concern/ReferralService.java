package cn.yuhao.care.concern;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.Tokens;
import cn.yuhao.care.concern.ConcernService.Concern;
import cn.yuhao.care.concern.ConcernService.ReferInput;
import cn.yuhao.care.config.CareRules;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.wechat.WeChatGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Referrals of a report to the agencies that act (公安, 民政/儿童督导员/儿童主任, 教育, 卫健, 司法, 检察院 …), by
 * the district admin: several per report, each with its own status and deadlines; a one-time link for the
 * agency's contact; a waiver with its reason when an agency will not answer; and the scheduler's escalation of
 * referrals past a deadline, to the city as for the report itself.
 */
public final class ReferralService {
  static final String PAGE = "pages/referral/index";

  public record WaiveInput(String reason) {}

  public record LinkIssued(
      String id, String scene, String page, Instant expiresAt, String qrCodePng) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final WeChatGateway wechat;
  private final AuditLog audit;
  private final CareRules rules;
  private final ConcernAlerts alerts;
  private final ConcernViews views;
  private final Clock clock;

  public ReferralService(
      Jdbi jdbi,
      FieldCipher cipher,
      WeChatGateway wechat,
      AuditLog audit,
      CareRules rules,
      ConcernAlerts alerts,
      Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.wechat = wechat;
    this.audit = audit;
    this.rules = rules;
    this.alerts = alerts;
    this.views = new ConcernViews(cipher, clock);
    this.clock = clock;
  }

  /** Refers an acknowledged report to one more agency; the first referral makes it REFERRED. */
  public Concern refer(Caller admin, long concernId, ReferInput in) {
    Instant now = clock.instant();
    validate(in, now);
    return jdbi.inTransaction(h -> {
      ConcernDao dao = new ConcernDao(h);
      ConcernDao.Row r = ConcernHandling.forDistrictAdmin(dao, admin, concernId);
      if (!Set.of("ACKNOWLEDGED", "REFERRED").contains(r.status())) {
        throw new AppException(ErrorCode.CONCERN_STATE, "报告受理后、办结前才能移交");
      }
      if (in.referredAt().isBefore(r.createdAt())) {
        throw AppException.invalid("referredAt", "移交时间不能早于报告时间");
      }
      ReferralDao referrals = new ReferralDao(h);
      if (referrals.sameAgencyUnit(concernId, in.agency(), in.unit())) {
        throw new AppException(ErrorCode.DUPLICATE, "已经移交过这个单位");
      }
      long id = Ids.next();
      Instant receiptDue =
          in.referredAt().plus(Duration.ofHours(rules.slaHours().get(r.severity())));
      Instant outcomeDue = in.referredAt().plus(Duration.ofDays(rules.referralOutcomeDays()));
      referrals.insert(id, r, in, admin.userId(), receiptDue, outcomeDue, now);
      if ("ACKNOWLEDGED".equals(r.status())) {
        dao.markReferred(concernId, now);
      }
      dao.event(
          Ids.next(),
          concernId,
          "REFER",
          r.status(),
          "REFERRED",
          admin.userId(),
          admin.primaryRole(),
          blankToNull(in.note()),
          now);
      audit.record(
          h, admin, "concern.refer", "concern", Long.toString(concernId), in.agency() + " " + id);
      return views.full(dao, dao.find(concernId, admin.adminScope(), false).orElseThrow(), admin);
    });
  }

  private static void validate(ReferInput in, Instant now) {
    new Fields()
        .require("agency", in.agency())
        .require("unit", in.unit())
        .require("referredAt", in.referredAt())
        .check(
            in.agency(),
            in.agency() == null || ConcernService.AGENCIES.contains(in.agency()),
            "agency",
            "没有这个承办部门类别")
        .maxLength("unit", in.unit(), 100)
        .maxLength("contact", in.contact(), 64)
        .maxLength("referenceNo", in.referenceNo(), 64)
        .maxLength("note", in.note(), 1000)
        .check(
            in.referredAt(),
            in.referredAt() == null || !in.referredAt().isAfter(now.plusSeconds(300)),
            "referredAt",
            "移交时间不能晚于现在")
        .throwIfAny();
  }

  /** The district admin records why an agency's outcome will not come; the referral stops holding the report. */
  public Concern waive(Caller admin, long referralId, WaiveInput in) {
    new Fields()
        .require("reason", in.reason())
        .maxLength("reason", in.reason(), 500)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      ReferralDao referrals = new ReferralDao(h);
      ReferralDao.Row ref =
          referrals.find(referralId, true).orElseThrow(() -> AppException.notFound("移交"));
      ConcernDao dao = new ConcernDao(h);
      ConcernDao.Row r = ConcernHandling.forDistrictAdmin(dao, admin, ref.concernId(), "移交");
      if (!ReferralViews.OPEN.contains(ref.status())) {
        throw new AppException(ErrorCode.REFERRAL_STATE, "该移交已有结果或已注明原因");
      }
      Instant now = clock.instant();
      referrals.waive(referralId, in.reason().strip(), admin.userId(), now);
      dao.event(
          Ids.next(),
          r.id(),
          "REFERRAL_WAIVE",
          r.status(),
          r.status(),
          admin.userId(),
          admin.primaryRole(),
          ref.agency() + "：" + in.reason().strip(),
          now);
      audit.record(h, admin, "concern.referral.waive", "referral", Long.toString(referralId), null);
      return views.full(dao, dao.find(r.id(), admin.adminScope(), false).orElseThrow(), admin);
    });
  }

  /**
   * A one-time link for the agency's contact (a 小程序码 of the referral page): the token is 24 random bytes,
   * kept only as its hash; it opens once, until REFERRAL_LINK_DAYS have passed.
   */
  public LinkIssued issueLink(Caller admin, long referralId) {
    String token = Tokens.random(24);
    Instant now = clock.instant();
    Instant expires = now.plus(Duration.ofDays(rules.referralLinkDays()));
    long id = Ids.next();
    jdbi.useTransaction(h -> {
      ReferralDao referrals = new ReferralDao(h);
      ReferralDao.Row ref =
          referrals.find(referralId, false).orElseThrow(() -> AppException.notFound("移交"));
      ConcernHandling.forDistrictAdmin(new ConcernDao(h), admin, ref.concernId(), "移交");
      if (!ReferralViews.OPEN.contains(ref.status())) {
        throw new AppException(ErrorCode.REFERRAL_STATE, "该移交已有结果或已注明原因，不再需要链接");
      }
      referrals.insertLink(id, referralId, Tokens.hashHex(token), admin.userId(), now, expires);
      audit.record(h, admin, "concern.referral.link", "referral", Long.toString(referralId), null);
    });
    byte[] png = wechat.unlimitedQrCode(token, PAGE);
    return new LinkIssued(
        Long.toString(id), token, PAGE, expires, Base64.getEncoder().encodeToString(png));
  }

  /** Referrals past their receipt or outcome deadline, escalated once each to the city; run by the scheduler. */
  public int escalateOverdue() {
    return jdbi.inTransaction(h -> {
      ReferralDao referrals = new ReferralDao(h);
      ConcernDao dao = new ConcernDao(h);
      Instant now = clock.instant();
      List<ReferralDao.Row> due = referrals.overdue(now, 100);
      for (ReferralDao.Row r : due) {
        boolean receipt = "SENT".equals(r.status())
            && r.receiptEscalatedAt() == null
            && now.isAfter(r.receiptDueAt());
        referrals.markEscalated(r.id(), receipt, now);
        String status = dao.find(r.concernId(), Scope.ALL, false).orElseThrow().status();
        dao.event(
            Ids.next(),
            r.concernId(),
            "ESCALATE",
            status,
            status,
            null,
            "SYSTEM",
            AgencyReplies.AGENCY_LABELS.get(r.agency())
                + (receipt ? "超过时限未确认接收" : "超过时限未反馈办理结果")
                + "，已上报市级",
            now);
        audit.record(h, null, "concern.referral.escalate", "referral", Long.toString(r.id()), null);
        alerts.referralEscalated(h, r.concernId(), r.id(), receipt, now);
      }
      return due.size();
    });
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
