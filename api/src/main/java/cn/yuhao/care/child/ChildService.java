package cn.yuhao.care.child;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.region.Geo;
import cn.yuhao.care.region.RegionService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The child ledger (台账) of district admins: create, edit, search, view. ID numbers, addresses and guardian
 * phones are encrypted at rest and masked in every answer; the full values come only from
 * {@link #sensitive}, which is audited. Age and grade are derived, never typed.
 */
public final class ChildService {
  private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");

  public record GuardianInput(String name, String relation, String phone) {}

  public record Location(Double lat, Double lng) {}

  /** Create: every required field; update (PATCH): absent or null fields stay as they are, guardians replace. */
  public record ChildInput(
      String name,
      String gender,
      LocalDate birthDate,
      String idNumber,
      String districtCode,
      String street,
      String category,
      List<String> needs,
      String careLevel,
      List<String> riskFlags,
      String school,
      Integer schoolEntryYear,
      String address,
      Location location,
      List<GuardianInput> guardians,
      String status) {}

  public record Filter(
      String districtCode,
      String street,
      String status,
      String category,
      String careLevel,
      String name,
      boolean comingOfAgeDue,
      boolean possibleDuplicate) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final BlindIndex blindIndex;
  private final RegionService regions;
  private final ChildValidation validation;
  private final ChildMapping views;
  private final AuditLog audit;
  private final Clock clock;
  private final ChildCounters counters;
  private final ChildPairings pairings;

  /** The dashboard's child counters, for the ledger import that writes around {@link #create}. */
  ChildCounters counters() {
    return counters;
  }

  public ChildService(
      Jdbi jdbi,
      FieldCipher cipher,
      BlindIndex blindIndex,
      RegionService regions,
      AuditLog audit,
      Clock clock,
      ChildCounters counters,
      ChildPairings pairings) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.blindIndex = blindIndex;
    this.regions = regions;
    this.validation = new ChildValidation(regions, clock);
    this.views = new ChildMapping(cipher, clock);
    this.audit = audit;
    this.clock = clock;
    this.counters = counters;
    this.pairings = pairings;
  }

  public ChildViews.Child create(Caller admin, ChildInput in) {
    ChildInput full = withDefaults(in);
    validate(full);
    requireWritable(admin, full.districtCode());
    long id = Ids.next();
    return jdbi.inTransaction(h -> {
      ChildDao dao = new ChildDao(h);
      write(dao, admin, id, full, true, true);
      audit.record(h, admin, "child.create", "child", Long.toString(id), full.districtCode());
      return views.child(
          admin, dao, dao.findInScope(id, admin.adminScope(), false).orElseThrow());
    });
  }

  public ChildViews.Child update(Caller admin, long id, ChildInput patch) {
    return jdbi.inTransaction(h -> {
      ChildDao dao = new ChildDao(h);
      ChildRow row = dao.findInScope(id, admin.adminScope(), true)
          .orElseThrow(() -> AppException.notFound("儿童"));
      ChildInput merged = merge(current(dao, row), patch);
      validate(merged);
      requireWritable(admin, merged.districtCode());
      write(dao, admin, id, merged, false, patch.guardians() != null);
      if ("ACTIVE".equals(row.status()) && !"ACTIVE".equals(merged.status())) {
        // Moved away, closed or aged out: the child's pairings end with the ledger status.
        pairings.endAll(h, id, "CHILD_" + merged.status(), admin.userId(), clock.instant());
      } else if (!row.districtCode().equals(merged.districtCode())) {
        // Her volunteers serve the old district: the pairings end and she waits in the new
        // district's queue.
        pairings.endAll(h, id, "CHILD_MOVED", admin.userId(), clock.instant());
      }
      // Pairings are scoped by the child's place; they follow her, so the history stays with her
      // ledger record.
      pairings.relocate(h, id, merged.districtCode(), blankToNull(merged.street()));
      audit.record(h, admin, "child.update", "child", Long.toString(id), null);
      return views.child(
          admin,
          dao,
          dao.findInScope(id, admin.adminScope(), false)
              .orElseThrow(() -> AppException.notFound("儿童")));
    });
  }

  /** The 成年礼 handover ended her care pairings: her ledger record becomes AGED_OUT, in the caller's transaction. */
  public void agedOut(Handle h, long childId, Instant now) {
    new ChildDao(h).setStatus(childId, "AGED_OUT", now);
    counters.childChanged(h, childId);
  }

  public ChildViews.Child get(Caller admin, long id) {
    return jdbi.withHandle(h -> {
      ChildDao dao = new ChildDao(h);
      return views.child(
          admin,
          dao,
          dao.findInScope(id, admin.adminScope(), false)
              .orElseThrow(() -> AppException.notFound("儿童")));
    });
  }

  public ChildViews.Page list(Caller admin, Filter f, long before, int limit) {
    if (f.possibleDuplicate() && !admin.hasRole(Role.CITY_ADMIN)) {
      throw new AppException(ErrorCode.FORBIDDEN, "跨区县重复建档由市妇联核实");
    }
    LocalDate adultBy = f.comingOfAgeDue() ? ChildAges.today(clock).minusYears(18) : null;
    List<ChildRow> rows = jdbi.withHandle(
        h -> new ChildDao(h).list(admin.adminScope(), f, adultBy, before, limit + 1));
    List<ChildViews.Summary> items =
        rows.stream().limit(limit).map(views::summary).toList();
    return new ChildViews.Page(
        items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
  }

  /** The unmasked ID number, address, home point and guardian phones: district and city admins only, audited every time. */
  public ChildViews.Sensitive sensitive(Caller admin, long id) {
    return jdbi.inTransaction(h -> {
      ChildDao dao = new ChildDao(h);
      ChildRow row = dao.findInScope(id, admin.adminScope(), false)
          .orElseThrow(() -> AppException.notFound("儿童"));
      audit.record(
          h, admin, "child.sensitive.read", "child", Long.toString(id), "身份证号、住址、家庭位置、监护人电话");
      List<ChildViews.Guardian> guardians = dao.guardians(id).stream()
          .map(g -> new ChildViews.Guardian(
              g.name(), g.relation(), cipher.decrypt(g.phoneEnc(), "child_guardians.phone")))
          .toList();
      return new ChildViews.Sensitive(
          cipher.decrypt(row.idNumberEnc(), "children.id_number"),
          cipher.decrypt(row.addressEnc(), "children.address"),
          views.location(row),
          guardians);
    });
  }

  private void write(
      ChildDao dao, Caller admin, long id, ChildInput c, boolean isNew, boolean guardiansChanged) {
    ChildDao.Values v = values(c)
        .withDuplicateOf(duplicateOf(admin, dao.holdersOf(idNumberIndex(c.idNumber()), id)));
    if (v.duplicateOf() != null) {
      audit.record(
          dao.handle(),
          admin,
          "child.duplicate",
          "child",
          Long.toString(id),
          "与另一区县台账中的儿童身份证号相同，待市妇联核实");
    }
    if (isNew) {
      dao.insert(id, v, clock.instant());
      counters.childCreated(dao.handle(), id);
    } else {
      dao.update(id, v, clock.instant());
      counters.childChanged(dao.handle(), id);
    }
    if (isNew || guardiansChanged) {
      dao.replaceGuardians(id, isNew, guardianValues(c), Ids::next);
    }
  }

  /** The row as stored: ID number, address encrypted, the blind index of the ID number. */
  ChildDao.Values values(ChildInput c) {
    String idNumber = IdNumbers.normalize(c.idNumber());
    return new ChildDao.Values(
        c.districtCode(),
        blankToNull(c.street()),
        c.name().trim(),
        c.gender(),
        c.birthDate(),
        cipher.encrypt(idNumber, "children.id_number"),
        idNumberIndex(idNumber),
        c.category(),
        String.join(",", c.needs()),
        c.careLevel(),
        String.join(",", c.riskFlags()),
        blankToNull(c.school()),
        c.schoolEntryYear(),
        cipher.encrypt(blankToNull(c.address()), "children.address"),
        c.location() == null
            ? null
            : cipher.encrypt(
                Geo.point(c.location().lat(), c.location().lng()), "children.location"),
        c.location() == null ? null : Geo.cell(c.location().lat(), c.location().lng()),
        null,
        c.status());
  }

  /**
   * The child another district already holds under the same ID number, or null. One the admin can see is a
   * plain duplicate (409). One she cannot is not revealed: the registration goes ahead, flagged for the city
   * admin to reconcile (a migrant child who moved, or a typo), and answers exactly as a new child does.
   */
  Long duplicateOf(Caller admin, List<ChildDao.Holder> holders) {
    for (ChildDao.Holder other : holders) {
      if (admin.adminScope().coversDistrict(other.districtCode())) {
        throw new AppException(ErrorCode.DUPLICATE, "该身份证号已在台账中，请勿重复建档");
      }
    }
    return holders.isEmpty() ? null : holders.get(0).id();
  }

  String idNumberIndex(String rawIdNumber) {
    return blindIndex.of("id_number", IdNumbers.normalize(rawIdNumber));
  }

  List<ChildDao.GuardianValues> guardianValues(ChildInput c) {
    return c.guardians().stream()
        .map(g -> new ChildDao.GuardianValues(
            g.name().trim(),
            g.relation(),
            cipher.encrypt(g.phone(), "child_guardians.phone"),
            blindIndex.of("phone", g.phone())))
        .toList();
  }

  static ChildInput withDefaults(ChildInput in) {
    return new ChildInput(
        in.name(),
        in.gender(),
        in.birthDate(),
        in.idNumber(),
        in.districtCode(),
        in.street(),
        in.category(),
        in.needs(),
        in.careLevel(),
        in.riskFlags() == null ? List.of() : in.riskFlags(),
        in.school(),
        in.schoolEntryYear(),
        in.address(),
        in.location(),
        in.guardians(),
        in.status() == null ? "ACTIVE" : in.status());
  }

  ChildInput current(ChildDao dao, ChildRow r) {
    List<GuardianInput> guardians = dao.guardians(r.id()).stream()
        .map(g -> new GuardianInput(
            g.name(), g.relation(), cipher.decrypt(g.phoneEnc(), "child_guardians.phone")))
        .toList();
    return new ChildInput(
        r.name(),
        r.gender(),
        r.birthDate(),
        cipher.decrypt(r.idNumberEnc(), "children.id_number"),
        r.districtCode(),
        r.street(),
        r.category(),
        ChildMapping.split(r.needs()),
        r.careLevel(),
        ChildMapping.split(r.riskFlags()),
        r.school(),
        r.schoolEntryYear(),
        cipher.decrypt(r.addressEnc(), "children.address"),
        views.location(r),
        guardians,
        r.status());
  }

  static ChildInput merge(ChildInput cur, ChildInput p) {
    return new ChildInput(
        or(p.name(), cur.name()),
        or(p.gender(), cur.gender()),
        or(p.birthDate(), cur.birthDate()),
        or(p.idNumber(), cur.idNumber()),
        or(p.districtCode(), cur.districtCode()),
        or(p.street(), cur.street()),
        or(p.category(), cur.category()),
        or(p.needs(), cur.needs()),
        or(p.careLevel(), cur.careLevel()),
        or(p.riskFlags(), cur.riskFlags()),
        or(p.school(), cur.school()),
        or(p.schoolEntryYear(), cur.schoolEntryYear()),
        or(p.address(), cur.address()),
        or(p.location(), cur.location()),
        or(p.guardians(), cur.guardians()),
        or(p.status(), cur.status()));
  }

  /** Every field of a whole (merged) child record; 422 with every problem at once. */
  void validate(ChildInput c) {
    validation.check(c);
  }

  /** Writing is for district admins of the child's district (and city admins); supervisors only read. */
  private static void requireWritable(Caller admin, String districtCode) {
    if (!admin.adminScope().coversDistrict(districtCode)) {
      throw new AppException(ErrorCode.FORBIDDEN, "只能登记本区县的儿童");
    }
  }

  private static <T> T or(T patch, T current) {
    return patch != null ? patch : current;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
