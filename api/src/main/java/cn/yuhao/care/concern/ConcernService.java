package cn.yuhao.care.concern;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.config.CareRules;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.file.Attachments;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.privacy.FieldCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Harm reports (强制报告): never lost, always closed. Anyone who can see a child may report (a volunteer her
 * paired children, a coach the children on her troupes' rosters, supervisors and admins the children in
 * scope); the report goes
 * REPORTED → ACKNOWLEDGED (district admin, within the severity's SLA) → REFERRED (to an agency, with unit,
 * contact, time and reference) → RESOLVED (outcome) → CLOSED, each step an event with who, when and a note.
 * Nothing deletes or rewrites a report. An URGENT or HIGH report flags the child high-risk. A report left
 * unacknowledged past its deadline is escalated to the city and flagged on every list. The reporter's identity
 * is shown to district and city admins only. Descriptions are never run through content filtering: a report of
 * abuse must not be refused for its words.
 */
public final class ConcernService {
  static final Set<String> CATEGORIES = Set.of(
      "ABUSE_VIOLENCE",
      "SEXUAL_ABUSE",
      "NEGLECT",
      "SELF_HARM",
      "DROPOUT",
      "HEALTH_EMERGENCY",
      "OTHER");
  static final Set<String> SEVERITIES = Set.of("URGENT", "HIGH", "NORMAL");
  static final Set<String> AGENCIES = Set.of(
      "POLICE",
      "CIVIL_AFFAIRS",
      "EDUCATION",
      "COURT",
      "PROCURATORATE",
      "HEALTH",
      "WOMENS_FEDERATION");
  /** The ledger's risk flag a report's category raises, besides HIGH_RISK for URGENT and HIGH. */
  private static final Map<String, String> CATEGORY_FLAG = Map.of(
      "ABUSE_VIOLENCE",
      "ABUSE_SUSPECTED",
      "SEXUAL_ABUSE",
      "ABUSE_SUSPECTED",
      "SELF_HARM",
      "SELF_HARM_RISK",
      "DROPOUT",
      "DROPOUT_RISK");

  public static final String EMERGENCY_ADVICE =
      "如果孩子正面临生命危险或正在受到伤害，请立即拨打 110 报警；需要急救请拨打 120。" + "不要等待本系统处理。您的报告已送达区县妇联，会有专人跟进。";

  public record ReportInput(
      String childId,
      String category,
      String severity,
      String description,
      Instant occurredAt,
      List<String> attachmentIds) {}

  public record ReferInput(
      String agency,
      String unit,
      String contact,
      String referenceNo,
      Instant referredAt,
      String note) {}

  public record NoteInput(String note) {}

  public record ResolveInput(String outcome, String note) {}

  /** What the reporter sees of her own reports: what happens next, not the admins' notes. */
  public record MyConcern(
      String id,
      String childName,
      String category,
      String severity,
      String status,
      Instant occurredAt,
      Instant createdAt,
      Instant closedAt,
      List<ReferralViews.Progress> referrals,
      String emergencyAdvice) {}

  public record Reporter(String userId, String role) {}

  public record Event(
      String action,
      String fromStatus,
      String toStatus,
      String actorUserId,
      String actorRole,
      String note,
      Instant at) {}

  public record Summary(
      String id,
      String childId,
      String childName,
      String districtCode,
      String street,
      String category,
      String severity,
      String status,
      Instant occurredAt,
      Instant createdAt,
      Instant ackDueAt,
      boolean overdue,
      Instant escalatedAt,
      boolean caseTeamSuggested) {}

  public record Concern(
      Summary summary,
      String description,
      Reporter reporter,
      List<ReferralViews.Referral> referrals,
      String outcome,
      Instant acknowledgedAt,
      Instant resolvedAt,
      Instant closedAt,
      List<Event> events,
      List<Attachments.FileRef> attachments) {}

  public record Page(List<Summary> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final CareRules rules;
  private final ConcernAlerts alerts;
  private final Clock clock;
  private final ConcernViews views;

  public ConcernService(
      Jdbi jdbi,
      FieldCipher cipher,
      AuditLog audit,
      CareRules rules,
      ConcernAlerts alerts,
      Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.audit = audit;
    this.rules = rules;
    this.alerts = alerts;
    this.clock = clock;
    this.views = new ConcernViews(cipher, clock);
  }

  public Idempotency.Result<MyConcern> report(
      Caller caller, ReportInput in, Idempotency.Request idem) {
    Instant now = clock.instant();
    validate(in, now);
    long childId = Ids.parseOr(in.childId(), -1);
    Set<Long> evidence = Attachments.parse(in.attachmentIds());
    return jdbi.inTransaction(h -> {
      Idempotency.Claim claim =
          idem == null ? null : Idempotency.claim(h, caller.userId(), "concern", idem, now);
      ConcernDao dao = new ConcernDao(h);
      if (claim != null && claim.replay()) {
        return new Idempotency.Result<>(
            views.mine(
                dao,
                dao.findOfReporter(claim.existingResourceId(), caller.userId()).orElseThrow()),
            true);
      }
      ConcernDao.Child child = dao.childForUpdate(childId)
          .filter(c -> caller.adminScope().covers(c.districtCode(), c.street())
              || dao.volunteerSees(c.id(), caller.userId())
              || coachSees(caller, dao.troupesOfChild(c.id())))
          .orElseThrow(() -> AppException.notFound("儿童"));
      long id = Ids.next();
      Instant due = now.plus(Duration.ofHours(rules.slaHours().get(in.severity())));
      dao.insert(
          id,
          child,
          caller.userId(),
          caller.primaryRole(),
          in.category(),
          in.severity(),
          cipher.encrypt(in.description().strip(), "concerns.description"),
          in.occurredAt(),
          due,
          now);
      dao.event(
          Ids.next(),
          id,
          "REPORT",
          null,
          "REPORTED",
          caller.userId(),
          caller.primaryRole(),
          null,
          now);
      Attachments.attach(
          h,
          caller.userId(),
          FilePurpose.CONCERN_EVIDENCE,
          id,
          child.districtCode(),
          child.street(),
          evidence,
          now);
      raiseRiskFlags(dao, child, in, now);
      if (claim != null) {
        Idempotency.complete(h, claim, id);
      }
      audit.record(
          h,
          caller,
          "concern.report",
          "child",
          Long.toString(child.id()),
          in.severity() + " " + id);
      alerts.reported(h, id, child.districtCode(), in.severity(), in.category(), now);
      return new Idempotency.Result<>(
          views.mine(dao, dao.findOfReporter(id, caller.userId()).orElseThrow()), false);
    });
  }

  private static void validate(ReportInput in, Instant now) {
    new Fields()
        .require("childId", in.childId())
        .require("category", in.category())
        .require("severity", in.severity())
        .require("description", in.description())
        .require("occurredAt", in.occurredAt())
        .check(
            in.category(),
            in.category() == null || CATEGORIES.contains(in.category()),
            "category",
            "没有这种报告类别")
        .check(
            in.severity(),
            in.severity() == null || SEVERITIES.contains(in.severity()),
            "severity",
            "紧急程度应为 URGENT、HIGH 或 NORMAL")
        .maxLength("description", in.description(), 2000)
        .check(
            in.occurredAt(),
            in.occurredAt() == null || !in.occurredAt().isAfter(now.plusSeconds(300)),
            "occurredAt",
            "发生时间不能晚于现在")
        .throwIfAny();
  }

  /** A coach sees the children on the rosters of the troupes she coaches (named, or all of her district). */
  private static boolean coachSees(Caller caller, List<Object[]> troupes) {
    return troupes.stream().anyMatch(t -> caller.coaches((String) t[1], (Long) t[0]));
  }

  private static void raiseRiskFlags(
      ConcernDao dao, ConcernDao.Child child, ReportInput in, Instant now) {
    Set<String> flags = new LinkedHashSet<>();
    if (child.riskFlags() != null && !child.riskFlags().isEmpty()) {
      flags.addAll(Arrays.asList(child.riskFlags().split(",")));
    }
    int before = flags.size();
    if (!"NORMAL".equals(in.severity())) {
      flags.add("HIGH_RISK");
    }
    if (CATEGORY_FLAG.containsKey(in.category())) {
      flags.add(CATEGORY_FLAG.get(in.category()));
    }
    if (flags.size() != before) {
      dao.setRiskFlags(child.id(), String.join(",", flags), now);
    }
  }

  public cn.yuhao.care.http.Page<MyConcern> mine(Caller caller, long before, int limit) {
    return jdbi.withHandle(h -> {
      ConcernDao dao = new ConcernDao(h);
      return cn.yuhao.care.http.Page.of(
          dao.ofReporter(caller.userId(), before, limit + 1),
          limit,
          r -> views.mine(dao, r),
          ConcernDao.Row::id);
    });
  }

  public Page list(
      Caller admin,
      String status,
      Boolean overdue,
      String severity,
      String districtCode,
      long before,
      int limit) {
    if (status != null
        && !Set.of("REPORTED", "ACKNOWLEDGED", "REFERRED", "RESOLVED", "CLOSED").contains(status)) {
      throw AppException.invalid("status", "状态应为 REPORTED、ACKNOWLEDGED、REFERRED、RESOLVED 或 CLOSED");
    }
    if (severity != null && !SEVERITIES.contains(severity)) {
      throw AppException.invalid("severity", "紧急程度应为 URGENT、HIGH 或 NORMAL");
    }
    return jdbi.withHandle(h -> {
      ConcernDao dao = new ConcernDao(h);
      List<ConcernDao.Row> rows = dao.list(
          admin.adminScope(),
          status,
          overdue,
          severity,
          districtCode,
          clock.instant(),
          before,
          limit + 1);
      List<Summary> items = new ArrayList<>();
      for (ConcernDao.Row r : rows.subList(0, Math.min(limit, rows.size()))) {
        items.add(views.summary(dao, r));
      }
      return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
    });
  }

  /** One report in full, with its events; audited, as it holds the description of harm. */
  public Concern get(Caller admin, long id) {
    return jdbi.inTransaction(h -> {
      ConcernDao dao = new ConcernDao(h);
      ConcernDao.Row r =
          dao.find(id, admin.adminScope(), false).orElseThrow(() -> AppException.notFound("报告"));
      audit.record(h, admin, "concern.read", "concern", Long.toString(id), null);
      return views.full(dao, r, admin);
    });
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
