package cn.yuhao.care.pairing;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.pairing.PairingRequestDao.Row;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A volunteer asks to pair with a child she was shown (anonymised) among her suggestions; the district admin
 * approves, which creates the ONE_TO_ONE pairing with every check of a pairing, or declines with a reason.
 */
public final class PairingRequestService {
  public record RequestInput(String ref, String message) {}

  /** The volunteer's own view: the alias she was shown, never the child's identity before approval. */
  public record MyRequest(
      String id,
      String alias,
      String status,
      String message,
      Instant createdAt,
      Instant decidedAt,
      String declineReason) {}

  public record AdminRequest(
      String id,
      String childId,
      String childName,
      String volunteerId,
      String volunteerName,
      String districtCode,
      String street,
      String status,
      String message,
      Instant createdAt,
      Instant decidedAt,
      String declineReason,
      String pairingId) {}

  public record Page(List<AdminRequest> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final PairingService pairings;
  private final MatchingService matching;
  private final AuditLog audit;
  private final Clock clock;

  public PairingRequestService(
      Jdbi jdbi, PairingService pairings, MatchingService matching, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.pairings = pairings;
    this.matching = matching;
    this.audit = audit;
    this.clock = clock;
  }

  public MyRequest request(Caller caller, RequestInput in) {
    new Fields()
        .require("ref", in.ref())
        .maxLength("ref", in.ref(), 200)
        .maxLength("message", in.message(), 200)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      PairingDao dao = new PairingDao(h);
      PairingDao.Volunteer me = dao.volunteerOfUser(caller.userId())
          .filter(v -> "ADMITTED".equals(v.status()))
          .orElseThrow(() -> new AppException(ErrorCode.VOLUNTEER_STATE, "只有已准入的爱心妈妈可以申请结对"));
      long childId = matching.childOfRef(me.id(), in.ref());
      PairingDao.Child child = dao.childInScopeForUpdate(childId, Scope.ALL)
          .orElseThrow(() -> AppException.notFound("儿童"));
      boolean waiting = "ACTIVE".equals(child.status())
          && "ONE_TO_ONE".equals(child.careLevel())
          && child.districtCode().equals(me.districtCode())
          && !dao.hasActivePrimary(childId)
          && dao.currentConsent(childId).isPresent();
      if (!waiting) {
        throw new AppException(ErrorCode.CONFLICT, "该儿童已不在待结对名单中");
      }
      if (dao.activeLoad(me.id()) >= me.maxChildren()) {
        throw new AppException(
            ErrorCode.CAPACITY_EXCEEDED, "您已结对 " + me.maxChildren() + " 名儿童，达到您填报的上限");
      }
      String key = childId + ":" + me.id();
      PairingRequestDao requests = new PairingRequestDao(h);
      if (requests.pending(key)) {
        throw new AppException(ErrorCode.DUPLICATE, "您已申请与这名儿童结对，请等待审核");
      }
      long id = Ids.next();
      requests.insert(id, childId, me.id(), child, key, blankToNull(in.message()), clock.instant());
      audit.record(h, caller, "pairing.request", "pairing_request", Long.toString(id), null);
      return mine(requests.find(id, Scope.ALL, false).orElseThrow());
    });
  }

  public cn.yuhao.care.http.Page<MyRequest> mine(Caller caller, long before, int limit) {
    return jdbi.withHandle(h -> {
      Optional<PairingDao.Volunteer> me = new PairingDao(h).volunteerOfUser(caller.userId());
      if (me.isEmpty()) {
        return new cn.yuhao.care.http.Page<MyRequest>(List.of(), null);
      }
      return cn.yuhao.care.http.Page.of(
          new PairingRequestDao(h).ofVolunteer(me.get().id(), before, limit + 1),
          limit,
          this::mine,
          PairingRequestDao.Row::id);
    });
  }

  public Page list(Caller admin, String status, long before, int limit) {
    if (status != null && !Set.of("PENDING", "APPROVED", "DECLINED").contains(status)) {
      throw AppException.invalid("status", "状态应为 PENDING、APPROVED 或 DECLINED");
    }
    List<Row> rows = jdbi.withHandle(
        h -> new PairingRequestDao(h).list(admin.adminScope(), status, before, limit + 1));
    List<AdminRequest> items =
        rows.stream().limit(limit).map(PairingRequestService::admin).toList();
    return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
  }

  public AdminRequest approve(Caller admin, long id) {
    return jdbi.inTransaction(h -> {
      Row r = pending(h, admin, id);
      long pairingId = pairings.createIn(
          h,
          admin,
          new PairingService.PairingInput(
              Long.toString(r.childId()),
              Long.toString(r.volunteerId()),
              null,
              "ONE_TO_ONE",
              null,
              "志愿者申请结对"),
          "CARE");
      Instant now = clock.instant();
      PairingRequestDao requests = new PairingRequestDao(h);
      requests.approve(id, pairingId, admin.userId(), now);
      // The child is paired now: other volunteers' requests for her are answered, not left hanging.
      requests.declineOthers(r.childId(), "该儿童已与其他志愿者结对", admin.userId(), now);
      audit.record(
          h,
          admin,
          "pairing.request.approve",
          "pairing_request",
          Long.toString(id),
          "pairing " + pairingId);
      return admin(new PairingRequestDao(h).find(id, admin.adminScope(), false).orElseThrow());
    });
  }

  public AdminRequest decline(Caller admin, long id, String reason) {
    new Fields().require("reason", reason).maxLength("reason", reason, 500).throwIfAny();
    return jdbi.inTransaction(h -> {
      pending(h, admin, id);
      new PairingRequestDao(h).decline(id, reason.trim(), admin.userId(), clock.instant());
      audit.record(
          h, admin, "pairing.request.decline", "pairing_request", Long.toString(id), reason);
      return admin(new PairingRequestDao(h).find(id, admin.adminScope(), false).orElseThrow());
    });
  }

  private static Row pending(Handle h, Caller admin, long id) {
    Row r = new PairingRequestDao(h)
        .find(id, admin.adminScope(), true)
        .orElseThrow(() -> AppException.notFound("结对申请"));
    if (!admin.adminScope().coversDistrict(r.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以审核结对申请");
    }
    if (!"PENDING".equals(r.status())) {
      throw new AppException(ErrorCode.PAIRING_STATE, "该申请已处理");
    }
    return r;
  }

  private MyRequest mine(Row r) {
    return new MyRequest(
        Long.toString(r.id()),
        matching.alias(r.childId()),
        r.status(),
        r.message(),
        r.createdAt(),
        r.decidedAt(),
        r.declineReason());
  }

  private static AdminRequest admin(Row r) {
    return new AdminRequest(
        Long.toString(r.id()),
        Long.toString(r.childId()),
        r.childName(),
        Long.toString(r.volunteerId()),
        r.volunteerName(),
        r.districtCode(),
        r.street(),
        r.status(),
        r.message(),
        r.createdAt(),
        r.decidedAt(),
        r.declineReason(),
        r.pairingId() == null ? null : Long.toString(r.pairingId()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
