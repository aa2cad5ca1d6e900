package cn.yuhao.care.troupe;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.child.ChildAges;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.print.QrPng;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A troupe's roster (30–35 children of grades 2–4 is the plan; outside it needs a reason) and the children's
 * badges: the QR token a coach scans, stored hashed for lookup and encrypted for reprinting.
 */
public final class RosterService {
  static final int ROSTER_MIN = 30;
  static final int ROSTER_MAX = 35;

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
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public RosterService(Jdbi jdbi, FieldCipher cipher, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Adds a child to the roster and issues her badge. Outside the plan (grade 2–4, at most 35) it needs an
   * override reason, kept with the membership.
   */
  public Roster addMember(Caller admin, long id, MemberInput in) {
    new Fields()
        .require("childId", in.childId())
        .maxLength("overrideReason", in.overrideReason(), 200)
        .throwIfAny();
    long childId = Ids.parseOr(in.childId(), -1);
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, id);
      if (!"APPROVED".equals(t.status())) {
        throw new AppException(ErrorCode.TROUPE_STATE, "团队获批后才能招收儿童");
      }
      TroupeDao dao = new TroupeDao(h);
      dao.lock(t.id());
      TroupeDao.ChildRow child = dao.childOfDistrict(childId, t.districtCode())
          .orElseThrow(() -> AppException.notFound("儿童"));
      if (!"ACTIVE".equals(child.status())) {
        throw new AppException(
            ErrorCode.CHILD_NOT_ACTIVE, "该儿童在台账中的状态为 " + child.status() + "，不能入团");
      }
      List<String> outside = outsidePlan(dao.activeSize(t.id()), child.schoolEntryYear());
      if (!outside.isEmpty() && isBlank(in.overrideReason())) {
        throw new AppException(
            ErrorCode.ROSTER_OVERRIDE_REQUIRED,
            String.join("；", outside) + "。如确需招收，请填写理由（overrideReason）");
      }
      Instant now = clock.instant();
      String reason = outside.isEmpty() ? null : in.overrideReason().strip();
      int n = dao.join(t.id(), childId, reason, admin.userId(), now);
      if (n == 0 || dao.hasBadge(t.id(), childId)) {
        throw new AppException(ErrorCode.DUPLICATE, "该儿童已在团队中");
      }
      issueBadge(dao, t, childId, child.name(), now);
      audit.record(
          h,
          admin,
          "troupe.member.add",
          "troupe",
          Long.toString(t.id()),
          childId + (reason == null ? "" : " override: " + reason));
      return roster(h, t);
    });
  }

  /** Why adding a child to a roster of {@code size} is outside the plan; empty when it is not. */
  private List<String> outsidePlan(int size, Integer schoolEntryYear) {
    Integer grade = ChildAges.grade(schoolEntryYear, clock);
    List<String> outside = new ArrayList<>();
    if (grade == null || grade < 2 || grade > 4) {
      outside.add(grade == null ? "年级不详（计划招收 2–4 年级）" : "该儿童读 " + grade + " 年级（计划招收 2–4 年级）");
    }
    if (size >= ROSTER_MAX) {
      outside.add("团队已有 " + size + " 名儿童（计划 30–35 名）");
    }
    return outside;
  }

  public Roster removeMember(Caller admin, long id, long childId) {
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, id);
      Instant now = clock.instant();
      TroupeDao dao = new TroupeDao(h);
      if (!dao.leave(t.id(), childId, now)) {
        throw AppException.notFound("团员");
      }
      dao.revokeBadges(t.id(), childId, now);
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

  public Roster roster(Caller caller, long id) {
    return jdbi.withHandle(h -> roster(h, TroupeAccess.forStaff(h, caller, id)));
  }

  /** Every current badge with its token, for printing; admins of the district. */
  public List<Badge> badges(Caller admin, long id) {
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, id);
      audit.record(h, admin, "troupe.badges.read", "troupe", Long.toString(t.id()), null);
      return new TroupeDao(h)
          .currentBadges(t.id()).stream()
              .map(b -> new Badge(
                  Long.toString(b.childId()),
                  b.alias(),
                  cipher.decrypt(b.tokenEnc(), "troupe_badges.token"),
                  b.issuedAt()))
              .toList();
    });
  }

  /** The A4 sheet of badge cards for printing (audited like the badge list). */
  public byte[] badgeSheet(Caller admin, long id) {
    List<Badge> list = badges(admin, id);
    String name = jdbi.withHandle(h -> TroupeAccess.find(h, id).name());
    return BadgeSheet.render(name, list);
  }

  /** One child's current badge as a PNG QR code (audited like the badge list); none: not found. */
  public byte[] badgePng(Caller admin, long id, long childId) {
    String token = jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, id);
      var badge = new TroupeDao(h)
          .currentBadges(t.id()).stream()
              .filter(b -> b.childId() == childId)
              .findFirst()
              .orElseThrow(() -> AppException.notFound("团员胸卡"));
      audit.record(
          h, admin, "troupe.badge.read", "troupe", Long.toString(t.id()), Long.toString(childId));
      return cipher.decrypt(badge.tokenEnc(), "troupe_badges.token");
    });
    return QrPng.of(token, 480);
  }

  /** A new badge for a rostered child; the old token stops working at once. */
  public Badge reissueBadge(Caller admin, long id, long childId) {
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forDistrictAdmin(h, admin, id);
      TroupeDao dao = new TroupeDao(h);
      String name = dao.memberName(t.id(), childId).orElseThrow(() -> AppException.notFound("团员"));
      Instant now = clock.instant();
      dao.revokeBadges(t.id(), childId, now);
      Badge b = issueBadge(dao, t, childId, name, now);
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
      TroupeDao dao, TroupeAccess.Troupe t, long childId, String name, Instant now) {
    byte[] raw = new byte[16];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String alias = Masking.name(name);
    dao.insertBadge(
        sha256(token), t.id(), childId, cipher.encrypt(token, "troupe_badges.token"), alias, now);
    return new Badge(Long.toString(childId), alias, token, now);
  }

  /** A badge token's lookup hash. */
  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Roster roster(Handle h, TroupeAccess.Troupe t) {
    List<Member> members = new TroupeDao(h)
        .members(t.id()).stream()
            .map(m -> new Member(
                Long.toString(m.childId()),
                m.name(),
                ChildAges.grade(m.schoolEntryYear(), clock),
                m.joinedAt(),
                m.overrideReason(),
                m.badgeAlias()))
            .toList();
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

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
