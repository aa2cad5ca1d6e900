package cn.yuhao.care.checklist;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Supervisors' follow-up requests (督导跟进, CASA-style): a street supervisor or admin asks the volunteers of a
 * pairing to follow something up, on the pairing or on one of its records; a volunteer of the pairing answers
 * and resolves it. Never deleted.
 */
public final class FollowUpService {
  public record RequestInput(String recordId, String request) {}

  public record FollowUp(
      String id,
      String pairingId,
      String childName,
      String recordId,
      String request,
      Instant requestedAt,
      String status,
      String resolution,
      Instant resolvedAt) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public FollowUpService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  public FollowUp request(Caller admin, long pairingId, RequestInput in) {
    new Fields()
        .require("request", in.request())
        .maxLength("request", in.request(), 500)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      CareDao dao = new CareDao(h);
      CareDao.PairingRef p = dao.pairingInScope(pairingId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("结对"));
      if (!"ACTIVE".equals(p.status())) {
        throw new AppException(ErrorCode.PAIRING_STATE, "该结对已经结束，无法再请志愿者跟进");
      }
      Long recordId = null;
      if (in.recordId() != null) {
        recordId = dao.find(Ids.parseOr(in.recordId(), -1), false)
            .filter(r -> r.pairingId() == pairingId)
            .map(CareDao.Row::id)
            .orElseThrow(() -> AppException.invalid("recordId", "应为这个结对的一条关爱记录"));
      }
      long id = Ids.next();
      dao.insertFollowUp(id, p, recordId, in.request().strip(), admin.userId(), clock.instant());
      audit.record(
          h,
          admin,
          "care.follow_up.request",
          "pairing",
          Long.toString(pairingId),
          Long.toString(id));
      return view(dao.followUp(id, false).orElseThrow(), p.childName());
    });
  }

  /** A pairing's follow-ups, for its volunteers and admins in scope. */
  public cn.yuhao.care.http.Page<FollowUp> ofPairing(
      Caller caller, long pairingId, long before, int limit) {
    return jdbi.withHandle(h -> {
      CareService.Access a = CareService.access(h, caller, pairingId);
      return cn.yuhao.care.http.Page.of(
          new CareDao(h).followUps(List.of(a.pairing().id()), null, before, limit + 1),
          limit,
          f -> view(f, a.pairing().childName()),
          CareDao.FollowUp::id);
    });
  }

  /** The open follow-ups of every active pairing she takes part in. */
  public List<FollowUp> mine(Caller caller) {
    return jdbi.withHandle(h -> {
      CareDao dao = new CareDao(h);
      Long volunteerId = dao.admittedVolunteerOfUser(caller.userId()).orElse(null);
      if (volunteerId == null) {
        return List.of();
      }
      return dao.followUps(dao.activePairingsOf(volunteerId), "OPEN", Long.MAX_VALUE, 500).stream()
          .map(f -> view(f, dao.pairing(f.pairingId()).orElseThrow().childName()))
          .toList();
    });
  }

  public FollowUp resolve(Caller caller, long id, String resolution) {
    new Fields()
        .require("resolution", resolution)
        .maxLength("resolution", resolution, 500)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      CareDao dao = new CareDao(h);
      CareDao.FollowUp f = dao.followUp(id, true).orElseThrow(() -> AppException.notFound("跟进事项"));
      CareService.Access a;
      try {
        a = CareService.access(h, caller, f.pairingId());
      } catch (AppException e) {
        throw AppException.notFound("跟进事项");
      }
      if (!a.asVolunteer()) {
        throw new AppException(ErrorCode.FORBIDDEN, "跟进事项由结对的志愿者办结");
      }
      if (!"OPEN".equals(f.status())) {
        throw new AppException(ErrorCode.CONFLICT, "这条跟进事项已经办结");
      }
      dao.resolveFollowUp(id, resolution.strip(), caller.userId(), clock.instant());
      audit.record(h, caller, "care.follow_up.resolve", "care_follow_up", Long.toString(id), null);
      return view(dao.followUp(id, false).orElseThrow(), a.pairing().childName());
    });
  }

  private static FollowUp view(CareDao.FollowUp f, String childName) {
    return new FollowUp(
        Long.toString(f.id()),
        Long.toString(f.pairingId()),
        childName,
        f.recordId() == null ? null : Long.toString(f.recordId()),
        f.request(),
        f.requestedAt(),
        f.status(),
        f.resolution(),
        f.resolvedAt());
  }
}
