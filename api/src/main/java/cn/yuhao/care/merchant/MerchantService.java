package cn.yuhao.care.merchant;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.points.Ledger;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.privacy.SignedScene;
import cn.yuhao.care.region.Geo;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.wechat.WeChatGateway;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Partner merchants (礼遇商家): the city admin (or a district admin, in her district) registers them; staff join
 * with a one-time 小程序码 invitation (scene = id + HMAC tag) and get MERCHANT_STAFF scoped to that merchant.
 */
public final class MerchantService {
  public static final String INVITE_PAGE = "pages/merchant/join/index";
  static final Duration INVITE_VALID_FOR = Duration.ofDays(7);
  static final Set<String> CATEGORIES = Set.of("FOOD", "SUPERMARKET", "CULTURE_TOURISM", "OTHER");
  static final Set<String> STATUSES = Set.of("ACTIVE", "SUSPENDED");

  public record MerchantInput(
      String name,
      String category,
      String districtCode,
      String address,
      BigDecimal latitude,
      BigDecimal longitude,
      String contactName,
      String contactPhone,
      String status) {}

  public record Merchant(
      String id,
      String name,
      String category,
      String districtCode,
      String address,
      BigDecimal latitude,
      BigDecimal longitude,
      String contactName,
      String contactPhone,
      String status,
      Instant createdAt,
      Instant updatedAt) {}

  public record Invite(String id, String scene, String page, Instant expiresAt, String qrCodePng) {}

  public record Joined(String merchantId, String merchantName) {}

  public record Staff(String userId, String phone, Instant grantedAt) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final SignedScene scenes;
  private final WeChatGateway wechat;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;

  public MerchantService(
      Jdbi jdbi,
      FieldCipher cipher,
      BlindIndex tags,
      WeChatGateway wechat,
      RegionService regions,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.scenes = new SignedScene(tags, "merchant-invite");
    this.wechat = wechat;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  public Merchant create(Caller admin, MerchantInput in) {
    validate(in, true);
    if (!admin.adminScope().coversDistrict(in.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只能登记本区县的商家");
    }
    long id = Ids.next();
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      h.createUpdate("""
              INSERT INTO merchants (id, name, category, district_code, address, latitude, longitude, geohash,
                                     contact_name, contact_phone_enc, status, created_by, created_at, updated_at)
              VALUES (:id, :name, :cat, :d, :addr, :lat, :lng, :gh, :cn, :cp, 'ACTIVE', :by, :now, :now)""")
          .bind("id", id)
          .bind("name", in.name().trim())
          .bind("cat", in.category())
          .bind("d", in.districtCode())
          .bind("addr", in.address().trim())
          .bind("lat", in.latitude())
          .bind("lng", in.longitude())
          .bind("gh", Geo.geohash(in.latitude(), in.longitude()))
          .bind("cn", in.contactName().trim())
          .bind("cp", cipher.encrypt(in.contactPhone().trim(), "merchants.contact_phone"))
          .bind("by", admin.userId())
          .bind("now", now)
          .execute();
      new Ledger(h).account("MERCHANT", id, now);
      audit.record(
          h, admin, "merchant.create", "merchant", Long.toString(id), in.name().trim());
      return find(h, id, admin.adminScope(), false);
    });
  }

  public Merchant update(Caller admin, String rawId, MerchantInput in) {
    validate(in, false);
    long id = Ids.parseOr(rawId, -1);
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Merchant m = find(h, id, admin.adminScope(), true);
      boolean moved = in.latitude() != null || in.longitude() != null;
      BigDecimal lat = moved ? in.latitude() : m.latitude();
      BigDecimal lng = moved ? in.longitude() : m.longitude();
      h.createUpdate("""
              UPDATE merchants SET name = :name, category = :cat, address = :addr, latitude = :lat, longitude = :lng,
                     geohash = :gh, contact_name = :cn, contact_phone_enc = :cp, status = :st, updated_at = :now
               WHERE id = :id""")
          .bind("id", id)
          .bind("name", or(in.name(), m.name()))
          .bind("cat", or(in.category(), m.category()))
          .bind("addr", or(in.address(), m.address()))
          .bind("lat", lat)
          .bind("lng", lng)
          .bind("gh", Geo.geohash(lat, lng))
          .bind("cn", or(in.contactName(), m.contactName()))
          .bind(
              "cp",
              cipher.encrypt(or(in.contactPhone(), m.contactPhone()), "merchants.contact_phone"))
          .bind("st", or(in.status(), m.status()))
          .bind("now", now)
          .execute();
      audit.record(
          h,
          admin,
          "merchant.update",
          "merchant",
          Long.toString(id),
          in.status() != null ? "status " + m.status() + " → " + in.status() : "details");
      return find(h, id, admin.adminScope(), false);
    });
  }

  private static String or(String given, String current) {
    return given == null ? current : given.trim();
  }

  private void validate(MerchantInput in, boolean creating) {
    Fields f = new Fields();
    if (creating) {
      f.require("name", in.name())
          .require("category", in.category())
          .require("districtCode", in.districtCode())
          .require("address", in.address())
          .require("contactName", in.contactName())
          .require("contactPhone", in.contactPhone());
      if (in.status() != null) {
        f.fail("status", "新登记的商家总是 ACTIVE");
      }
    } else if (in.districtCode() != null) {
      f.fail("districtCode", "商家不能改到另一个区县；请在那个区县重新登记");
    }
    f.maxLength("name", in.name(), 64)
        .maxLength("address", in.address(), 200)
        .maxLength("contactName", in.contactName(), 32)
        .check(
            in.category(),
            in.category() == null || CATEGORIES.contains(in.category()),
            "category",
            "类别应为 FOOD（餐饮）、SUPERMARKET（商超）、CULTURE_TOURISM（文旅场馆）或 OTHER")
        .check(
            in.status(),
            in.status() == null || STATUSES.contains(in.status()),
            "status",
            "应为 ACTIVE 或 SUSPENDED")
        .check(
            in.districtCode(),
            in.districtCode() == null || regions.isDistrict(in.districtCode()),
            "districtCode",
            "不是重庆市的区县代码");
    if (in.contactPhone() != null) {
      f.mobile("contactPhone", in.contactPhone().trim());
    }
    if ((in.latitude() == null) != (in.longitude() == null)) {
      f.fail(in.latitude() == null ? "latitude" : "longitude", "经纬度须同时提供");
    } else if (in.latitude() != null) {
      f.check(
              in.latitude(),
              Math.abs(in.latitude().doubleValue()) <= 90,
              "latitude",
              "纬度应在 -90 到 90 之间")
          .check(
              in.longitude(),
              Math.abs(in.longitude().doubleValue()) <= 180,
              "longitude",
              "经度应在 -180 到 180 之间");
    }
    f.throwIfAny();
  }

  public List<Merchant> list(Caller admin, String districtCode, String status) {
    return jdbi.withHandle(
        h -> ScopeFilter.apply(h.createQuery(SELECT + " " + """
             WHERE (:d IS NULL OR m.district_code = :d) AND (:s IS NULL OR m.status = :s) AND <scope>
             ORDER BY m.district_code, m.name LIMIT 500"""), "m", admin.adminScope())
            .bind("d", districtCode)
            .bind("s", status)
            .map(this::row)
            .list());
  }

  public Merchant get(Caller admin, String rawId) {
    return jdbi.withHandle(h -> find(h, Ids.parseOr(rawId, -1), admin.adminScope(), false));
  }

  private static final String SELECT = """
      SELECT m.id, m.name, m.category, m.district_code, m.address, m.latitude, m.longitude, m.contact_name,
             m.contact_phone_enc, m.status, m.created_at, m.updated_at FROM merchants m""";

  Merchant find(Handle h, long id, Scope scope, boolean lock) {
    return ScopeFilter.apply(
            h.createQuery(SELECT + " WHERE m.id = :id AND <scope>" + (lock ? " FOR UPDATE" : "")),
            "m",
            scope)
        .bind("id", id)
        .map(this::row)
        .findOne()
        .orElseThrow(() -> AppException.notFound("商家"));
  }

  private Merchant row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Merchant(
        Long.toString(rs.getLong("id")),
        rs.getString("name"),
        rs.getString("category"),
        rs.getString("district_code"),
        rs.getString("address"),
        rs.getBigDecimal("latitude"),
        rs.getBigDecimal("longitude"),
        rs.getString("contact_name"),
        cipher.decrypt(rs.getString("contact_phone_enc"), "merchants.contact_phone"),
        rs.getString("status"),
        Columns.instant(rs, "created_at", ctx),
        Columns.instant(rs, "updated_at", ctx));
  }

  // ---- staff ----

  public Invite invite(Caller admin, String rawId) {
    long merchantId = Ids.parseOr(rawId, -1);
    Merchant m = jdbi.withHandle(h -> find(h, merchantId, admin.adminScope(), false));
    if (!m.status().equals("ACTIVE")) {
      throw new AppException(ErrorCode.CONFLICT, "商家已暂停合作，不能邀请店员");
    }
    long id = Ids.next();
    String scene = scenes.of(id);
    // The code is drawn first: if WeChat is down nothing is stored and the admin simply tries
    // again.
    byte[] png = wechat.unlimitedQrCode(scene, INVITE_PAGE);
    Instant now = clock.instant();
    Instant expires = now.plus(INVITE_VALID_FOR);
    jdbi.useTransaction(h -> {
      h.createUpdate("""
              INSERT INTO merchant_invites (id, merchant_id, expires_at, created_by, created_at)
              VALUES (:id, :m, :exp, :by, :now)""")
          .bind("id", id)
          .bind("m", merchantId)
          .bind("exp", expires)
          .bind("by", admin.userId())
          .bind("now", now)
          .execute();
      audit.record(
          h, admin, "merchant.invite", "merchant", Long.toString(merchantId), "invite " + id);
    });
    return new Invite(
        Long.toString(id), scene, INVITE_PAGE, expires, Base64.getEncoder().encodeToString(png));
  }

  /** The invited person, logged in with WeChat, becomes staff of the merchant; an invitation works once. */
  public Joined accept(Caller user, String scene) {
    long id = inviteId(scene);
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      record Row(long merchantId, String name, String status, Instant expiresAt, Long usedBy) {}
      Row inv = h.createQuery("""
              SELECT i.merchant_id, m.name, m.status, i.expires_at, i.used_by
                FROM merchant_invites i JOIN merchants m ON m.id = i.merchant_id WHERE i.id = :id FOR UPDATE""")
          .bind("id", id)
          .map((rs, ctx) -> new Row(
              rs.getLong(1),
              rs.getString(2),
              rs.getString(3),
              Columns.instant(rs, "expires_at", ctx),
              rs.getObject("used_by", Long.class)))
          .findOne()
          .orElseThrow(() -> AppException.notFound("邀请"));
      if (inv.usedBy() != null) {
        throw new AppException(ErrorCode.INVITE_USED, "这张邀请码已经使用过，请向管理员索取新的邀请码");
      }
      if (!now.isBefore(inv.expiresAt())) {
        throw new AppException(ErrorCode.INVITE_EXPIRED, "邀请码已过期，请向管理员索取新的邀请码");
      }
      if (!inv.status().equals("ACTIVE")) {
        throw new AppException(ErrorCode.CONFLICT, "商家已暂停合作");
      }
      h.createUpdate("UPDATE merchant_invites SET used_by = :u, used_at = :now WHERE id = :id")
          .bind("u", user.userId())
          .bind("now", now)
          .bind("id", id)
          .execute();
      GrantDao grants = new GrantDao(h);
      String key = RoleGrant.scopeKey(null, null, null, inv.merchantId());
      if (grants.find(user.userId(), Role.MERCHANT_STAFF.name(), key).isEmpty()) {
        grants.insert(
            Ids.next(),
            user.userId(),
            Role.MERCHANT_STAFF.name(),
            null,
            null,
            null,
            inv.merchantId(),
            key,
            null,
            now);
      }
      audit.record(
          h,
          user,
          "merchant.staff.join",
          "merchant",
          Long.toString(inv.merchantId()),
          "invite " + id);
      return new Joined(Long.toString(inv.merchantId()), inv.name());
    });
  }

  public List<Staff> staff(Caller admin, String rawId) {
    long merchantId = Ids.parseOr(rawId, -1);
    return jdbi.withHandle(h -> {
      find(h, merchantId, admin.adminScope(), false);
      return h.createQuery("""
              SELECT g.user_id, u.phone_enc, g.granted_at FROM role_grants g JOIN users u ON u.id = g.user_id
               WHERE g.role = 'MERCHANT_STAFF' AND g.merchant_id = :m ORDER BY g.granted_at""")
          .bind("m", merchantId)
          .map((rs, ctx) -> new Staff(
              Long.toString(rs.getLong(1)),
              rs.getString(2) == null
                  ? null
                  : Masking.phone(cipher.decrypt(rs.getString(2), "users.phone")),
              Columns.instant(rs, "granted_at", ctx)))
          .list();
    });
  }

  public void removeStaff(Caller admin, String rawId, String rawUserId) {
    long merchantId = Ids.parseOr(rawId, -1);
    long userId = Ids.parseOr(rawUserId, -1);
    jdbi.useTransaction(h -> {
      find(h, merchantId, admin.adminScope(), false);
      GrantDao grants = new GrantDao(h);
      var grant = grants
          .find(
              userId, Role.MERCHANT_STAFF.name(), RoleGrant.scopeKey(null, null, null, merchantId))
          .orElseThrow(() -> AppException.notFound("店员"));
      grants.delete(grant.id());
      audit.record(
          h,
          admin,
          "merchant.staff.remove",
          "merchant",
          Long.toString(merchantId),
          "user " + userId);
    });
  }

  /** The invitation a scene names when its tag is right; anything else is simply not found. */
  private long inviteId(String scene) {
    long id = scenes.idOf(scene);
    if (id < 0) {
      throw AppException.notFound("邀请");
    }
    return id;
  }
}
