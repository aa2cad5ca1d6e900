package cn.yuhao.care.user;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.SessionDao;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.wechat.WeChatGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Users as the service and admins see them: profile, phone binding, roles with scope, disabling. */
public final class UserService {
  /** What a district admin may hand out, and only inside her district. */
  public record Page(List<UserView> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final WeChatGateway wechat;
  private final FieldCipher cipher;
  private final BlindIndex blindIndex;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;
  private final RateLimiter codeEntry;

  private final RoleInvitations invitations;

  public UserService(
      Jdbi jdbi,
      WeChatGateway wechat,
      FieldCipher cipher,
      BlindIndex blindIndex,
      RegionService regions,
      AuditLog audit,
      Clock clock,
      RateLimiter codeEntry,
      RoleInvitations invitations) {
    this.invitations = invitations;
    this.jdbi = jdbi;
    this.wechat = wechat;
    this.cipher = cipher;
    this.blindIndex = blindIndex;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
    this.codeEntry = codeEntry;
  }

  public UserView view(long userId) {
    return jdbi.withHandle(h -> {
      UserRow u = new UserDao(h).findById(userId).orElseThrow(() -> AppException.notFound("用户"));
      return toView(u, new GrantDao(h).ofUser(userId));
    });
  }

  /** The caller herself: her grants are already loaded by authentication. */
  public UserView me(Caller caller) {
    UserRow u = jdbi.withHandle(h -> new UserDao(h).findById(caller.userId()))
        .orElseThrow(() -> AppException.notFound("用户"));
    return toView(u, caller.grants());
  }

  public UserView bindPhone(Caller caller, String phoneCode) {
    codeEntry.acquire("phone:" + caller.userId());
    String phone = wechat.phoneNumber(phoneCode);
    jdbi.useTransaction(h -> {
      new UserDao(h)
          .updatePhone(
              caller.userId(),
              cipher.encrypt(phone, "users.phone"),
              blindIndex.of("phone", phone),
              clock.instant());
      audit.record(h, caller, "user.phone.bind", "user", Long.toString(caller.userId()), null);
    });
    return view(caller.userId());
  }

  /** An admin's view of one user: 404 unless one of the user's grants lies inside the admin's scope. */
  public UserView get(Caller admin, long id) {
    Scope scope = admin.adminScope();
    return jdbi.withHandle(h -> {
      UserRow u =
          new UserDao(h).findInScope(id, scope).orElseThrow(() -> AppException.notFound("用户"));
      return toView(u, visible(scope, new GrantDao(h).ofUser(id)));
    });
  }

  /** Unmasking is its own call, allowed only in scope and audited on every use. */
  public String revealPhone(Caller admin, long id) {
    Scope scope = admin.adminScope();
    UserRow u = jdbi.withHandle(h -> new UserDao(h).findInScope(id, scope))
        .orElseThrow(() -> AppException.notFound("用户"));
    audit.recordRead(admin, "user.phone.read", "user", Long.toString(id), null);
    return cipher.decrypt(u.phoneEnc(), "users.phone");
  }

  public Page list(Caller admin, String role, String districtCode, long before, int limit) {
    if (role != null && ValidGrant.parseRole(role) == null) {
      throw AppException.invalid("role", "没有这个角色");
    }
    return jdbi.withHandle(h -> {
      List<UserRow> rows =
          new UserDao(h).listWithGrants(admin.adminScope(), role, districtCode, before, limit + 1);
      List<UserRow> page = rows.subList(0, Math.min(limit, rows.size()));
      Map<Long, List<RoleGrant>> grants = page.isEmpty()
          ? Map.of()
          : new GrantDao(h)
              .ofUsers(page.stream().map(UserRow::id).toList()).stream()
                  .collect(Collectors.groupingBy(RoleGrant::userId));
      List<UserView> items = page.stream()
          .map(u -> toView(u, visible(admin.adminScope(), grants.getOrDefault(u.id(), List.of()))))
          .toList();
      String next =
          rows.size() > limit ? Long.toString(page.get(page.size() - 1).id()) : null;
      return new Page(items, next);
    });
  }

  /** Either the grant made, or the invitation she has to accept first: exactly one is set. */
  public record GrantOutcome(UserView.GrantView grant, RoleInvitations.Invitation invitation) {}

  /**
   * A role for someone already in the admin's scope is granted at once. Anyone else is invited: the role takes
   * effect when she accepts it, and until then the admin reads nothing more of her than before.
   */
  public GrantOutcome grant(Caller admin, long userId, GrantRequest req) {
    ValidGrant g = ValidGrant.of(req, regions, CarePeriods.day(clock.instant()));
    g.authorize(admin);
    g.requirePeriod();
    return jdbi.inTransaction(h -> {
      UserDao users = new UserDao(h);
      users.findById(userId).orElseThrow(() -> AppException.notFound("用户"));
      GrantDao grants = new GrantDao(h);
      String key = g.scopeKey();
      if (!inScope(h, admin, userId)) {
        return new GrantOutcome(
            null,
            invitations.invite(
                h,
                admin,
                userId,
                g.role().name(),
                g.districtCode(),
                g.street(),
                g.troupeId(),
                g.merchantId(),
                key));
      }
      var existing = grants.find(userId, g.role().name(), key);
      if (existing.isPresent() && g.expiresAt() != null) {
        // A period role granted again (a new evaluation round, or one that lapsed): the period
        // starts anew.
        grants.renew(existing.get(), admin.userId(), clock.instant(), g.expiresAt());
        audit.record(h, admin, "role.renew", "user", Long.toString(userId), g.describe());
        return new GrantOutcome(
            UserView.GrantView.of(grants.find(userId, g.role().name(), key).orElseThrow()), null);
      }
      if (existing.isPresent()) {
        throw new AppException(ErrorCode.DUPLICATE, "该用户已拥有此角色和范围");
      }
      long id = Ids.next();
      grants.insert(
          id,
          userId,
          g.role().name(),
          g.districtCode(),
          g.street(),
          g.troupeId(),
          g.merchantId(),
          key,
          admin.userId(),
          clock.instant(),
          g.expiresAt());
      audit.record(h, admin, "role.grant", "user", Long.toString(userId), g.describe());
      return new GrantOutcome(
          UserView.GrantView.of(grants.find(userId, g.role().name(), key).orElseThrow()), null);
    });
  }

  public void revoke(Caller admin, long userId, GrantRequest req) {
    ValidGrant g = ValidGrant.of(req, regions, CarePeriods.day(clock.instant()));
    g.authorize(admin);
    jdbi.useTransaction(h -> {
      GrantDao grants = new GrantDao(h);
      RoleGrant existing = grants
          .find(userId, g.role().name(), g.scopeKey())
          .orElseThrow(() -> AppException.notFound("该角色授权"));
      if (g.role() == Role.CITY_ADMIN && grants.lockCityAdminGrants().size() <= 1) {
        throw new AppException(ErrorCode.LAST_CITY_ADMIN, "至少要保留一位市级管理员");
      }
      grants.delete(existing.id());
      audit.record(h, admin, "role.revoke", "user", Long.toString(userId), g.describe());
    });
  }

  /** Disabling ends every session of the user at once; her data stays. */
  public UserView setDisabled(Caller admin, long userId, boolean disabled, String reason) {
    new Fields().require("reason", reason).maxLength("reason", reason, 200).throwIfAny();
    if (disabled && userId == admin.userId()) {
      throw new AppException(ErrorCode.CONFLICT, "不能停用自己的账号");
    }
    jdbi.useTransaction(h -> {
      UserDao users = new UserDao(h);
      users.findById(userId).orElseThrow(() -> AppException.notFound("用户"));
      Instant now = clock.instant();
      users.updateStatus(userId, disabled ? "DISABLED" : "ACTIVE", now);
      if (disabled) {
        new SessionDao(h).revokeAllOfUser(userId, now, "DISABLED");
      }
      audit.record(
          h,
          admin,
          disabled ? "user.disable" : "user.enable",
          "user",
          Long.toString(userId),
          reason);
    });
    return view(userId);
  }

  /** Grants CITY_ADMIN to the openids in BOOTSTRAP_ADMIN_OPENIDS, creating the users if needed. */
  public void bootstrapCityAdmins(List<String> openids) {
    for (String openid : openids) {
      jdbi.useTransaction(h -> ensureGrant(
          h,
          ensureUser(h, openid, clock.instant()).id(),
          Role.CITY_ADMIN,
          null,
          null,
          clock.instant()));
    }
  }

  public long userIdOf(String openid) {
    return jdbi.withHandle(h -> new UserDao(h).findByOpenid(openid))
        .map(UserRow::id)
        .orElseThrow(() -> AppException.notFound("用户"));
  }

  public List<RoleGrant> grantsOf(long userId) {
    return jdbi.withHandle(h -> new GrantDao(h).ofUser(userId));
  }

  /** The user of an openid, created (and audited) if she has never logged in; for start-up and demo data. */
  public UserRow ensureUser(Handle h, String openid, Instant now) {
    UserDao users = new UserDao(h);
    return users.findByOpenid(openid).orElseGet(() -> {
      long id = Ids.next();
      users.insert(id, openid, null, now);
      audit.record(h, null, "user.create", "user", Long.toString(id), "预置账号");
      return users.findById(id).orElseThrow();
    });
  }

  /** Grants a role unless held; for start-up and demo data, audited as the system. */
  /** COACH of one troupe (scoped to the troupe and its district), as the district admin assigns coaches. */
  /**
   * Makes a user coach of a troupe, under the rule of {@link #grant}: at once for someone already in the admin's
   * scope; anyone else is invited (the invitation is returned) and coaches once she accepts.
   */
  public RoleInvitations.Invitation coachOrInvite(
      Handle h, Caller admin, long userId, String districtCode, long troupeId) {
    String key = RoleGrant.scopeKey(districtCode, null, troupeId, null);
    if (!inScope(h, admin, userId)) {
      return invitations.invite(
          h, admin, userId, Role.COACH.name(), districtCode, null, troupeId, null, key);
    }
    GrantDao grants = new GrantDao(h);
    if (grants.find(userId, Role.COACH.name(), key).isEmpty()) {
      grants.insert(
          Ids.next(),
          userId,
          Role.COACH.name(),
          districtCode,
          null,
          troupeId,
          null,
          key,
          admin.userId(),
          clock.instant());
    }
    return null;
  }

  public void ensureGrant(
      Handle h, long userId, Role role, String districtCode, String street, Instant now) {
    GrantDao grants = new GrantDao(h);
    String key = RoleGrant.scopeKey(districtCode, street, null, null);
    if (grants.find(userId, role.name(), key).isEmpty()) {
      grants.insert(
          Ids.next(), userId, role.name(), districtCode, street, null, null, key, null, now);
      audit.record(
          h,
          null,
          "role.grant",
          "user",
          Long.toString(userId),
          role.name()
              + (districtCode == null ? "" : " " + districtCode)
              + (street == null ? "" : " " + street));
    }
  }

  /** Already someone the admin may read about: she holds a role inside the admin's scope. */
  private static boolean inScope(Handle h, Caller admin, long userId) {
    return admin.adminScope().all()
        || new UserDao(h).findInScope(userId, admin.adminScope()).isPresent();
  }

  /** An admin sees a user's roles inside her own scope only: a role elsewhere is not hers to know. */
  private static List<RoleGrant> visible(Scope scope, List<RoleGrant> grants) {
    return grants.stream()
        .filter(g ->
            scope.all() || g.districtCode() != null && scope.covers(g.districtCode(), g.street()))
        .toList();
  }

  private UserView toView(UserRow u, List<RoleGrant> grants) {
    String phone =
        u.phoneEnc() == null ? null : Masking.phone(cipher.decrypt(u.phoneEnc(), "users.phone"));
    return UserView.of(u, grants, phone);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
