package cn.yuhao.care.child;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Guardian consent to pair a child (征得监护人同意后): recorded by the district admin (paper scanned, in
 * person, or WeChat), withdrawable, never deleted. Pairing will require a current (not withdrawn) consent.
 */
public final class ConsentService {
  private static final Set<String> METHODS = Set.of("PAPER_SCANNED", "IN_PERSON", "WECHAT");

  public record ConsentInput(
      String guardianName,
      String relation,
      String method,
      Instant signedAt,
      String scope,
      String version,
      List<String> attachmentIds) {}

  public record Consent(
      String id,
      String guardianName,
      String relation,
      String method,
      Instant signedAt,
      String scope,
      String version,
      Instant recordedAt,
      boolean current,
      Instant withdrawnAt,
      String withdrawReason,
      List<Attachments.FileRef> attachments) {}

  public record Consents(boolean current, List<Consent> items) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final ChildCounters counters;
  private final ChildPairings pairings;

  public ConsentService(
      Jdbi jdbi, AuditLog audit, Clock clock, ChildCounters counters, ChildPairings pairings) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.counters = counters;
    this.pairings = pairings;
  }

  public Consent record(Caller admin, long childId, ConsentInput c) {
    Instant now = clock.instant();
    new Fields()
        .require("guardianName", c.guardianName())
        .maxLength("guardianName", c.guardianName(), 32)
        .require("relation", c.relation())
        .check(
            c.relation(), ChildCodes.is(ChildCodes.RELATIONS, c.relation()), "relation", "没有这种监护关系")
        .require("method", c.method())
        .check(
            c.method(),
            ChildCodes.is(METHODS, c.method()),
            "method",
            "方式应为 PAPER_SCANNED、IN_PERSON 或 WECHAT")
        .require("signedAt", c.signedAt())
        .check(
            c.signedAt(),
            c.signedAt() == null || !c.signedAt().isAfter(now),
            "signedAt",
            "签署时间不能晚于现在")
        .maxLength("scope", c.scope(), 200)
        .require("version", c.version())
        .maxLength("version", c.version(), 16)
        .throwIfAny();
    Set<Long> scans = Attachments.parse(c.attachmentIds());
    return jdbi.inTransaction(h -> {
      ChildRow child = writableChild(h, admin, childId);
      if (c.signedAt()
          .atZone(ZoneId.of("Asia/Shanghai"))
          .toLocalDate()
          .isBefore(child.birthDate())) {
        throw AppException.invalid("signedAt", "签署时间早于儿童出生日期");
      }
      long id = Ids.next();
      new ConsentDao(h).insert(id, childId, c, admin.userId(), now);
      Attachments.attach(
          h,
          admin.userId(),
          FilePurpose.CONSENT_SCAN,
          id,
          child.districtCode(),
          child.street(),
          scans,
          now);
      counters.childChanged(h, childId);
      audit.record(
          h,
          admin,
          "consent.record",
          "child",
          Long.toString(childId),
          c.method() + " " + c.version());
      return view(h, new ConsentDao(h).find(childId, id).orElseThrow());
    });
  }

  public Consents list(Caller admin, long childId) {
    return jdbi.withHandle(h -> {
      new ChildDao(h)
          .findInScope(childId, admin.adminScope(), false)
          .orElseThrow(() -> AppException.notFound("儿童"));
      List<ConsentRow> rows = new ConsentDao(h).ofChild(childId);
      var scans = Attachments.of(
          h, FilePurpose.CONSENT_SCAN, rows.stream().map(ConsentRow::id).toList());
      List<Consent> items =
          rows.stream().map(r -> view(r, scans.getOrDefault(r.id(), List.of()))).toList();
      return new Consents(items.stream().anyMatch(Consent::current), items);
    });
  }

  public Consent withdraw(Caller admin, long childId, long consentId, String reason) {
    new Fields().require("reason", reason).maxLength("reason", reason, 500).throwIfAny();
    return jdbi.inTransaction(h -> {
      writableChild(h, admin, childId);
      ConsentDao dao = new ConsentDao(h);
      ConsentRow consent =
          dao.find(childId, consentId).orElseThrow(() -> AppException.notFound("同意书"));
      if (consent.withdrawnAt() != null) {
        throw new AppException(ErrorCode.CONFLICT, "该同意书已撤回");
      }
      dao.withdraw(consentId, admin.userId(), reason.trim(), clock.instant());
      counters.childChanged(h, childId);
      if (dao.ofChild(childId).stream().allMatch(c -> c.withdrawnAt() != null)) {
        // No pairing without current consent: the child's pairings end with it.
        pairings.endAll(h, childId, "CONSENT_WITHDRAWN", admin.userId(), clock.instant());
      }
      audit.record(h, admin, "consent.withdraw", "child", Long.toString(childId), reason);
      return view(h, dao.find(childId, consentId).orElseThrow());
    });
  }

  /** The child in scope (404) whose ledger the caller may write (403 for street supervisors). */
  private static ChildRow writableChild(Handle h, Caller admin, long childId) {
    ChildRow child = new ChildDao(h)
        .findInScope(childId, admin.adminScope(), true)
        .orElseThrow(() -> AppException.notFound("儿童"));
    if (!admin.adminScope().coversDistrict(child.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以登记监护人同意");
    }
    return child;
  }

  private static Consent view(Handle h, ConsentRow r) {
    return view(r, Attachments.of(h, FilePurpose.CONSENT_SCAN, r.id()));
  }

  private static Consent view(ConsentRow r, List<Attachments.FileRef> scans) {
    return new Consent(
        Long.toString(r.id()),
        r.guardianName(),
        r.relation(),
        r.method(),
        r.signedAt(),
        r.scope(),
        r.version(),
        r.recordedAt(),
        r.withdrawnAt() == null,
        r.withdrawnAt(),
        r.withdrawReason(),
        scans);
  }
}
