package cn.yuhao.care.casefile;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.checklist.PlanService;
import cn.yuhao.care.checklist.Plans;
import cn.yuhao.care.child.ChildService;
import cn.yuhao.care.child.ChildViews;
import cn.yuhao.care.child.ConsentService;
import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.privacy.FieldCipher;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A child's one file (一人一档): the ledger facts (masked, unless a district or city admin unmasks them),
 * guardians and consents, every pairing with its volunteers, the care records with their photos, follow-ups,
 * harm reports with their referrals and outcomes, troupes with attendance and assessments, and the plan with its
 * reviews. Scope-filtered like every admin read, and audited as one read.
 */
public final class ChildFileService {
  public record Pairing(
      String id,
      String mode,
      String purpose,
      String status,
      Instant startedAt,
      Instant endedAt,
      String endReason,
      String volunteers) {}

  public record Care(
      String id,
      String pairingId,
      String kind,
      Instant occurredAt,
      String way,
      String summary,
      boolean followUpNeeded,
      String authorName,
      List<Attachments.FileRef> attachments) {}

  public record FollowUp(
      String id,
      String pairingId,
      String request,
      String status,
      String resolution,
      Instant requestedAt,
      Instant resolvedAt) {}

  public record Referral(
      String agency, String unit, String status, String outcome, String waiveReason) {}

  public record Report(
      String id,
      String category,
      String severity,
      String status,
      Instant createdAt,
      Instant closedAt,
      String outcome,
      List<Referral> referrals,
      List<Attachments.FileRef> attachments) {}

  public record Assessment(
      String phase, String instrument, LocalDate assessedOn, BigDecimal meanScore) {}

  public record Troupe(
      String troupeId,
      String name,
      String kind,
      Instant joinedAt,
      Instant leftAt,
      int present,
      int absent,
      List<Assessment> assessments) {}

  /** The sensitive part is left out unless asked for (unmask=true). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChildFile(
      Instant asOf,
      ChildViews.Child child,
      ChildViews.Sensitive sensitive,
      ConsentService.Consents consents,
      List<Pairing> pairings,
      List<Care> care,
      List<FollowUp> followUps,
      List<Report> reports,
      List<Troupe> troupes,
      Plans.Both plan) {}

  private final Jdbi jdbi;
  private final ChildService children;
  private final ConsentService consents;
  private final PlanService plans;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Clock clock;

  public ChildFileService(
      Jdbi jdbi,
      ChildService children,
      ConsentService consents,
      PlanService plans,
      FieldCipher cipher,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.children = children;
    this.consents = consents;
    this.plans = plans;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  public ChildFile file(Caller reader, long childId, boolean unmask) {
    if (unmask && !(reader.hasRole(Role.DISTRICT_ADMIN) || reader.hasRole(Role.CITY_ADMIN))) {
      throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以查看未遮蔽的信息");
    }
    ChildViews.Child child = children.get(reader, childId); // 404 outside the scope
    ChildViews.Sensitive sensitive = unmask ? children.sensitive(reader, childId) : null;
    ConsentService.Consents given = consents.list(reader, childId);
    return jdbi.inTransaction(h -> {
      ChildFileDao dao = new ChildFileDao(h);
      var care = dao.care(childId);
      var photos = Attachments.of(
          h,
          FilePurpose.CARE_RECORD,
          care.stream().map(ChildFileDao.CareRow::id).toList());
      var reports = dao.reports(childId);
      var evidence = Attachments.of(
          h,
          FilePurpose.CONCERN_EVIDENCE,
          reports.stream().map(ChildFileDao.ReportRow::id).toList());
      Map<Long, List<Referral>> referrals = dao.referrals(childId).stream()
          .collect(Collectors.groupingBy(
              ChildFileDao.ReferralRow::concernId,
              Collectors.mapping(this::referral, Collectors.toList())));
      Map<Long, List<Assessment>> assessments = dao.assessments(childId).stream()
          .collect(Collectors.groupingBy(
              ChildFileDao.AssessmentRow::troupeId,
              Collectors.mapping(
                  a -> new Assessment(a.phase(), a.instrument(), a.assessedOn(), a.meanScore()),
                  Collectors.toList())));
      audit.record(
          h, reader, "child.file.read", "child", Long.toString(childId), unmask ? "含未遮蔽信息" : null);
      return new ChildFile(
          clock.instant(),
          child,
          sensitive,
          given,
          dao.pairings(childId).stream().map(ChildFileService::pairing).toList(),
          care.stream()
              .map(c -> care(c, photos.getOrDefault(c.id(), List.of())))
              .toList(),
          dao.followUps(childId).stream().map(ChildFileService::followUp).toList(),
          reports.stream()
              .map(r -> report(
                  r,
                  referrals.getOrDefault(r.id(), List.of()),
                  evidence.getOrDefault(r.id(), List.of())))
              .toList(),
          dao.troupes(childId).stream()
              .map(t -> new Troupe(
                  Long.toString(t.troupeId()),
                  t.name(),
                  t.kind(),
                  t.joinedAt(),
                  t.leftAt(),
                  t.present(),
                  t.absent(),
                  assessments.getOrDefault(t.troupeId(), List.of())))
              .toList(),
          plans.ofChild(h, childId));
    });
  }

  private static Pairing pairing(ChildFileDao.PairingRow p) {
    return new Pairing(
        Long.toString(p.id()),
        p.mode(),
        p.purpose(),
        p.status(),
        p.startedAt(),
        p.endedAt(),
        p.endReason(),
        p.volunteers());
  }

  private Care care(ChildFileDao.CareRow c, List<Attachments.FileRef> photos) {
    return new Care(
        Long.toString(c.id()),
        Long.toString(c.pairingId()),
        c.kind(),
        c.occurredAt(),
        c.way(),
        cipher.decrypt(c.summaryEnc(), "care_records.summary"),
        c.followUpNeeded(),
        c.authorName(),
        photos);
  }

  private static FollowUp followUp(ChildFileDao.FollowUpRow f) {
    return new FollowUp(
        Long.toString(f.id()),
        Long.toString(f.pairingId()),
        f.request(),
        f.status(),
        f.resolution(),
        f.requestedAt(),
        f.resolvedAt());
  }

  private Referral referral(ChildFileDao.ReferralRow r) {
    return new Referral(
        r.agency(),
        r.unit(),
        r.status(),
        r.outcomeEnc() == null ? null : cipher.decrypt(r.outcomeEnc(), "concern_referrals.outcome"),
        r.waiveReason());
  }

  private Report report(
      ChildFileDao.ReportRow r, List<Referral> referrals, List<Attachments.FileRef> evidence) {
    return new Report(
        Long.toString(r.id()),
        r.category(),
        r.severity(),
        r.status(),
        r.createdAt(),
        r.closedAt(),
        r.outcomeEnc() == null ? null : cipher.decrypt(r.outcomeEnc(), "concerns.outcome"),
        referrals,
        evidence);
  }
}
