package cn.yuhao.care.troupe;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.child.ChildAges;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.user.UserService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * 欢唱团 / 欢跑团: the district's application (申报表), the city's approval or return, coaches, the roster
 * (30–35 children of grades 2–4 is the plan; outside it needs a reason) and the children's badges.
 */
public final class TroupeService {
  static final Set<String> KINDS = Set.of("SINGING", "RUNNING");
  static final Set<String> HOST_KINDS = Set.of("SCHOOL", "COMMUNITY");
  static final int ROSTER_MIN = 30;
  static final int ROSTER_MAX = 35;

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

  public record MemberInput(String childId, String overrideReason) {}

  public record Member(
      String childId,
      String name,
      Integer grade,
      Instant joinedAt,
      String overrideReason,
      String badgeAlias) {}

  public record Roster(String troupeId, int size, List<String> warnings, List<Member> members) {}

  public record Badge(String childId, String alias, String token, Instant issuedAt) {}

  private final Jdbi jdbi;
  private final RegionService regions;
  private final UserService users;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public TroupeService(
      Jdbi jdbi,
      RegionService regions,
      UserService users,
      FieldCipher cipher,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.users = users;
    this.cipher = cipher;
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
      h.createUpdate("""
              INSERT INTO troupes (id, kind, name, district_code, host_unit, host_kind, address, leader_name,
                                   leader_contact, project_leader_name, project_leader_contact, feature, introduction,
                                   recommendation, plan_override_reason, status, submitted_by, submitted_at, updated_at)
              VALUES (:id, :kind, :name, :d, :hostUnit, :hostKind, :address, :leaderName, :leaderContact,
                      :projectLeaderName, :projectLeaderContact, :feature, :introduction, :recommendation,
                      :override, 'SUBMITTED', :by, :now, :now)""")
          .bind("id", id)
          .bind("kind", in.kind())
          .bind("name", name)
          .bind("d", in.districtCode())
          .bind("hostUnit", in.hostUnit().strip())
          .bind("hostKind", in.hostKind())
          .bind("address", in.address().strip())
          .bind("leaderName", in.leaderName().strip())
          .bind("leaderContact", in.leaderContact().strip())
          .bind("projectLeaderName", in.projectLeaderName().strip())
          .bind("projectLeaderContact", in.projectLeaderContact().strip())
          .bind("feature", in.feature().strip())
          .bind("introduction", in.introduction().strip())
          .bind("recommendation", in.recommendation().strip())
          .bind("override", existing > 0 ? in.planOverrideReason().strip() : null)
          .bind("by", admin.userId())
          .bind("now", now)
          .execute();
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
    h.createQuery("SELECT code FROM regions WHERE code = :d FOR UPDATE")
        .bind("d", in.districtCode())
        .mapTo(String.class)
        .one();
    int existing = h.createQuery("""
            SELECT COUNT(*) FROM troupes WHERE district_code = :d AND kind = :k AND status IN ('SUBMITTED', 'APPROVED')""")
        .bind("d", in.districtCode())
        .bind("k", in.kind())
        .mapTo(Integer.class)
        .one();
    if (existing > 0 && isBlank(in.planOverrideReason())) {
      throw new AppException(
          ErrorCode.TROUPE_PLAN_EXCEEDED,
          district.name() + "已有一个" + kindName
              + "（申报中或已批准）；按计划每个区县一个，如确需再建，请填写理由（planOverrideReason）");
    }
    return existing;
  }

  /** A returned application, corrected and filed again (same district and kind); back to SUBMITTED. */
  public Troupe resubmit(Caller admin, String rawId, Application in) {
    validate(in);
    long id = Ids.parseOr(rawId, -1);
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
      h.createUpdate("""
              UPDATE troupes SET host_unit = :hostUnit, host_kind = :hostKind, address = :address,
                     leader_name = :leaderName, leader_contact = :leaderContact, project_leader_name = :projectLeaderName,
                     project_leader_contact = :projectLeaderContact, feature = :feature, introduction = :introduction,
                     recommendation = :recommendation, plan_override_reason = :override, status = 'SUBMITTED',
                     decision_reason = NULL, decided_by = NULL, decided_at = NULL, submitted_by = :by,
                     submitted_at = :now, updated_at = :now
               WHERE id = :id AND status = 'RETURNED'""")
          .bind("id", id)
          .bind("hostUnit", in.hostUnit().strip())
          .bind("hostKind", in.hostKind())
          .bind("address", in.address().strip())
          .bind("leaderName", in.leaderName().strip())
          .bind("leaderContact", in.leaderContact().strip())
          .bind("projectLeaderName", in.projectLeaderName().strip())
          .bind("projectLeaderContact", in.projectLeaderContact().strip())
          .bind("feature", in.feature().strip())
          .bind("introduction", in.introduction().strip())
          .bind("recommendation", in.recommendation().strip())
          .bind("override", existing > 0 ? in.planOverrideReason().strip() : null)
          .bind("by", admin.userId())
          .bind("now", now)
          .execute();
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

  public Troupe approve(Caller city, String rawId) {
    return decide(city, rawId, "APPROVED", null);
  }

  public Troupe returnApplication(Caller city, String rawId, String reason) {
    new Fields().require("reason", reason).maxLength("reason", reason, 300).throwIfAny();
    return decide(city, rawId, "RETURNED", reason.strip());
  }

  private Troupe decide(Caller city, String rawId, String status, String reason) {
    long id = Ids.parseOr(rawId, -1);
    return jdbi.inTransaction(h -> {
      int n = h.createUpdate("""
              UPDATE troupes SET status = :s, decision_reason = :r, decided_by = :by, decided_at = :now, updated_at = :now
               WHERE id = :id AND status = 'SUBMITTED'""")
          .bind("s", status)
          .bind("r", reason)
          .bind("by", city.userId())
          .bind("now", clock.instant())
          .bind("id", id)
          .execute();
      if (n == 0) {
        if (TroupeAccess.find(h, id) == null) {
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

  public Troupe get(Caller caller, String rawId) {
    return jdbi.withHandle(h ->
        view(h, TroupeAccess.forStaff(h, caller, Ids.parseOr(rawId, -1)).id()));
  }

  public Page list(
      Caller admin, String status, String kind, String districtCode, long before, int limit) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery("""
          SELECT id FROM troupes t WHERE <scope> AND (:s IS NULL OR t.status = :s) AND (:k IS NULL OR t.kind = :k)
             AND (:d IS NULL OR t.district_code = :d) AND t.id < :before ORDER BY t.id DESC LIMIT :limit""")
          .bind("s", status)
          .bind("k", kind)
          .bind("d", districtCode)
          .bind("before", before)
          .bind("limit", limit + 1);
      List<Long> ids =
          ScopeFilter.apply(q, "t", admin.adminScope()).mapTo(Long.class).list();
      List<Troupe> items = ids.stream().limit(limit).map(id -> view(h, id)).toList();
      return new Page(items, ids.size() > limit ? items.get(items.size() - 1).id() : null);
    });
  }

  /** The troupe with its new coach, or the invitation she must accept first (someone outside the scope). */
  public record CoachOutcome(
      Troupe troupe, cn.yuhao.care.user.RoleInvitations.Invitation invitation) {}

  /** Makes a user a coach of the troupe (a COACH grant naming it), or invites her (see UserService.grant). */
  public CoachOutcome addCoach(Caller admin, String rawId, String rawUserId) {
    long userId = Ids.parseOr(rawUserId, -1);
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, Ids.parseOr(rawId, -1));
      if (!"APPROVED".equals(t.status())) {
        throw new AppException(ErrorCode.TROUPE_STATE, "团队获批后才能指派教练");
      }
      if (h.createQuery("SELECT COUNT(*) FROM users WHERE id = :u AND status = 'ACTIVE'")
              .bind("u", userId)
              .mapTo(Integer.class)
              .one()
          == 0) {
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

  public Troupe removeCoach(Caller admin, String rawId, String rawUserId) {
    long userId = Ids.parseOr(rawUserId, -1);
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, Ids.parseOr(rawId, -1));
      int n = new cn.yuhao.care.auth.GrantDao(h).deleteTroupeCoach(userId, t.id());
      if (n == 0) {
        throw AppException.notFound("教练");
      }
      audit.record(
          h, admin, "troupe.coach.remove", "troupe", Long.toString(t.id()), Long.toString(userId));
      return view(h, t.id());
    });
  }

  /**
   * Adds a child to the roster and issues her badge. Outside the plan (grade 2–4, at most 35) it needs an
   * override reason, kept with the membership.
   */
  public Roster addMember(Caller admin, String rawId, MemberInput in) {
    new Fields()
        .require("childId", in.childId())
        .maxLength("overrideReason", in.overrideReason(), 200)
        .throwIfAny();
    long childId = Ids.parseOr(in.childId(), -1);
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, Ids.parseOr(rawId, -1));
      if (!"APPROVED".equals(t.status())) {
        throw new AppException(ErrorCode.TROUPE_STATE, "团队获批后才能招收儿童");
      }
      h.createQuery("SELECT id FROM troupes WHERE id = :t FOR UPDATE")
          .bind("t", t.id())
          .mapTo(Long.class)
          .one();
      var child = h.createQuery("""
              SELECT name, status, school_entry_year FROM children WHERE id = :c AND district_code = :d""")
          .bind("c", childId)
          .bind("d", t.districtCode())
          .map((rs, ctx) ->
              new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class)})
          .findOne()
          .orElseThrow(() -> AppException.notFound("儿童"));
      if (!"ACTIVE".equals(child[1])) {
        throw new AppException(ErrorCode.CHILD_NOT_ACTIVE, "该儿童在台账中的状态为 " + child[1] + "，不能入团");
      }
      int size = activeSize(h, t.id());
      Integer grade = ChildAges.grade((Integer) child[2], clock);
      List<String> outside = new ArrayList<>();
      if (grade == null || grade < 2 || grade > 4) {
        outside.add(grade == null ? "年级不详（计划招收 2–4 年级）" : "该儿童读 " + grade + " 年级（计划招收 2–4 年级）");
      }
      if (size >= ROSTER_MAX) {
        outside.add("团队已有 " + size + " 名儿童（计划 30–35 名）");
      }
      if (!outside.isEmpty() && isBlank(in.overrideReason())) {
        throw new AppException(
            ErrorCode.ROSTER_OVERRIDE_REQUIRED,
            String.join("；", outside) + "。如确需招收，请填写理由（overrideReason）");
      }
      Instant now = clock.instant();
      int n = h.createUpdate("""
              INSERT INTO troupe_members (troupe_id, child_id, joined_at, override_reason, added_by)
              VALUES (:t, :c, :now, :reason, :by)
              ON DUPLICATE KEY UPDATE joined_at = IF(left_at IS NULL, joined_at, :now),
                                      override_reason = IF(left_at IS NULL, override_reason, :reason),
                                      left_at = NULL""")
          .bind("t", t.id())
          .bind("c", childId)
          .bind("now", now)
          .bind("reason", outside.isEmpty() ? null : in.overrideReason().strip())
          .bind("by", admin.userId())
          .execute();
      if (n == 0 || hasBadge(h, t.id(), childId)) {
        throw new AppException(ErrorCode.DUPLICATE, "该儿童已在团队中");
      }
      issueBadge(h, t, childId, (String) child[0], now);
      audit.record(
          h,
          admin,
          "troupe.member.add",
          "troupe",
          Long.toString(t.id()),
          childId
              + (outside.isEmpty() ? "" : " override: " + in.overrideReason().strip()));
      return roster(h, t);
    });
  }

  public Roster removeMember(Caller admin, String rawId, String rawChildId) {
    long childId = Ids.parseOr(rawChildId, -1);
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, Ids.parseOr(rawId, -1));
      Instant now = clock.instant();
      int n = h.createUpdate("""
              UPDATE troupe_members SET left_at = :now WHERE troupe_id = :t AND child_id = :c AND left_at IS NULL""")
          .bind("t", t.id())
          .bind("c", childId)
          .bind("now", now)
          .execute();
      if (n == 0) {
        throw AppException.notFound("团员");
      }
      revokeBadges(h, t.id(), childId, now);
      audit.record(
          h,
          admin,
          "troupe.member.remove",
          "troupe",
          Long.toString(t.id()),
          Long.toString(childId));
      return roster(h, t);
    });
  }

  public Roster roster(Caller caller, String rawId) {
    return jdbi.withHandle(
        h -> roster(h, TroupeAccess.forStaff(h, caller, Ids.parseOr(rawId, -1))));
  }

  /** Every current badge with its token, for printing; admins of the district. */
  public List<Badge> badges(Caller admin, String rawId) {
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, Ids.parseOr(rawId, -1));
      audit.record(h, admin, "troupe.badges.read", "troupe", Long.toString(t.id()), null);
      return h.createQuery("""
              SELECT b.child_id, b.alias, b.token_enc, b.issued_at FROM troupe_badges b
                JOIN troupe_members m ON m.troupe_id = b.troupe_id AND m.child_id = b.child_id AND m.left_at IS NULL
               WHERE b.troupe_id = :t AND b.revoked_at IS NULL ORDER BY b.alias, b.child_id""")
          .bind("t", t.id())
          .map((rs, ctx) -> new Badge(
              Long.toString(rs.getLong(1)),
              rs.getString(2),
              cipher.decrypt(rs.getString(3), "troupe_badges.token"),
              Columns.instant(rs, "issued_at", ctx)))
          .list();
    });
  }

  /** The A4 sheet of badge cards for printing (audited like the badge list). */
  public byte[] badgeSheet(Caller admin, String rawId) {
    List<Badge> list = badges(admin, rawId);
    String name =
        jdbi.withHandle(h -> TroupeAccess.find(h, Ids.parseOr(rawId, -1)).name());
    return BadgeSheet.render(name, list);
  }

  /** A new badge for a rostered child; the old token stops working at once. */
  public Badge reissueBadge(Caller admin, String rawId, String rawChildId) {
    long childId = Ids.parseOr(rawChildId, -1);
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, Ids.parseOr(rawId, -1));
      String name = h.createQuery("""
              SELECT c.name FROM troupe_members m JOIN children c ON c.id = m.child_id
               WHERE m.troupe_id = :t AND m.child_id = :c AND m.left_at IS NULL""")
          .bind("t", t.id())
          .bind("c", childId)
          .mapTo(String.class)
          .findOne()
          .orElseThrow(() -> AppException.notFound("团员"));
      Instant now = clock.instant();
      revokeBadges(h, t.id(), childId, now);
      Badge b = issueBadge(h, t, childId, name, now);
      audit.record(
          h,
          admin,
          "troupe.badge.reissue",
          "troupe",
          Long.toString(t.id()),
          Long.toString(childId));
      return b;
    });
  }

  private Badge issueBadge(
      Handle h, TroupeAccess.Troupe t, long childId, String name, Instant now) {
    byte[] raw = new byte[16];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String alias = Masking.name(name);
    h.createUpdate("""
            INSERT INTO troupe_badges (token_hash, troupe_id, child_id, token_enc, alias, issued_at)
            VALUES (:hash, :t, :c, :enc, :alias, :now)""")
        .bind("hash", sha256(token))
        .bind("t", t.id())
        .bind("c", childId)
        .bind("enc", cipher.encrypt(token, "troupe_badges.token"))
        .bind("alias", alias)
        .bind("now", now)
        .execute();
    return new Badge(Long.toString(childId), alias, token, now);
  }

  private static void revokeBadges(Handle h, long troupeId, long childId, Instant now) {
    h.createUpdate("""
            UPDATE troupe_badges SET revoked_at = :now WHERE troupe_id = :t AND child_id = :c AND revoked_at IS NULL""").bind("t", troupeId).bind("c", childId).bind("now", now).execute();
  }

  private static boolean hasBadge(Handle h, long troupeId, long childId) {
    return h.createQuery("""
        SELECT COUNT(*) FROM troupe_badges WHERE troupe_id = :t AND child_id = :c AND revoked_at IS NULL""")
            .bind("t", troupeId)
            .bind("c", childId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int activeSize(Handle h, long troupeId) {
    return h.createQuery(
            "SELECT COUNT(*) FROM troupe_members WHERE troupe_id = :t AND left_at IS NULL")
        .bind("t", troupeId)
        .mapTo(Integer.class)
        .one();
  }

  private Roster roster(Handle h, TroupeAccess.Troupe t) {
    List<Member> members = h.createQuery("""
            SELECT m.child_id, c.name, c.school_entry_year, m.joined_at, m.override_reason,
                   (SELECT b.alias FROM troupe_badges b WHERE b.troupe_id = m.troupe_id AND b.child_id = m.child_id
                      AND b.revoked_at IS NULL LIMIT 1) AS alias
              FROM troupe_members m JOIN children c ON c.id = m.child_id
             WHERE m.troupe_id = :t AND m.left_at IS NULL ORDER BY m.joined_at, m.child_id""")
        .bind("t", t.id())
        .map((rs, ctx) -> new Member(
            Long.toString(rs.getLong(1)),
            rs.getString(2),
            ChildAges.grade(rs.getObject(3, Integer.class), clock),
            Columns.instant(rs, "joined_at", ctx),
            rs.getString(5),
            rs.getString(6)))
        .list();
    List<String> warnings = new ArrayList<>();
    if (members.size() < ROSTER_MIN) {
      warnings.add("团员 " + members.size() + " 名，少于计划的 30 名");
    }
    if (members.size() > ROSTER_MAX) {
      warnings.add("团员 " + members.size() + " 名，多于计划的 35 名");
    }
    long outside = members.stream()
        .filter(m -> m.grade() == null || m.grade() < 2 || m.grade() > 4)
        .count();
    if (outside > 0) {
      warnings.add(outside + " 名团员不在 2–4 年级");
    }
    return new Roster(Long.toString(t.id()), members.size(), warnings, members);
  }

  private Troupe view(Handle h, long id) {
    List<String> coaches = h.createQuery("""
            SELECT user_id FROM role_grants WHERE role = 'COACH' AND troupe_id = :t ORDER BY granted_at""").bind("t", id).mapTo(Long.class).list().stream()
        .map(String::valueOf)
        .toList();
    return h.createQuery("""
            SELECT id, kind, name, district_code, host_unit, host_kind, address, leader_name, leader_contact,
                   project_leader_name, project_leader_contact, feature, introduction, recommendation,
                   plan_override_reason, status, decision_reason, submitted_at, decided_at
              FROM troupes WHERE id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new Troupe(
            Long.toString(rs.getLong(1)),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            rs.getString(12),
            rs.getString(13),
            rs.getString(14),
            rs.getString(15),
            rs.getString(16),
            rs.getString(17),
            Columns.instant(rs, "submitted_at", ctx),
            Columns.instant(rs, "decided_at", ctx),
            coaches))
        .one();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
