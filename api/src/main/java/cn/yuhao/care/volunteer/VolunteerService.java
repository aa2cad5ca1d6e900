package cn.yuhao.care.volunteer;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.pairing.PairingEndings;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.region.Geo;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.user.UserDao;
import cn.yuhao.care.user.UserRow;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Volunteers from application to exit (招募、准入、服务、退出). Admission needs a clear background check
 * (入职查询 / 无犯罪记录) because volunteers are in close contact with minors; admission grants the
 * VOLUNTEER role, suspension and exit take it away in the same transaction, so access ends at once.
 */
public final class VolunteerService {
  /** The code of conduct and confidentiality pledge the mini-program shows; bump when its text changes. */
  public static final String PLEDGE_VERSION = "2026-11";

  public record Application(
      String realName,
      String phone,
      String districtCode,
      String streetName,
      VolunteerView.Location location,
      List<String> specialties,
      Integer maxChildren,
      String availability,
      Boolean agreedTerms,
      String pledgeVersion) {}

  public record Admission(VolunteerView.BackgroundCheck backgroundCheck, String note) {}

  public record Page(List<VolunteerView> items, String nextCursor) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final BlindIndex blindIndex;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;
  private final VolunteerCounters counters;
  private final PairingEndings pairings;
  /** Districts that admit only volunteers who completed a pre-service course (PRE_SERVICE_REQUIRED_DISTRICTS). */
  private final Set<String> preServiceRequired;

  public VolunteerService(
      Jdbi jdbi,
      FieldCipher cipher,
      BlindIndex blindIndex,
      RegionService regions,
      AuditLog audit,
      Clock clock,
      VolunteerCounters counters,
      PairingEndings pairings,
      Set<String> preServiceRequired) {
    this.jdbi = jdbi;
    this.preServiceRequired = Set.copyOf(preServiceRequired);
    this.counters = counters;
    this.pairings = pairings;
    this.cipher = cipher;
    this.blindIndex = blindIndex;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  public VolunteerView apply(Caller caller, Application a) {
    List<Specialty> specialties = ApplicationForm.check(a, regions);
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      // The user's row is the lock that serialises her applications. Locking her (maybe absent)
      // volunteers row
      // instead took a gap lock that concurrent first-time applicants deadlocked on (found by the
      // benchmark).
      new UserDao(h).lock(caller.userId());
      UserRow user =
          new UserDao(h).findById(caller.userId()).orElseThrow(() -> AppException.notFound("用户"));
      String phone = a.phone() != null ? a.phone() : cipher.decrypt(user.phoneEnc(), "users.phone");
      if (phone == null) {
        throw AppException.invalid("phone", "请填写手机号，或先授权绑定微信手机号");
      }
      VolunteerDao.Application row = new VolunteerDao.Application(
          a.realName().trim(),
          cipher.encrypt(phone, "volunteers.phone"),
          blindIndex.of("phone", phone),
          a.districtCode(),
          blankToNull(a.streetName()),
          cipher.encrypt(Geo.point(a.location().lat(), a.location().lng()), "volunteers.location"),
          Geo.cell(a.location().lat(), a.location().lng()),
          specialties.stream().map(Enum::name).collect(Collectors.joining(",")),
          a.maxChildren(),
          blankToNull(a.availability()),
          a.pledgeVersion());
      VolunteerDao dao = new VolunteerDao(h);
      var existing = dao.findByUser(caller.userId());
      long id;
      if (existing.isPresent()) {
        VolunteerStatus status = VolunteerStatus.valueOf(existing.get().status());
        if (!status.mayReapply()) {
          throw new AppException(
              ErrorCode.VOLUNTEER_STATE,
              status == VolunteerStatus.PENDING ? "您的申请正在审核中，请勿重复提交" : "您已是爱心妈妈志愿者，无需再次申请");
        }
        id = existing.get().id();
        dao.reapply(id, row, now);
        counters.volunteerChanged(h, id);
      } else {
        id = Ids.next();
        dao.insert(id, caller.userId(), row, now);
        counters.volunteerCreated(h, id);
      }
      new UserDao(h).updateVolunteerStatus(caller.userId(), VolunteerStatus.PENDING.name(), now);
      audit.record(h, caller, "volunteer.apply", "volunteer", Long.toString(id), a.districtCode());
      return ownView(dao.findByUser(caller.userId()).orElseThrow());
    });
  }

  public VolunteerView mine(Caller caller) {
    return jdbi.withHandle(h -> new VolunteerDao(h).findByUser(caller.userId()))
        .map(this::ownView)
        .orElseThrow(() -> AppException.notFound("志愿者申请"));
  }

  public VolunteerView get(Caller admin, long id) {
    return jdbi.withHandle(h -> new VolunteerDao(h).findInScope(id, admin.adminScope()))
        .map(this::adminView)
        .orElseThrow(() -> AppException.notFound("志愿者"));
  }

  public Page list(
      Caller admin, String status, String districtCode, String tag, long before, int limit) {
    if (status != null
        && Arrays.stream(VolunteerStatus.values()).noneMatch(s -> s.name().equals(status))) {
      throw AppException.invalid("status", "没有这个状态");
    }
    List<VolunteerRow> rows = jdbi.withHandle(h ->
        new VolunteerDao(h).list(admin.adminScope(), status, districtCode, tag, before, limit + 1));
    List<VolunteerView> items = rows.stream().limit(limit).map(this::adminView).toList();
    return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
  }

  public VolunteerView admit(Caller admin, long id, Admission a) {
    Instant now = clock.instant();
    VolunteerView.BackgroundCheck check = a.backgroundCheck();
    Fields f = new Fields()
        .require("backgroundCheck", check)
        .require("note", a.note())
        .maxLength("note", a.note(), 500);
    if (check != null) {
      f.require("backgroundCheck.checkedBy", check.checkedBy())
          .maxLength("backgroundCheck.checkedBy", check.checkedBy(), 64)
          .require("backgroundCheck.checkedAt", check.checkedAt())
          .check(
              check.checkedAt(),
              check.checkedAt() == null || !check.checkedAt().isAfter(now),
              "backgroundCheck.checkedAt",
              "查询时间不能晚于现在")
          .require("backgroundCheck.result", check.result())
          .check(
              check.result(),
              "CLEAR".equals(check.result()) || "RECORD_FOUND".equals(check.result()),
              "backgroundCheck.result",
              "结果应为 CLEAR 或 RECORD_FOUND");
    }
    f.throwIfAny();
    if (!"CLEAR".equals(check.result())) {
      throw new AppException(ErrorCode.BACKGROUND_CHECK_NOT_CLEAR, "入职查询发现记录，按规定不能准入与未成年人密切接触的岗位");
    }
    return transition(
        admin,
        id,
        Set.of(VolunteerStatus.PENDING),
        (h, v) -> {
          if (preServiceRequired.contains(v.districtCode())
              && !new VolunteerDao(h).hasPreService(v.id())) {
            throw new AppException(ErrorCode.VOLUNTEER_STATE, "本区县要求先完成岗前培训，才能准入");
          }
          new VolunteerDao(h)
              .admit(
                  v.id(),
                  admin.userId(),
                  check.checkedBy().trim(),
                  check.checkedAt(),
                  check.result(),
                  a.note().trim(),
                  now);
          counters.volunteerChanged(h, v.id());
          String key = RoleGrant.scopeKey(v.districtCode(), null, null, null);
          GrantDao grants = new GrantDao(h);
          if (grants.find(v.userId(), Role.VOLUNTEER.name(), key).isEmpty()) {
            grants.insert(
                Ids.next(),
                v.userId(),
                Role.VOLUNTEER.name(),
                v.districtCode(),
                null,
                null,
                null,
                key,
                admin.userId(),
                now);
          }
          return VolunteerStatus.ADMITTED;
        },
        "volunteer.admit",
        "入职查询 " + check.checkedBy().trim());
  }

  public VolunteerView reject(Caller admin, long id, String reason) {
    requireReason(reason);
    return transition(
        admin,
        id,
        Set.of(VolunteerStatus.PENDING),
        (h, v) -> {
          new VolunteerDao(h)
              .changeStatus(
                  v.id(), VolunteerStatus.REJECTED, reason.trim(), admin.userId(), clock.instant());
          counters.volunteerChanged(h, v.id());
          return VolunteerStatus.REJECTED;
        },
        "volunteer.reject",
        reason);
  }

  public VolunteerView suspend(Caller admin, long id, String reason) {
    requireReason(reason);
    return transition(
        admin,
        id,
        Set.of(VolunteerStatus.ADMITTED),
        (h, v) -> {
          end(h, v, VolunteerStatus.SUSPENDED, reason, admin.userId());
          return VolunteerStatus.SUSPENDED;
        },
        "volunteer.suspend",
        reason);
  }

  public VolunteerView exit(Caller admin, long id, String reason) {
    requireReason(reason);
    return transition(
        admin,
        id,
        Set.of(VolunteerStatus.PENDING, VolunteerStatus.ADMITTED, VolunteerStatus.SUSPENDED),
        (h, v) -> {
          end(h, v, VolunteerStatus.EXITED, reason, admin.userId());
          return VolunteerStatus.EXITED;
        },
        "volunteer.exit",
        reason);
  }

  /** A volunteer leaves by herself (or withdraws a pending application). */
  public VolunteerView exitSelf(Caller caller, String reason) {
    requireReason(reason);
    return jdbi.inTransaction(h -> {
      VolunteerRow v = new VolunteerDao(h)
          .findByUserForUpdate(caller.userId())
          .orElseThrow(() -> AppException.notFound("志愿者申请"));
      VolunteerStatus status = VolunteerStatus.valueOf(v.status());
      if (status == VolunteerStatus.EXITED || status == VolunteerStatus.REJECTED) {
        throw new AppException(ErrorCode.VOLUNTEER_STATE, "您当前不在服务中，无需退出");
      }
      end(h, v, VolunteerStatus.EXITED, reason, null);
      new UserDao(h)
          .updateVolunteerStatus(v.userId(), VolunteerStatus.EXITED.name(), clock.instant());
      audit.record(h, caller, "volunteer.exit.self", "volunteer", Long.toString(v.id()), reason);
      return ownView(new VolunteerDao(h).findByUser(caller.userId()).orElseThrow());
    });
  }

  /**
   * Suspension and exit: the status changes, the VOLUNTEER role goes and her pairings end, together; exit also
   * leaves teams.
   */
  private void end(Handle h, VolunteerRow v, VolunteerStatus to, String reason, Long by) {
    new VolunteerDao(h).changeStatus(v.id(), to, reason.trim(), by, clock.instant());
    counters.volunteerChanged(h, v.id());
    new GrantDao(h).deleteRole(v.userId(), Role.VOLUNTEER.name());
    // Her children go back to the "needs pairing" queue at once; the pairings keep why they ended.
    pairings.endAllOfVolunteer(
        h,
        v.id(),
        to == VolunteerStatus.EXITED ? "VOLUNTEER_EXITED" : "VOLUNTEER_SUSPENDED",
        by,
        clock.instant());
    if (to == VolunteerStatus.EXITED) {
      new TeamDao(h).removeFromAllTeams(v.id());
    }
  }

  private interface Step {
    VolunteerStatus apply(Handle h, VolunteerRow v);
  }

  /** An admin's state change: scoped (404 outside), from an allowed state (409 otherwise), audited. */
  private VolunteerView transition(
      Caller admin, long id, Set<VolunteerStatus> from, Step step, String action, String detail) {
    return jdbi.inTransaction(h -> {
      VolunteerDao dao = new VolunteerDao(h);
      VolunteerRow v = dao.findInScopeForUpdate(id, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("志愿者"));
      if (!from.contains(VolunteerStatus.valueOf(v.status()))) {
        throw new AppException(ErrorCode.VOLUNTEER_STATE, "该志愿者当前状态为 " + v.status() + "，不能执行此操作");
      }
      VolunteerStatus to = step.apply(h, v);
      new UserDao(h).updateVolunteerStatus(v.userId(), to.name(), clock.instant());
      audit.record(h, admin, action, "volunteer", Long.toString(v.id()), detail);
      return adminView(dao.findInScope(id, admin.adminScope()).orElseThrow());
    });
  }

  private static void requireReason(String reason) {
    new Fields().require("reason", reason).maxLength("reason", reason, 500).throwIfAny();
  }

  private VolunteerView ownView(VolunteerRow v) {
    double[] home = Geo.parsePoint(cipher.decrypt(v.locationEnc(), "volunteers.location"));
    return view(v, new VolunteerView.Location(home[0], home[1]));
  }

  private VolunteerView adminView(VolunteerRow v) {
    return view(v, null);
  }

  private VolunteerView view(VolunteerRow v, VolunteerView.Location location) {
    VolunteerView.BackgroundCheck check = v.checkResult() == null
        ? null
        : new VolunteerView.BackgroundCheck(v.checkBy(), v.checkAt(), v.checkResult());
    return new VolunteerView(
        Long.toString(v.id()),
        Long.toString(v.userId()),
        v.realName(),
        Masking.phone(cipher.decrypt(v.phoneEnc(), "volunteers.phone")),
        v.districtCode(),
        v.street(),
        location,
        Arrays.asList(v.specialties().split(",")),
        v.sourceTags().isEmpty() ? List.of() : Arrays.asList(v.sourceTags().split(",")),
        v.maxChildren(),
        v.availability(),
        v.pledgeVersion(),
        v.agreedAt(),
        v.status(),
        v.statusReason(),
        v.appliedAt(),
        v.decidedAt(),
        check,
        v.admissionNote());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
