package cn.yuhao.care.activity;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The children who took part in a group activity (多对多), recorded once for the activity by its organiser, and
 * shown on each of their pairings (to the 爱心妈妈 and to the admins in scope).
 */
public final class ParticipantService {
  public record ChildrenInput(List<String> childIds) {}

  public record Recorded(int recorded, int already) {}

  public record Participant(String childId, String name) {}

  public record Attended(
      String activityId,
      String title,
      String kind,
      String kindLabel,
      String place,
      Instant startsAt) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public ParticipantService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** All or none: a child who is not active, in scope and of the activity's district is a 422 naming her. */
  public Recorded add(Caller admin, long activityId, ChildrenInput in) {
    List<String> ids = in.childIds();
    new Fields()
        .require("childIds", ids == null || ids.isEmpty() ? null : ids)
        .check(ids, ids == null || ids.size() <= 200, "childIds", "一次最多记录 200 名儿童")
        .throwIfAny();
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      ActivityDao.Row a = new ActivityDao(h)
          .findInScope(activityId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("活动"));
      ParticipantDao dao = new ParticipantDao(h);
      Fields bad = new Fields();
      List<Long> children = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        long id = Ids.parseOr(ids.get(i), -1);
        Optional<ParticipantDao.Child> c =
            id <= 0 ? Optional.empty() : dao.childInScope(id, admin.adminScope());
        if (c.isEmpty() || !c.get().districtCode().equals(a.districtCode())) {
          bad.fail("childIds[" + i + "]", "不是本活动所在区县、在您范围内的在册儿童");
        } else {
          children.add(id);
        }
      }
      bad.throwIfAny();
      int recorded = 0;
      for (long c : children) {
        recorded += dao.add(activityId, c, admin.userId(), now) ? 1 : 0;
      }
      audit.record(
          h, admin, "activity.children", "activity", Long.toString(activityId), recorded + " 名儿童");
      return new Recorded(recorded, children.size() - recorded);
    });
  }

  public List<Participant> of(Caller admin, long activityId) {
    return jdbi.withHandle(h -> {
      new ActivityDao(h)
          .findInScope(activityId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("活动"));
      return new ParticipantDao(h)
          .of(activityId).stream()
              .map(c -> new Participant(Long.toString(c.id()), c.name()))
              .toList();
    });
  }

  /** The activities a pairing's child took part in: for the pairing's volunteers and the admins in scope. */
  public List<Attended> ofPairing(Caller caller, long pairingId) {
    return jdbi.withHandle(h -> {
      ParticipantDao dao = new ParticipantDao(h);
      Optional<Long> child = caller.hasRole(Role.VOLUNTEER)
          ? dao.childOfVolunteersPairing(pairingId, caller.userId())
          : Optional.empty();
      if (child.isEmpty()) {
        child = dao.childOfPairingInScope(pairingId, caller.adminScope());
      }
      return dao.attendedBy(child.orElseThrow(() -> AppException.notFound("结对"))).stream()
          .map(x -> new Attended(
              Long.toString(x.activityId()),
              x.title(),
              x.kind(),
              ActivityService.KINDS.getOrDefault(x.kind(), x.kind()),
              x.place(),
              x.startsAt()))
          .toList();
    });
  }
}
