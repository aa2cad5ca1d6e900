package cn.yuhao.care.checklist;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.privacy.FieldCipher;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The child's plan (一策): the volunteers of her pairing (its lead or case team) write it - needs, goals, actions
 * with who and by when, a review date - and submit it; the street supervisor or the district admin approves it
 * or returns it with a reason; each semester the volunteers review it, goal by goal. Rewriting an approved plan
 * starts a new version, and the approved one stays in force until the new one is approved.
 */
public final class PlanService {
  static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
  private static final Set<String> WRITABLE = Set.of("DRAFT", "RETURNED");

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Clock clock;

  public PlanService(Jdbi jdbi, FieldCipher cipher, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  /** The plan in force and the one being written, for the pairing's volunteers and admins in scope. */
  public Plans.Both get(Caller caller, long pairingId) {
    return jdbi.inTransaction(h -> {
      CareService.Access a = CareService.access(h, caller, pairingId);
      if (!a.asVolunteer()) {
        audit.record(h, caller, "plan.read", "child", Long.toString(a.pairing().childId()), null);
      }
      return both(h, a.pairing().childId());
    });
  }

  public Plans.Plan write(Caller caller, long pairingId, Plans.PlanInput in) {
    LocalDate today = today();
    Plans.validate(in, today);
    String body = cipher.encrypt(json(Plans.body(in)), "care_plans.body");
    return jdbi.inTransaction(h -> {
      CareDao.PairingRef p = writer(h, caller, pairingId);
      PlanDao dao = new PlanDao(h);
      Instant now = clock.instant();
      var open = dao.open(p.childId());
      long id;
      if (open.isPresent()) {
        if (!WRITABLE.contains(open.get().status())) {
          throw new AppException(ErrorCode.CONFLICT, "计划已提交审批，审批前不能修改");
        }
        id = open.get().id();
        dao.rewrite(id, body, in.reviewDue(), caller.userId(), now);
      } else {
        id = Ids.next();
        dao.insert(id, p, body, in.reviewDue(), caller.userId(), now);
      }
      audit.record(h, caller, "plan.write", "child", Long.toString(p.childId()), Long.toString(id));
      return view(h, dao.find(id, cn.yuhao.care.auth.Scope.ALL).orElseThrow());
    });
  }

  public Plans.Plan submit(Caller caller, long pairingId) {
    return jdbi.inTransaction(h -> {
      CareDao.PairingRef p = writer(h, caller, pairingId);
      PlanDao dao = new PlanDao(h);
      PlanDao.Row open = dao.open(p.childId())
          .filter(r -> WRITABLE.contains(r.status()))
          .orElseThrow(() -> new AppException(ErrorCode.CONFLICT, "没有待提交的计划"));
      dao.setStatus(open.id(), "SUBMITTED", null, null, clock.instant());
      audit.record(h, caller, "plan.submit", "child", Long.toString(p.childId()), null);
      return view(h, dao.find(open.id(), cn.yuhao.care.auth.Scope.ALL).orElseThrow());
    });
  }

  /** Approves a submitted plan (supervisor of its street, district or city admin); the old one is superseded. */
  public Plans.Plan approve(Caller admin, long planId) {
    return decide(admin, planId, "APPROVED", null);
  }

  public Plans.Plan giveBack(Caller admin, long planId, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw AppException.invalid("reason", "请填写退回原因（500 字以内）");
    }
    return decide(admin, planId, "RETURNED", reason.strip());
  }

  private Plans.Plan decide(Caller admin, long planId, String to, String reason) {
    return jdbi.inTransaction(h -> {
      PlanDao dao = new PlanDao(h);
      PlanDao.Row r =
          dao.find(planId, admin.adminScope()).orElseThrow(() -> AppException.notFound("计划"));
      if (!"SUBMITTED".equals(r.status())) {
        throw new AppException(ErrorCode.CONFLICT, "只有已提交的计划可以审批");
      }
      dao.setStatus(planId, to, admin.userId(), reason, clock.instant());
      if ("APPROVED".equals(to)) {
        dao.supersede(r.childId(), planId);
      }
      audit.record(
          h,
          admin,
          "plan." + to.toLowerCase(java.util.Locale.ROOT),
          "child",
          Long.toString(r.childId()),
          null);
      return view(h, dao.find(planId, admin.adminScope()).orElseThrow());
    });
  }

  /** A semester's review of the plan in force: progress for every goal and the next review date. */
  public Plans.Plan review(Caller caller, long pairingId, Plans.ReviewInput in) {
    LocalDate today = today();
    return jdbi.inTransaction(h -> {
      CareDao.PairingRef p = writer(h, caller, pairingId);
      PlanDao dao = new PlanDao(h);
      PlanDao.Row plan = dao.approved(p.childId())
          .orElseThrow(() -> new AppException(ErrorCode.CONFLICT, "还没有审批通过的计划，不能回顾"));
      Plans.Body body = body(plan);
      Plans.validate(in, body.goals().size(), today);
      dao.insertReview(
          Ids.next(),
          plan.id(),
          caller.userId(),
          cipher.encrypt(json(in.progress()), "care_plan_reviews.progress"),
          in.nextReview(),
          clock.instant());
      audit.record(h, caller, "plan.review", "child", Long.toString(p.childId()), null);
      return view(h, dao.find(plan.id(), cn.yuhao.care.auth.Scope.ALL).orElseThrow());
    });
  }

  /** The plans of a child (in force and being written), for the child's file. */
  public Plans.Both ofChild(Handle h, long childId) {
    return both(h, childId);
  }

  private Plans.Both both(Handle h, long childId) {
    PlanDao dao = new PlanDao(h);
    return new Plans.Both(
        dao.approved(childId).map(r -> view(h, r)).orElse(null),
        dao.open(childId).map(r -> view(h, r)).orElse(null));
  }

  /** The pairing for one of its volunteers (admins read, but the plan is the volunteers' to write). */
  private static CareDao.PairingRef writer(Handle h, Caller caller, long pairingId) {
    CareService.Access a = CareService.access(h, caller, pairingId);
    if (!a.asVolunteer()) {
      throw new AppException(ErrorCode.FORBIDDEN, "计划由结对的爱心妈妈或关爱专班填写");
    }
    return a.pairing();
  }

  private Plans.Plan view(Handle h, PlanDao.Row r) {
    Plans.Body b = body(r);
    List<Plans.Review> reviews = new PlanDao(h)
        .reviews(r.id()).stream()
            .map(v -> new Plans.Review(
                Long.toString(v.id()),
                v.reviewedAt(),
                read(
                    cipher.decrypt(v.progressEnc(), "care_plan_reviews.progress"),
                    new TypeReference<>() {}),
                v.nextReview()))
            .toList();
    return new Plans.Plan(
        Long.toString(r.id()),
        Long.toString(r.childId()),
        Long.toString(r.pairingId()),
        r.status(),
        b.needs(),
        b.goals(),
        b.actions(),
        r.reviewDue(),
        "APPROVED".equals(r.status()) && r.reviewDue().isBefore(today()),
        r.writtenAt(),
        r.submittedAt(),
        r.decidedAt(),
        r.returnReason(),
        reviews);
  }

  private Plans.Body body(PlanDao.Row r) {
    return read(cipher.decrypt(r.bodyEnc(), "care_plans.body"), new TypeReference<>() {});
  }

  private LocalDate today() {
    return clock.instant().atZone(CHONGQING).toLocalDate();
  }

  private static String json(Object o) {
    try {
      return Json.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T read(String s, TypeReference<T> type) {
    try {
      return Json.mapper().readValue(s, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored plan does not parse", e);
    }
  }
}
