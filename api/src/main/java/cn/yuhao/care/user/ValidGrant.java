package cn.yuhao.care.user;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.RegionService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;

/** A role grant (or revocation) request, checked: the role and the scope it needs, nothing more or less. */
record ValidGrant(
    Role role,
    String districtCode,
    String street,
    Long troupeId,
    Long merchantId,
    Instant expiresAt) {
  private static final Set<Role> DISTRICT_GRANTABLE = Set.of(Role.COACH, Role.STREET_SUPERVISOR);
  /** An evaluation period is at most a year; a longer engagement is granted again. */
  static final int MAX_PERIOD_DAYS = 366;

  /** The request checked against the role's scope rules; 422 with every problem at once. */
  static ValidGrant of(GrantRequest req, RegionService regions, LocalDate today) {
    Role role = parseRole(req.role());
    LocalDate until = parseDay(req.validUntil());
    Fields f = new Fields()
        .require("role", req.role())
        .check(req.role(), role != null, "role", "没有这个角色")
        .maxLength("street", req.street(), 64)
        .check(req.troupeId(), Ids.parseOr(req.troupeId(), -1) > 0, "troupeId", "编号格式不正确")
        .check(req.merchantId(), Ids.parseOr(req.merchantId(), -1) > 0, "merchantId", "编号格式不正确");
    if (req.districtCode() != null && !regions.isDistrict(req.districtCode())) {
      f.fail("districtCode", "没有这个区县");
    }
    if (role != null) {
      switch (role) {
        case CITY_ADMIN -> {
          if (scopeGiven(req)) {
            f.fail("role", "市级管理员不带范围，请不要填写区县等字段");
          }
        }
        case DISTRICT_ADMIN -> {
          f.require("districtCode", req.districtCode());
          if (req.street() != null) {
            f.fail("street", "区县管理员的范围是整个区县，不填街道");
          }
        }
        case STREET_SUPERVISOR ->
          f.require("districtCode", req.districtCode()).require("street", req.street());
        case COACH -> f.require("districtCode", req.districtCode());
        case MERCHANT_STAFF -> f.require("merchantId", req.merchantId());
        case EVALUATOR -> {
          f.require("districtCode", req.districtCode());
          if (req.street() != null || req.troupeId() != null || req.merchantId() != null) {
            f.fail("districtCode", "第三方评估的范围是整个区县，只填区县");
          }
        }
        case VOLUNTEER -> {}
      }
    }
    if (req.validUntil() != null) {
      if (role != null && role != Role.EVALUATOR) {
        f.fail("validUntil", "只有第三方评估角色有有效期");
      } else if (until == null) {
        f.fail("validUntil", "日期格式应为 YYYY-MM-DD");
      } else if (until.isBefore(today)) {
        f.fail("validUntil", "有效期不能早于今天");
      } else if (until.isAfter(today.plusDays(MAX_PERIOD_DAYS))) {
        f.fail("validUntil", "有效期最长一年，到期后可再次授权");
      }
    }
    f.throwIfAny();
    if (role == Role.STREET_SUPERVISOR && !regions.hasStreet(req.districtCode(), req.street())) {
      throw AppException.invalid("street", "该区县下没有这个街道，请先添加街道");
    }
    return new ValidGrant(
        role,
        req.districtCode(),
        req.street() == null || req.street().isBlank() ? null : req.street().trim(),
        req.troupeId() == null ? null : Ids.parseOr(req.troupeId(), -1),
        req.merchantId() == null ? null : Ids.parseOr(req.merchantId(), -1),
        until == null
            ? null
            : until.plusDays(1).atStartOfDay(CarePeriods.CHONGQING).toInstant());
  }

  private static LocalDate parseDay(String raw) {
    try {
      return raw == null ? null : LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A grant to make (not to revoke): a period role must say when it ends. */
  ValidGrant requirePeriod() {
    if (role == Role.EVALUATOR && expiresAt == null) {
      throw AppException.invalid("validUntil", "第三方评估角色须填写有效期（最后一天）");
    }
    return this;
  }

  /** District admins grant only coaches and supervisors, and only in their own districts. */
  void authorize(Caller admin) {
    if (admin.hasRole(Role.CITY_ADMIN)) {
      return;
    }
    if (!DISTRICT_GRANTABLE.contains(role)
        || !admin.adminScope().districts().contains(districtCode)) {
      throw new AppException(ErrorCode.FORBIDDEN, "区县管理员只能在本区县内授予教练或片区督导角色");
    }
  }

  String scopeKey() {
    return RoleGrant.scopeKey(districtCode, street, troupeId, merchantId);
  }

  private static boolean scopeGiven(GrantRequest r) {
    return r.districtCode() != null
        || r.street() != null
        || r.troupeId() != null
        || r.merchantId() != null;
  }

  String describe() {
    return role
        + (districtCode == null ? "" : " 区县=" + districtCode)
        + (street == null ? "" : " 街道=" + street)
        + (troupeId == null ? "" : " 团=" + troupeId)
        + (merchantId == null ? "" : " 商户=" + merchantId)
        + (expiresAt == null ? "" : " 至 " + expiresAt);
  }

  static Role parseRole(String raw) {
    return raw == null
        ? null
        : Arrays.stream(Role.values())
            .filter(r -> r.name().equals(raw))
            .findFirst()
            .orElse(null);
  }
}
