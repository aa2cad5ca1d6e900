package cn.yuhao.care.pairing;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.child.ChildAges;
import cn.yuhao.care.privacy.FieldCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A volunteer's own pairings, as the mini-program shows them: each child's name, age, grade, needs and her
 * guardians' contacts (the volunteer needs them to call), every read audited.
 */
public final class MyPairings {
  public record Guardian(String name, String relation, String phone) {}

  /** What a volunteer sees of her own children: what she needs to care, and no more. */
  public record MyPairing(
      String id,
      String mode,
      String purpose,
      String role,
      Instant startedAt,
      String childName,
      String gender,
      int age,
      Integer grade,
      List<String> needs,
      List<Guardian> guardians) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Clock clock;

  public MyPairings(Jdbi jdbi, FieldCipher cipher, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  /** Her active pairings with each child's name, age, grade, needs and guardians' contacts; audited per read. */
  public List<MyPairing> mine(Caller caller) {
    return jdbi.inTransaction(h -> {
      PairingDao dao = new PairingDao(h);
      PairingDao.Volunteer me = dao.volunteerOfUser(caller.userId()).orElse(null);
      if (me == null || !"ADMITTED".equals(me.status())) {
        return List.of();
      }
      List<MyPairing> out = new ArrayList<>();
      for (PairingRow p : dao.activeOfVolunteer(me.id())) {
        MyChild c = myChild(h, p.childId());
        String role = me.id() == (p.volunteerId() == null ? -1 : p.volunteerId())
            ? "LEAD"
            : p.teamId() != null ? "TEAM" : "MEMBER";
        out.add(new MyPairing(
            Long.toString(p.id()),
            p.mode(),
            p.purpose(),
            role,
            p.startedAt(),
            c.name(),
            c.gender(),
            ChildAges.age(c.birthDate(), clock),
            ChildAges.grade(c.schoolEntryYear(), clock),
            PairingService.split(c.needs()),
            c.guardians()));
      }
      if (!out.isEmpty()) {
        audit.record(
            h,
            caller,
            "pairing.children.read",
            "volunteer",
            Long.toString(me.id()),
            "姓名、年龄、年级、需求、监护人联系方式：" + out.size() + " 名儿童");
      }
      return out;
    });
  }

  private record MyChild(
      String name,
      String gender,
      java.time.LocalDate birthDate,
      Integer schoolEntryYear,
      String needs,
      List<Guardian> guardians) {}

  private MyChild myChild(Handle h, long childId) {
    PairingDao dao = new PairingDao(h);
    List<Guardian> guardians = dao.guardians(childId).stream()
        .map(g -> new Guardian(
            g.name(), g.relation(), cipher.decrypt(g.phoneEnc(), "child_guardians.phone")))
        .toList();
    PairingDao.ChildDetails c = dao.childDetails(childId);
    return new MyChild(
        c.name(), c.gender(), c.birthDate(), c.schoolEntryYear(), c.needs(), guardians);
  }
}
