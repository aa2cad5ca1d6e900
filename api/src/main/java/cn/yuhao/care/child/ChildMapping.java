package cn.yuhao.care.child;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.child.ChildService.Location;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.region.Geo;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A child's rows as admins see them: identities masked, sealed fields opened, age and grade as of today. */
final class ChildMapping {
  private final FieldCipher cipher;
  private final Clock clock;

  ChildMapping(FieldCipher cipher, Clock clock) {
    this.cipher = cipher;
    this.clock = clock;
  }

  /** Only the city sees that a child may be another district's too (see {@link ChildService#duplicateOf}). */
  ChildViews.Child child(Caller admin, ChildDao dao, ChildRow r) {
    List<ChildViews.Guardian> guardians = dao.guardians(r.id()).stream()
        .map(g -> new ChildViews.Guardian(
            g.name(),
            g.relation(),
            Masking.phone(cipher.decrypt(g.phoneEnc(), "child_guardians.phone"))))
        .toList();
    return new ChildViews.Child(
        Long.toString(r.id()),
        r.districtCode(),
        r.street(),
        r.name(),
        r.gender(),
        r.birthDate(),
        age(r.birthDate()),
        Masking.idNumber(cipher.decrypt(r.idNumberEnc(), "children.id_number")),
        r.category(),
        split(r.needs()),
        r.careLevel(),
        split(r.riskFlags()),
        r.school(),
        r.schoolEntryYear(),
        grade(r.schoolEntryYear()),
        Masking.address(cipher.decrypt(r.addressEnc(), "children.address")),
        r.locationEnc() != null,
        r.status(),
        admin.hasRole(Role.CITY_ADMIN) && r.duplicateOf() != null
            ? r.duplicateOf().toString()
            : null,
        comingOfAgeDue(r),
        guardians);
  }

  Location location(ChildRow r) {
    double[] p = Geo.parsePoint(cipher.decrypt(r.locationEnc(), "children.location"));
    return p == null ? null : new Location(p[0], p[1]);
  }

  ChildViews.Summary summary(ChildRow r) {
    return new ChildViews.Summary(
        Long.toString(r.id()),
        r.districtCode(),
        r.street(),
        r.name(),
        r.gender(),
        age(r.birthDate()),
        grade(r.schoolEntryYear()),
        Masking.idNumber(cipher.decrypt(r.idNumberEnc(), "children.id_number")),
        r.category(),
        split(r.needs()),
        r.careLevel(),
        split(r.riskFlags()),
        r.status(),
        comingOfAgeDue(r));
  }

  /** Turned 18 while still in the ledger: due for the 成年礼 handover to a growth mentor. */
  private boolean comingOfAgeDue(ChildRow r) {
    return "ACTIVE".equals(r.status()) && age(r.birthDate()) >= 18;
  }

  private int age(LocalDate birthDate) {
    return ChildAges.age(birthDate, clock);
  }

  private Integer grade(Integer entryYear) {
    return ChildAges.grade(entryYear, clock);
  }

  static List<String> split(String joined) {
    return joined == null || joined.isEmpty()
        ? List.of()
        : new ArrayList<>(Arrays.asList(joined.split(",")));
  }
}
