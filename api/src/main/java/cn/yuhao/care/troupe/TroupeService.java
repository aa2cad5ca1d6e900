package cn.yuhao.care.troupe;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * 欢唱团 / 欢跑团: the district's application (申报表), the city's approval or return, and the coaches. The
 * roster and badges are {@link RosterService}'s.
 */
public final class TroupeService {
  static final Set<String> KINDS = Set.of("SINGING", "RUNNING");
  static final Set<String> HOST_KINDS = Set.of("SCHOOL", "COMMUNITY");

  public record Application(
      String kind,
      String districtCode,
      String hostUnit,
      String hostKind,
      String address,
      String leaderName,
      String leaderContact,
      String projectLeaderName,
      String projectLeaderContact,
      String feature,
      String introduction,
      String recommendation,
      String planOverrideReason) {}

  public record Troupe(
      String id,
      String kind,
      String name,
      String districtCode,
      String hostUnit,
      String hostKind,
      String address,
      String leaderName,
      String leaderContact,
      String projectLeaderName,
      String projectLeaderContact,
      String feature,
      String introduction,
      String recommendation,
      String planOverrideReason,
      String status,
      String decisionReason,
      Instant submittedAt,
      Instant decidedAt,
      List<String> coachUserIds) {}

  public record Page(List<Troupe> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final RegionService regions;
  private final UserService users;
  private final AuditLog audit;
  private final Clock clock;

  public TroupeService(
      Jdbi jdbi, RegionService regions, UserService users, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  public Troupe apply(Caller admin, Application in) {
    validate(in);
    if (!admin.adminScope().coversDistrict(in.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只能为本区县申报团队");
    }
    Region district = regions.districts().stream()
        .filter(r -> r.code().equals(in.districtCode()))
        .findFirst()
        .orElseThrow();
    String kindName = "SINGING".equals(in.kind()) ? "欢唱团" : "欢跑团";
    return jdbi.inTransaction(h -> {
      int existing = planCheck(h, in, district, kindName);
      long id = Ids.next();
      Instant now = clock.instant();
      String name =
          district.name() + "“渝好”" + kindName + (existing > 0 ? "（" + (existing + 1) + "）" : "");
      new TroupeDao(h)
          .insert(
              id,
              name,
              in,
              existing > 0 ? in.planOverrideReason().strip() : null,
              admin.userId(),
              now);
      audit.record(h, admin, "troupe.apply", "troupe", Long.toString(id), name);
      return view(h, id);
    });
  }

  /**
   * Counts the district's SUBMITTED or APPROVED troupes of the kind, refusing a second one without a reason.
   * Locks the district's row first, so two applications cannot both pass (a point lock on an existing row:
   * locking the troupes' index range instead takes gap locks that concurrent inserts deadlock on).
   */
  private static int planCheck(Handle h, Application in, Region district, String kindName) {
    TroupeDao dao = new TroupeDao(h);
    dao.lockDistrict(in.districtCode());
    int existing = dao.countLive(in.districtCode(), in.kind());
    if (existing > 0 && isBlank(in.planOverrideReason())) {
      throw new AppException(
          ErrorCode.TROUPE_PLAN_EXCEEDED,
          district.name() + "已有一个" + kindName
              + "（申报中或已批准）；按计划每个区县一个，如确需再建，请填写理由（planOverrideReason）");
    }
    return existing;
  }

  /** A returned application, corrected and filed again (same district and kind); back to SUBMITTED. */
  public Troupe resubmit(Caller admin, long id, Application in) {
    validate(in);
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, id);
      if (!"RETURNED".equals(t.status())) {
        throw new AppException(ErrorCode.TROUPE_STATE, "只有被退回的申报可以修改后重新提交");
      }
      new Fields()
          .check(
              in.districtCode(),
              in.districtCode().equals(t.districtCode()),
              "districtCode",
              "重新提交不能更换区县，请另行申报")
          .check(in.kind(), in.kind().equals(t.kind()), "kind", "重新提交不能更换团队类型，请另行申报")
          .throwIfAny();
      Region district = regions.districts().stream()
          .filter(r -> r.code().equals(in.districtCode()))
          .findFirst()
          .orElseThrow();
      int existing = planCheck(h, in, district, "SINGING".equals(in.kind()) ? "欢唱团" : "欢跑团");
      Instant now = clock.instant();
      new TroupeDao(h)
          .resubmit(
              id, in, existing > 0 ? in.planOverrideReason().strip() : null, admin.userId(), now);
      audit.record(h, admin, "troupe.resubmit", "troupe", Long.toString(id), null);
      return view(h, id);
    });
  }

  private static void validate(Application in) {
    Fields f = new Fields()
        .require("kind", in.kind())
        .require("districtCode", in.districtCode())
        .require("hostUnit", in.hostUnit())
        .require("hostKind", in.hostKind())
        .require("address", in.address())
        .require("leaderName", in.leaderName())
        .require("leaderContact", in.leaderContact())
        .require("projectLeaderName", in.projectLeaderName())
        .require("projectLeaderContact", in.projectLeaderContact())
        .require("feature", in.feature());
    f.require("introduction", in.introduction())
        .require("recommendation", in.recommendation())
        .check(
            in.kind(),
            in.kind() == null || KINDS.contains(in.kind()),
            "kind",
            "类型应为 SINGING（欢唱团）或 RUNNING（欢跑团）")
        .check(
            in.hostKind(),
            in.hostKind() == null || HOST_KINDS.contains(in.hostKind()),
            "hostKind",
            "承办单位应为学校（SCHOOL）或社区（COMMUNITY）")
        .maxLength("hostUnit", in.hostUnit(), 100)
        .maxLength("address", in.address(), 200)
        .maxLength("leaderName", in.leaderName(), 32)
        .maxLength("leaderContact", in.leaderContact(), 32)
        .maxLength("projectLeaderName", in.projectLeaderName(), 32)
        .maxLength("projectLeaderContact", in.projectLeaderContact(), 32)
        .maxLength("feature", in.feature(), 100)
        .maxLength("introduction", in.introduction(), 300)
        .maxLength("recommendation", in.recommendation(), 300)
        .maxLength("planOverrideReason", in.planOverrideReason(), 200);
    f.throwIfAny();
  }

  public Troupe approve(Caller city, long id) {
    return decide(city, id, "APPROVED", null);
  }

  public Troupe returnApplication(Caller city, long id, String reason) {
    new Fields().require("reason", reason).maxLength("reason", reason, 300).throwIfAny();
    return decide(city, id, "RETURNED", reason.strip());
  }

  private Troupe decide(Caller city, long id, String status, String reason) {
    return jdbi.inTransaction(h -> {
      TroupeDao dao = new TroupeDao(h);
      if (!dao.decide(id, status, reason, city.userId(), clock.instant())) {
        if (dao.find(id).isEmpty()) {
          throw AppException.notFound("团队");
        }
        throw new AppException(ErrorCode.TROUPE_STATE, "只有申报中的团队可以审批");
      }
      audit.record(
          h,
          city,
          "troupe." + ("APPROVED".equals(status) ? "approve" : "return"),
          "troupe",
          Long.toString(id),
          reason);
      return view(h, id);
    });
  }

  public Troupe get(Caller caller, long id) {
    return jdbi.withHandle(h -> view(h, TroupeAccess.forStaff(h, caller, id).id()));
  }

  public Page list(
      Caller admin, String status, String kind, String districtCode, long before, int limit) {
    return jdbi.withHandle(h -> {
      List<Long> ids =
          new TroupeDao(h).ids(admin.adminScope(), status, kind, districtCode, before, limit + 1);
      List<Troupe> items = ids.stream().limit(limit).map(id -> view(h, id)).toList();
      return new Page(items, ids.size() > limit ? items.get(items.size() - 1).id() : null);
    });
  }

  /** The troupe with its new coach, or the invitation she must accept first (someone outside the scope). */
  public record CoachOutcome(
      Troupe troupe, cn.yuhao.care.user.RoleInvitations.Invitation invitation) {}

  /** Makes a user a coach of the troupe (a COACH grant naming it), or invites her (see UserService.grant). */
  public CoachOutcome addCoach(Caller admin, long id, long userId) {
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, id);
      if (!"APPROVED".equals(t.status())) {
        throw new AppException(ErrorCode.TROUPE_STATE, "团队获批后才能指派教练");
      }
      if (!new TroupeDao(h).activeUser(userId)) {
        throw AppException.invalid("userId", "没有这个用户，或账号已停用");
      }
      var invitation = users.coachOrInvite(h, admin, userId, t.districtCode(), t.id());
      audit.record(
          h,
          admin,
          invitation == null ? "troupe.coach.add" : "troupe.coach.invite",
          "troupe",
          Long.toString(t.id()),
          Long.toString(userId));
      return new CoachOutcome(invitation == null ? view(h, t.id()) : null, invitation);
    });
  }

  public Troupe removeCoach(Caller admin, long id, long userId) {
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, id);
      int n = new cn.yuhao.care.auth.GrantDao(h).deleteTroupeCoach(userId, t.id());
      if (n == 0) {
        throw AppException.notFound("教练");
      }
      audit.record(
          h, admin, "troupe.coach.remove", "troupe", Long.toString(t.id()), Long.toString(userId));
      return view(h, t.id());
    });
  }

  private static Troupe view(Handle h, long id) {
    return new TroupeDao(h).view(id);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
