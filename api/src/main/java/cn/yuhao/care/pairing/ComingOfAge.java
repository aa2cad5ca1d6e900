package cn.yuhao.care.pairing;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.child.ChildAges;
import cn.yuhao.care.child.ChildService;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** The 成年礼: a child who turned 18 leaves care with a growth mentor (成长爱护人) paired with her. */
public final class ComingOfAge {
  public record MentorInput(String volunteerId, String note) {}

  private final Jdbi jdbi;
  private final PairingService pairings;
  private final PairingEndings endings;
  private final ChildService children;
  private final AuditLog audit;
  private final Clock clock;

  public ComingOfAge(
      Jdbi jdbi,
      PairingService pairings,
      PairingEndings endings,
      ChildService children,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.pairings = pairings;
    this.endings = endings;
    this.children = children;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The 成年礼 handover of a child who turned 18: her care pairings end (CHILD_AGED_OUT), a growth mentor
   * (成长爱护人) is paired with her, and her ledger record becomes AGED_OUT, in one transaction. Guardian consent
   * is not asked: she is an adult and agrees herself.
   */
  public PairingService.Pairing handOver(Caller admin, long childId, MentorInput in) {
    new Fields()
        .require("volunteerId", in.volunteerId())
        .maxLength("note", in.note(), 500)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      PairingDao dao = new PairingDao(h);
      PairingDao.Child child = dao.childInScopeForUpdate(childId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("儿童"));
      if ("ACTIVE".equals(child.status()) && ChildAges.age(child.birthDate(), clock) < 18) {
        throw new AppException(ErrorCode.CONFLICT, "该儿童未满 18 周岁，尚不能办理成年礼交接");
      }
      Instant now = clock.instant();
      endings.endAll(h, childId, "CHILD_AGED_OUT", admin.userId(), now);
      long id = pairings.createIn(
          h,
          admin,
          new PairingService.PairingInput(
              Long.toString(childId),
              in.volunteerId(),
              null,
              "ONE_TO_ONE",
              null,
              in.note() == null ? "成年礼交接：成长爱护人" : in.note()),
          "GROWTH_MENTOR");
      children.agedOut(h, childId, now);
      audit.record(
          h, admin, "child.coming_of_age", "child", Long.toString(childId), "pairing " + id);
      return pairings.viewIn(h, admin, id);
    });
  }
}
