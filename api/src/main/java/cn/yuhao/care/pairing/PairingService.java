package cn.yuhao.care.pairing;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * "1+1+N" pairings (结对): ONE_TO_ONE (one volunteer, one child), CASE_TEAM (多对一 专班: a lead plus members
 * with roles; required for a child flagged high-risk) and GROUP (多对多: a volunteer team caring for many).
 * Every pairing needs the guardian's current consent, an active child in the admin's scope and, for a lead,
 * an admitted volunteer with free capacity. Checks and write happen in one transaction with the child and
 * the volunteer locked, and a unique key backs "one primary pairing per child" against races.
 */
public final class PairingService {
  static final Set<String> MODES = Set.of("ONE_TO_ONE", "CASE_TEAM", "GROUP");
  static final Set<String> MEMBER_ROLES = Set.of(
      "TEACHER",
      "DOCTOR",
      "NURSE",
      "PSYCHOLOGIST",
      "SOCIAL_WORKER",
      "LAWYER",
      "JUDGE",
      "PROSECUTOR",
      "POLICE",
      "FAMILY_EDUCATION_EXPERT",
      "CADRE",
      "OTHER");
  /** Reasons an admin gives for ending; the others are set by the system when the cause happens. */
  static final Set<String> ADMIN_END_REASONS = Set.of(
      "CHILD_MOVED", "CASE_CLOSED", "REASSIGNED", "VOLUNTEER_REQUEST", "GUARDIAN_REQUEST", "OTHER");

  public record MemberInput(String volunteerId, String role) {}

  public record PairingInput(
      String childId,
      String volunteerId,
      String teamId,
      String mode,
      List<MemberInput> members,
      String note) {}

  public record EndInput(String reason, String note) {}

  public record Filter(String status, String districtCode, Long childId, Long volunteerId) {}

  public record Member(
      String volunteerId, String realName, String role, Instant addedAt, Instant removedAt) {}

  public record Pairing(
      String id,
      String childId,
      String childName,
      String volunteerId,
      String volunteerName,
      String teamId,
      String teamName,
      String mode,
      String purpose,
      String districtCode,
      String street,
      String status,
      String note,
      Instant startedAt,
      Instant endedAt,
      String endReason,
      String endNote,
      List<Member> members) {}

  public record Page(List<Pairing> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final PairingCounters counters;
  private final AuditLog audit;
  private final Clock clock;

  public PairingService(Jdbi jdbi, AuditLog audit, Clock clock, PairingCounters counters) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.counters = counters;
  }

  public Pairing create(Caller admin, PairingInput in) {
    validate(in);
    return jdbi.inTransaction(h -> {
      return viewIn(h, admin, createIn(h, admin, in, "CARE"));
    });
  }

  /** Creates a pairing inside the caller's transaction (also used by request approval and proposals). */
  long createIn(Handle h, Caller admin, PairingInput in, String purpose) {
    PairingDao dao = new PairingDao(h);
    PairingDao.Child child = dao.childInScopeForUpdate(
            Ids.parseOr(in.childId(), -1), admin.adminScope())
        .orElseThrow(() -> AppException.notFound("儿童"));
    if (!admin.adminScope().coversDistrict(child.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以结对");
    }
    if (!"ACTIVE".equals(child.status())) {
      throw new AppException(ErrorCode.CHILD_NOT_ACTIVE, "该儿童在台账中的状态为 " + child.status() + "，不能结对");
    }
    Long consentId = null;
    if ("CARE".equals(purpose)) {
      consentId = dao.currentConsent(child.id())
          .orElseThrow(
              () -> new AppException(ErrorCode.CONSENT_REQUIRED, "该儿童的监护人尚未同意（或已撤回同意），不能结对"));
    }
    Carer carer = carer(dao, admin, in, child, purpose);
    Long volunteerId = carer.volunteerId();
    Long teamId = carer.teamId();
    long id = Ids.next();
    Instant now = clock.instant();
    dao.insert(
        new PairingDao.NewPairing(
            id,
            child.id(),
            volunteerId,
            teamId,
            in.mode(),
            purpose,
            child.districtCode(),
            child.street(),
            consentId,
            blankToNull(in.note()),
            admin.userId()),
        now);
    counters.pairingCreated(h, id);
    if ("CASE_TEAM".equals(in.mode())) {
      addMembers(dao, admin, id, volunteerId, in.members(), child, now);
    }
    audit.record(
        h,
        admin,
        "pairing.create",
        "pairing",
        Long.toString(id),
        in.mode() + " child " + child.id()
            + (volunteerId == null ? " team " + teamId : " volunteer " + volunteerId));
    return id;
  }

  /** Who cares for the child: a volunteer team (GROUP), or a lead volunteer. */
  private record Carer(Long volunteerId, Long teamId) {}

  /** The pairing's carer, checked: the team in scope and not already caring for her, or the lead with room. */
  private static Carer carer(
      PairingDao dao, Caller admin, PairingInput in, PairingDao.Child child, String purpose) {
    if ("GROUP".equals(in.mode())) {
      long teamId = Ids.parseOr(in.teamId(), -1);
      String teamDistrict = dao.teamDistrict(teamId).orElse(null);
      if (teamDistrict == null || !admin.adminScope().coversDistrict(teamDistrict)) {
        throw AppException.notFound("志愿者团队");
      }
      if (dao.hasActiveGroup(child.id(), teamId)) {
        throw new AppException(ErrorCode.ALREADY_PAIRED, "该团队已在关爱这名儿童");
      }
      return new Carer(null, teamId);
    }
    if (Arrays.asList(child.riskFlags().split(",")).contains("HIGH_RISK")
        && "ONE_TO_ONE".equals(in.mode())
        && "CARE".equals(purpose)) {
      throw new AppException(ErrorCode.CASE_TEAM_REQUIRED, "该儿童被标记为高风险，须组建多对一关爱专班（CASE_TEAM）");
    }
    if (dao.hasActivePrimary(child.id())) {
      throw new AppException(ErrorCode.ALREADY_PAIRED, "该儿童已有进行中的结对，请先结束原结对");
    }
    PairingDao.Volunteer lead =
        admittedVolunteer(dao, admin, Ids.parseOr(in.volunteerId(), -1), child);
    if (dao.activeLoad(lead.id()) >= lead.maxChildren()) {
      throw new AppException(
          ErrorCode.CAPACITY_EXCEEDED,
          lead.realName() + " 已结对 " + lead.maxChildren() + " 名儿童，达到她填报的上限");
    }
    return new Carer(lead.id(), null);
  }

  /** A case team's members besides its lead, each admitted and of the child's district, none twice. */
  private static void addMembers(
      PairingDao dao,
      Caller admin,
      long pairingId,
      Long leadId,
      List<MemberInput> inputs,
      PairingDao.Child child,
      Instant now) {
    Set<Long> seen = new HashSet<>();
    seen.add(leadId);
    for (MemberInput m : inputs) {
      PairingDao.Volunteer member =
          admittedVolunteer(dao, admin, Ids.parseOr(m.volunteerId(), -1), child);
      if (!seen.add(member.id())) {
        throw AppException.invalid("members", "专班成员重复，或与牵头志愿者是同一人");
      }
      dao.addMember(pairingId, member.id(), m.role(), now);
    }
  }

  private static PairingDao.Volunteer admittedVolunteer(
      PairingDao dao, Caller admin, long id, PairingDao.Child child) {
    PairingDao.Volunteer v = dao.volunteerInScopeForUpdate(id, admin.adminScope())
        .orElseThrow(() -> AppException.notFound("志愿者"));
    if (!"ADMITTED".equals(v.status())) {
      throw new AppException(
          ErrorCode.VOLUNTEER_STATE, v.realName() + " 当前状态为 " + v.status() + "，不能结对");
    }
    if (!v.districtCode().equals(child.districtCode())) {
      throw new AppException(ErrorCode.CONFLICT, "志愿者与儿童不在同一区县，请由儿童所在区县的志愿者结对");
    }
    return v;
  }

  public Pairing end(Caller admin, long id, EndInput in) {
    Fields f = new Fields()
        .require("reason", in.reason())
        .check(
            in.reason(),
            in.reason() == null || ADMIN_END_REASONS.contains(in.reason()),
            "reason",
            "结束原因应为 " + String.join("、", ADMIN_END_REASONS.stream().sorted().toList()))
        .maxLength("note", in.note(), 500);
    if ("OTHER".equals(in.reason()) && isBlank(in.note())) {
      f.fail("note", "原因为“其他”时请说明");
    }
    f.throwIfAny();
    return jdbi.inTransaction(h -> {
      PairingDao dao = new PairingDao(h);
      PairingRow p =
          dao.find(id, admin.adminScope(), true).orElseThrow(() -> AppException.notFound("结对"));
      if (!admin.adminScope().coversDistrict(p.districtCode())) {
        throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以结束结对");
      }
      if (!"ACTIVE".equals(p.status())) {
        throw new AppException(ErrorCode.PAIRING_STATE, "该结对已经结束");
      }
      if (dao.end(id, in.reason(), blankToNull(in.note()), admin.userId(), clock.instant()) > 0) {
        counters.pairingChanged(h, id);
      }
      audit.record(h, admin, "pairing.end", "pairing", Long.toString(id), in.reason());
      return view(h, dao.find(id, admin.adminScope(), false).orElseThrow());
    });
  }

  Pairing viewIn(Handle h, Caller admin, long id) {
    return view(h, new PairingDao(h).find(id, admin.adminScope(), false).orElseThrow());
  }

  public Pairing get(Caller admin, long id) {
    return jdbi.withHandle(h -> view(
        h,
        new PairingDao(h)
            .find(id, admin.adminScope(), false)
            .orElseThrow(() -> AppException.notFound("结对"))));
  }

  public Page list(Caller admin, Filter f, long before, int limit) {
    if (f.status() != null && !Set.of("ACTIVE", "ENDED").contains(f.status())) {
      throw AppException.invalid("status", "状态应为 ACTIVE 或 ENDED");
    }
    return jdbi.withHandle(h -> {
      List<PairingRow> rows = new PairingDao(h).list(admin.adminScope(), f, before, limit + 1);
      List<Pairing> items = new ArrayList<>();
      for (PairingRow r : rows.subList(0, Math.min(limit, rows.size()))) {
        items.add(view(h, r));
      }
      return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
    });
  }

  private static void validate(PairingInput in) {
    Fields f = new Fields()
        .require("childId", in.childId())
        .require("mode", in.mode())
        .check(
            in.mode(),
            in.mode() == null || MODES.contains(in.mode()),
            "mode",
            "方式应为 ONE_TO_ONE、CASE_TEAM 或 GROUP")
        .maxLength("note", in.note(), 500);
    if ("GROUP".equals(in.mode())) {
      f.require("teamId", in.teamId())
          .check(in.volunteerId(), in.volunteerId() == null, "volunteerId", "团体关爱按团队结对，不填志愿者")
          .check(
              in.members(),
              in.members() == null || in.members().isEmpty(),
              "members",
              "团体关爱没有专班成员");
    } else if (in.mode() != null && MODES.contains(in.mode())) {
      f.require("volunteerId", in.volunteerId())
          .check(in.teamId(), in.teamId() == null, "teamId", "只有团体关爱填写团队");
    }
    if ("ONE_TO_ONE".equals(in.mode())) {
      f.check(
          in.members(), in.members() == null || in.members().isEmpty(), "members", "一对一结对没有专班成员");
    }
    if ("CASE_TEAM".equals(in.mode())) {
      if (in.members() == null || in.members().isEmpty() || in.members().size() > 10) {
        f.fail("members", "专班须有 1 到 10 名成员（牵头志愿者之外）");
      }
      if (in.members() != null) {
        for (int i = 0; i < in.members().size(); i++) {
          MemberInput m = in.members().get(i);
          f.require("members[" + i + "].volunteerId", m.volunteerId())
              .require("members[" + i + "].role", m.role())
              .check(
                  m.role(),
                  m.role() == null || MEMBER_ROLES.contains(m.role()),
                  "members[" + i + "].role",
                  "没有这种专班角色");
        }
      }
    }
    f.throwIfAny();
  }

  private Pairing view(Handle h, PairingRow r) {
    List<Member> members = "CASE_TEAM".equals(r.mode())
        ? new PairingDao(h)
            .members(r.id()).stream()
                .map(m -> new Member(
                    Long.toString(m.volunteerId()),
                    m.realName(),
                    m.role(),
                    m.addedAt(),
                    m.removedAt()))
                .toList()
        : List.of();
    return new Pairing(
        Long.toString(r.id()),
        Long.toString(r.childId()),
        r.childName(),
        r.volunteerId() == null ? null : Long.toString(r.volunteerId()),
        r.volunteerName(),
        r.teamId() == null ? null : Long.toString(r.teamId()),
        r.teamName(),
        r.mode(),
        r.purpose(),
        r.districtCode(),
        r.street(),
        r.status(),
        r.note(),
        r.startedAt(),
        r.endedAt(),
        r.endReason(),
        r.endNote(),
        members);
  }

  static List<String> split(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s.trim();
  }
}
