package cn.yuhao.care.volunteer;

import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.Coordinates;
import cn.yuhao.care.region.RegionService;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A volunteer's application form (报名表): the rules its fields keep, checked together. */
final class ApplicationForm {
  private ApplicationForm() {}

  /** The application's problems all at once (422), or her specialties. */
  static List<Specialty> check(VolunteerService.Application a, RegionService regions) {
    Fields f = new Fields()
        .require("realName", a.realName())
        .maxLength("realName", a.realName(), 32)
        .mobile("phone", a.phone())
        .require("districtCode", a.districtCode())
        .check(a.districtCode(), regions.isDistrict(a.districtCode()), "districtCode", "没有这个区县")
        .maxLength("streetName", a.streetName(), 64)
        .require("location", a.location())
        .require("specialties", a.specialties())
        .require("maxChildren", a.maxChildren())
        .check(
            a.maxChildren(),
            a.maxChildren() == null || (a.maxChildren() >= 1 && a.maxChildren() <= 3),
            "maxChildren",
            "每位志愿者结对 1 到 3 名儿童")
        .maxLength("availability", a.availability(), 200)
        .require("agreedTerms", a.agreedTerms())
        .check(
            a.agreedTerms(), Boolean.TRUE.equals(a.agreedTerms()), "agreedTerms", "请阅读并同意行为守则和保密承诺")
        .require("pledgeVersion", a.pledgeVersion())
        .check(
            a.pledgeVersion(),
            VolunteerService.PLEDGE_VERSION.equals(a.pledgeVersion()),
            "pledgeVersion",
            "承诺书已更新，请阅读最新版本后再提交");
    if (a.location() != null
        && !Coordinates.inChongqing(a.location().lat(), a.location().lng())) {
      f.fail("location", "位置不在重庆市范围内");
    }
    Set<Specialty> specialties = new LinkedHashSet<>();
    if (a.specialties() != null) {
      if (a.specialties().isEmpty() || a.specialties().size() > 5) {
        f.fail("specialties", "请选择 1 到 5 项专长");
      }
      for (String s : a.specialties()) {
        Specialty sp = Arrays.stream(Specialty.values())
            .filter(x -> x.name().equals(s))
            .findFirst()
            .orElse(null);
        if (sp == null) {
          f.fail("specialties", "没有这项专长：" + s);
        } else {
          specialties.add(sp);
        }
      }
    }
    f.throwIfAny();
    String street = a.streetName() == null || a.streetName().isBlank()
        ? null
        : a.streetName().trim();
    if (street != null && !regions.hasStreet(a.districtCode(), street)) {
      throw AppException.invalid("streetName", "该区县下没有这个街道");
    }
    return List.copyOf(specialties);
  }
}
