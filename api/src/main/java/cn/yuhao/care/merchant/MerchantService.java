package cn.yuhao.care.merchant;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.auth.Scope;
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
      new MerchantDao(h)
          .insert(
              id,
              in.districtCode(),
              written(
                  in.name().trim(),
                  in.category(),
                  in.address().trim(),
                  in.latitude(),
                  in.longitude(),
                  in.contactName().trim(),
                  in.contactPhone().trim(),
                  "ACTIVE"),
              admin.userId(),
              now);
      new Ledger(h).account("MERCHANT", id, now);
      audit.record(
          h, admin, "merchant.create", "merchant", Long.toString(id), in.name().trim());
      return find(h, id, admin.adminScope(), false);
    });
  }

  public Merchant update(Caller admin, long id, MerchantInput in) {
    validate(in, false);
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Merchant m = find(h, id, admin.adminScope(), true);
      boolean moved = in.latitude() != null || in.longitude() != null;
      BigDecimal lat = moved ? in.latitude() : m.latitude();
      BigDecimal lng = moved ? in.longitude() : m.longitude();
      new MerchantDao(h)
          .update(
              id,
              written(
                  or(in.name(), m.name()),
                  or(in.category(), m.category()),
                  or(in.address(), m.address()),
                  lat,
                  lng,
                  or(in.contactName(), m.contactName()),
                  or(in.contactPhone(), m.contactPhone()),
                  or(in.status(), m.status())),
              now);
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

  private MerchantDao.Written written(
      String name,
      String category,
      String address,
      BigDecimal lat,
      BigDecimal lng,
      String contactName,
      String contactPhone,
      String status) {
    return new MerchantDao.Written(
        name,
        category,
        address,
        lat,
        lng,
        Geo.geohash(lat, lng),
        contactName,
        cipher.encrypt(contactPhone, "merchants.contact_phone"),
        status);
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

  public cn.yuhao.care.http.Page<Merchant> list(
      Caller admin, String districtCode, String status, long before, int limit) {
    return jdbi.withHandle(h -> cn.yuhao.care.http.Page.of(
        new MerchantDao(h).list(admin.adminScope(), districtCode, status, before, limit + 1),
        limit,
        this::merchant,
        MerchantDao.Row::id));
  }

  public Merchant get(Caller admin, long id) {
    return jdbi.withHandle(h -> find(h, id, admin.adminScope(), false));
  }

  Merchant find(Handle h, long id, Scope scope, boolean lock) {
    return new MerchantDao(h)
        .find(id, scope, lock)
        .map(this::merchant)
        .orElseThrow(() -> AppException.notFound("商家"));
  }

  private Merchant merchant(MerchantDao.Row r) {
    return new Merchant(
        Long.toString(r.id()),
        r.name(),
        r.category(),
        r.districtCode(),
        r.address(),
        r.latitude(),
        r.longitude(),
        r.contactName(),
        cipher.decrypt(r.contactPhoneEnc(), "merchants.contact_phone"),
        r.status(),
        r.createdAt(),
        r.updatedAt());
  }

  // ---- staff ----

  public Invite invite(Caller admin, long merchantId) {
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
      new MerchantDao(h).insertInvite(id, merchantId, expires, admin.userId(), now);
      audit.record(
          h, admin, "merchant.invite", "merchant", Long.toString(merchantId), "invite " + id);
    });
    return new Invite(
        Long.toString(id), scene, INVITE_PAGE, expires, Base64.getEncoder().encodeToString(png));
  }

  /** An unused, unexpired invitation's 小程序码 again, as a PNG to show the new cashier; else not found. */
  public byte[] invitePng(Caller admin, long merchantId, long inviteId) {
    jdbi.useTransaction(h -> {
      find(h, merchantId, admin.adminScope(), false);
      new MerchantDao(h)
          .inviteForUpdate(inviteId)
          .filter(i -> i.merchantId() == merchantId
              && i.usedBy() == null
              && clock.instant().isBefore(i.expiresAt()))
          .orElseThrow(() -> AppException.notFound("邀请"));
    });
    return wechat.unlimitedQrCode(scenes.of(inviteId), INVITE_PAGE);
  }

  /** The invited person, logged in with WeChat, becomes staff of the merchant; an invitation works once. */
  public Joined accept(Caller user, String scene) {
    long id = inviteId(scene);
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      MerchantDao dao = new MerchantDao(h);
      MerchantDao.Invitation inv =
          dao.inviteForUpdate(id).orElseThrow(() -> AppException.notFound("邀请"));
      if (inv.usedBy() != null) {
        throw new AppException(ErrorCode.INVITE_USED, "这张邀请码已经使用过，请向管理员索取新的邀请码");
      }
      if (!now.isBefore(inv.expiresAt())) {
        throw new AppException(ErrorCode.INVITE_EXPIRED, "邀请码已过期，请向管理员索取新的邀请码");
      }
      if (!inv.merchantStatus().equals("ACTIVE")) {
        throw new AppException(ErrorCode.CONFLICT, "商家已暂停合作");
      }
      dao.useInvite(id, user.userId(), now);
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
      return new Joined(Long.toString(inv.merchantId()), inv.merchantName());
    });
  }

  public List<Staff> staff(Caller admin, long merchantId) {
    return jdbi.withHandle(h -> {
      find(h, merchantId, admin.adminScope(), false);
      return new MerchantDao(h)
          .staff(merchantId).stream()
              .map(r -> new Staff(
                  Long.toString(r.userId()),
                  r.phoneEnc() == null
                      ? null
                      : Masking.phone(cipher.decrypt(r.phoneEnc(), "users.phone")),
                  r.grantedAt()))
              .toList();
    });
  }

  public void removeStaff(Caller admin, long merchantId, long userId) {
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
