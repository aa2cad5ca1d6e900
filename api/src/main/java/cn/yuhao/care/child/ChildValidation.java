package cn.yuhao.care.child;

import cn.yuhao.care.child.ChildService.ChildInput;
import cn.yuhao.care.child.ChildService.GuardianInput;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.Coordinates;
import cn.yuhao.care.region.RegionService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The rules a child's record keeps, checked together so that a form shows every problem at once. */
final class ChildValidation {
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  private final RegionService regions;
  private final Clock clock;

  ChildValidation(RegionService regions, Clock clock) {
    this.regions = regions;
    this.clock = clock;
  }

  void check(ChildInput c) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), CHONGQING);
    Fields f = new Fields();
    identity(f, c, today);
    care(f, c, today);
    guardians(f, c.guardians());
    f.throwIfAny();
    String street =
        c.street() == null || c.street().isBlank() ? null : c.street().trim();
    if (street != null && !regions.hasStreet(c.districtCode(), street)) {
      throw AppException.invalid("street", "该区县下没有这个街道");
    }
  }

  /** Who she is and where she lives. */
  private void identity(Fields f, ChildInput c, LocalDate today) {
    String idNumber = IdNumbers.normalize(c.idNumber());
    f.require("name", c.name())
        .maxLength("name", c.name(), 32)
        .require("gender", c.gender())
        .check(
            c.gender(), ChildCodes.is(ChildCodes.GENDERS, c.gender()), "gender", "应为 MALE 或 FEMALE")
        .require("birthDate", c.birthDate())
        .check(
            c.birthDate(),
            c.birthDate() == null
                || (!c.birthDate().isAfter(today) && c.birthDate().isAfter(today.minusYears(19))),
            "birthDate",
            "出生日期应在近 18 年内且不晚于今天")
        .require("idNumber", idNumber)
        .check(idNumber, IdNumbers.valid(idNumber), "idNumber", "身份证号格式或校验位不正确")
        .check(
            idNumber,
            !IdNumbers.valid(idNumber)
                || c.birthDate() == null
                || IdNumbers.birthDate(idNumber).equals(c.birthDate()),
            "idNumber",
            "身份证号中的出生日期与填写的不一致")
        .require("districtCode", c.districtCode())
        .check(c.districtCode(), regions.isDistrict(c.districtCode()), "districtCode", "没有这个区县")
        .maxLength("street", c.street(), 64)
        .maxLength("address", c.address(), 200);
    if (c.location() != null
        && (c.location().lat() == null
            || c.location().lng() == null
            || !Coordinates.inChongqing(c.location().lat(), c.location().lng()))) {
      f.fail("location", "位置不在重庆市范围内");
    }
  }

  /** Why she is in care, how, and her school. */
  private void care(Fields f, ChildInput c, LocalDate today) {
    f.require("category", c.category())
        .check(
            c.category(),
            ChildCodes.is(ChildCodes.CATEGORIES, c.category()),
            "category",
            "没有这个儿童类别")
        .require("needs", c.needs())
        .require("careLevel", c.careLevel())
        .check(
            c.careLevel(),
            ChildCodes.is(ChildCodes.CARE_LEVELS, c.careLevel()),
            "careLevel",
            "关爱等级应为 ONE_TO_ONE、CASE_TEAM 或 GROUP")
        .maxLength("school", c.school(), 64)
        .check(
            c.schoolEntryYear(),
            c.schoolEntryYear() == null
                || (c.schoolEntryYear() >= today.getYear() - 14
                    && c.schoolEntryYear() <= today.getYear()),
            "schoolEntryYear",
            "入学年份不合理")
        .check(
            c.status(),
            ChildCodes.is(ChildCodes.STATUSES, c.status()),
            "status",
            "状态应为 ACTIVE、MOVED、AGED_OUT 或 CLOSED");
    codes(f, "needs", c.needs(), ChildCodes.NEEDS, true);
    codes(f, "riskFlags", c.riskFlags(), ChildCodes.RISK_FLAGS, false);
  }

  private static void guardians(Fields f, List<GuardianInput> guardians) {
    f.require("guardians", guardians);
    if (guardians == null) {
      return;
    }
    if (guardians.size() > 3) {
      f.fail("guardians", "最多登记 3 位监护人");
    }
    for (int i = 0; i < guardians.size(); i++) {
      GuardianInput g = guardians.get(i);
      String at = "guardians[" + i + "]";
      f.require(at + ".name", g.name())
          .maxLength(at + ".name", g.name(), 32)
          .require(at + ".relation", g.relation())
          .check(
              g.relation(),
              ChildCodes.is(ChildCodes.RELATIONS, g.relation()),
              at + ".relation",
              "没有这种监护关系")
          .require(at + ".phone", g.phone())
          .mobile(at + ".phone", g.phone());
    }
  }

  private static void codes(
      Fields f, String field, List<String> values, Set<String> allowed, boolean atLeastOne) {
    if (values == null) {
      return;
    }
    if (atLeastOne && values.isEmpty()) {
      f.fail(field, "至少选择一项");
    }
    for (String v : values) {
      if (!ChildCodes.is(allowed, v)) {
        f.fail(field, "不认识的取值：" + v);
      }
    }
    if (new LinkedHashSet<>(values).size() != values.size()) {
      f.fail(field, "有重复的取值");
    }
  }
}
