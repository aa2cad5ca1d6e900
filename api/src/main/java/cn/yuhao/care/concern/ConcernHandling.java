package cn.yuhao.care.concern;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.concern.ConcernService.Concern;
import cn.yuhao.care.concern.ConcernService.NoteInput;
import cn.yuhao.care.concern.ConcernService.ResolveInput;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.FieldCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A report's handling after it is filed: acknowledged, referred to the agency that acts (公安、民政、教育…),
 * resolved and closed, each step from exactly one status by an admin of the child's district (or the city), with
 * an event and an audit row; and the scheduler's escalation of reports not acknowledged in time.
 */
public final class ConcernHandling {
  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final ConcernAlerts alerts;
  private final ConcernViews views;
  private final Clock clock;

  public ConcernHandling(
      Jdbi jdbi, FieldCipher cipher, AuditLog audit, ConcernAlerts alerts, Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.audit = audit;
    this.alerts = alerts;
    this.views = new ConcernViews(cipher, clock);
    this.clock = clock;
  }

  public Concern acknowledge(Caller admin, long id, NoteInput in) {
    new Fields().maxLength("note", in.note(), 1000).throwIfAny();
    return transition(
        admin,
        id,
        "ACKNOWLEDGE",
        "REPORTED",
        "ACKNOWLEDGED",
        in.note(),
        (dao, r, now) -> dao.acknowledge(r.id(), now));
  }

  public Concern resolve(Caller admin, long id, ResolveInput in) {
    new Fields()
        .require("outcome", in.outcome())
        .maxLength("outcome", in.outcome(), 2000)
        .maxLength("note", in.note(), 1000)
        .throwIfAny();
    return transition(admin, id, "RESOLVE", "REFERRED", "RESOLVED", in.note(), (dao, r, now) -> {
      long open = new ReferralDao(dao.handle())
          .ofConcern(r.id()).stream()
              .filter(x -> ReferralViews.OPEN.contains(x.status()))
              .count();
      if (open > 0) {
        throw new AppException(
            ErrorCode.REFERRALS_OPEN, "还有 " + open + " 个移交单位没有反馈办理结果：请等待反馈，或注明不能取得结果的原因");
      }
      dao.resolve(r.id(), cipher.encrypt(in.outcome().strip(), "concerns.outcome"), now);
    });
  }

  public Concern close(Caller admin, long id, NoteInput in) {
    new Fields().maxLength("note", in.note(), 1000).throwIfAny();
    return transition(admin, id, "CLOSE", "RESOLVED", "CLOSED", in.note(), (dao, r, now) -> {
      dao.close(r.id(), now);
      alerts.closed(dao.handle(), r.id(), r.reporterUserId(), now);
    });
  }

  private interface Step {
    void apply(ConcernDao dao, ConcernDao.Row row, Instant now);
  }

  /** One step of the flow, from exactly one status, by a district admin of the child's district or the city. */
  private Concern transition(
      Caller admin, long id, String action, String from, String to, String note, Step step) {
    return jdbi.inTransaction(h -> {
      ConcernDao dao = new ConcernDao(h);
      ConcernDao.Row r = forDistrictAdmin(dao, admin, id);
      if (!from.equals(r.status())) {
        throw new AppException(
            ErrorCode.CONCERN_STATE, "报告当前为" + label(r.status()) + "，不能" + label(to));
      }
      Instant now = clock.instant();
      step.apply(dao, r, now);
      dao.event(
          Ids.next(),
          id,
          action,
          from,
          to,
          admin.userId(),
          admin.primaryRole(),
          blankToNull(note),
          now);
      audit.record(
          h,
          admin,
          "concern." + action.toLowerCase(java.util.Locale.ROOT),
          "concern",
          Long.toString(id),
          to);
      return views.full(dao, dao.find(id, admin.adminScope(), false).orElseThrow(), admin);
    });
  }

  /** The report, locked, for an admin of its district or the city: 404 outside the scope, 403 for supervisors. */
  static ConcernDao.Row forDistrictAdmin(ConcernDao dao, Caller admin, long id) {
    return forDistrictAdmin(dao, admin, id, "报告");
  }

  static ConcernDao.Row forDistrictAdmin(ConcernDao dao, Caller admin, long id, String what) {
    ConcernDao.Row r =
        dao.find(id, admin.adminScope(), true).orElseThrow(() -> AppException.notFound(what));
    if (!admin.adminScope().coversDistrict(r.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "报告由区县或市级管理员办理");
    }
    return r;
  }

  /** Flags every report past its acknowledgement deadline and alerts the city; run by the scheduler. */
  public int escalateOverdue() {
    return jdbi.inTransaction(h -> {
      ConcernDao dao = new ConcernDao(h);
      Instant now = clock.instant();
      List<Long> due = dao.dueForEscalation(now, 100);
      for (long id : due) {
        dao.markEscalated(id, now);
        dao.event(
            Ids.next(),
            id,
            "ESCALATE",
            "REPORTED",
            "REPORTED",
            null,
            "SYSTEM",
            "超过受理时限未受理，已上报市级",
            now);
        audit.record(h, null, "concern.escalate", "concern", Long.toString(id), null);
        alerts.escalated(h, id, now);
      }
      return due.size();
    });
  }

  private static String label(String status) {
    return switch (status) {
      case "REPORTED" -> "“已报告”";
      case "ACKNOWLEDGED" -> "“已受理”";
      case "REFERRED" -> "“已移交”";
      case "RESOLVED" -> "“已办结”";
      case "CLOSED" -> "“已关闭”";
      default -> status;
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
