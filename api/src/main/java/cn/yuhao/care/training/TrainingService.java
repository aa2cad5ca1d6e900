package cn.yuhao.care.training;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.volunteer.VolunteerCounters;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Courses (pre-service 岗前 or in-service), completions recorded by organisers, and coverage: the share of a
 * district's admitted volunteers who completed a pre-service course, and who is still missing (培训全覆盖).
 */
public final class TrainingService {
  static final Set<String> KINDS = Set.of("PRE_SERVICE", "IN_SERVICE");
  static final int MISSING_LIMIT = 200;

  public record CourseInput(
      String districtCode, String title, String kind, BigDecimal hours, String materialUrl) {}

  public record Course(
      String id,
      String districtCode,
      String title,
      String kind,
      BigDecimal hours,
      String materialUrl,
      Instant createdAt) {}

  public record CompletionInput(List<String> volunteerIds, LocalDate completedOn) {}

  public record Recorded(int recorded, int already) {}

  public record Completion(
      String courseId, String title, String kind, BigDecimal hours, LocalDate completedOn) {}

  public record Missing(String volunteerId, String name, String districtCode, String street) {}

  public record Coverage(
      String districtCode,
      int admitted,
      int trained,
      Double share,
      List<Missing> missing,
      boolean missingComplete) {}

  private final Jdbi jdbi;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;

  private final VolunteerCounters counters;

  public TrainingService(
      Jdbi jdbi, RegionService regions, VolunteerCounters counters, AuditLog audit, Clock clock) {
    this.counters = counters;
    this.jdbi = jdbi;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  public Course create(Caller admin, CourseInput in) {
    BigDecimal hours = in.hours();
    Fields f = new Fields()
        .require("title", in.title() == null || in.title().isBlank() ? null : in.title())
        .maxLength("title", in.title(), 64)
        .require("kind", in.kind())
        .check(
            in.kind(),
            in.kind() == null || KINDS.contains(in.kind()),
            "kind",
            "应为 PRE_SERVICE 或 IN_SERVICE")
        .require("hours", hours)
        .check(
            hours,
            hours == null
                || hours.signum() > 0
                    && hours.compareTo(new BigDecimal("100")) <= 0
                    && hours.remainder(new BigDecimal("0.5")).signum() == 0,
            "hours",
            "学时应为 0.5–100，按半小时计")
        .maxLength("materialUrl", in.materialUrl(), 300)
        .check(
            in.materialUrl(),
            in.materialUrl() == null || in.materialUrl().matches("https://\\S+"),
            "materialUrl",
            "资料链接应为 https 地址");
    if (in.districtCode() != null && !regions.isDistrict(in.districtCode())) {
      f.fail("districtCode", "没有这个区县");
    }
    f.throwIfAny();
    if (in.districtCode() == null
        ? !admin.hasRole(Role.CITY_ADMIN)
        : !admin.adminScope().coversDistrict(in.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "区县管理员只能为本区县开设课程；全市课程由市级管理员开设");
    }
    long id = Ids.next();
    return jdbi.inTransaction(h -> {
      TrainingDao dao = new TrainingDao(h);
      dao.insertCourse(id, in, admin.userId(), clock.instant());
      audit.record(
          h, admin, "course.create", "course", Long.toString(id), in.title().strip());
      return view(dao.course(id).orElseThrow());
    });
  }

  public cn.yuhao.care.http.Page<Course> courses(Caller admin, long before, int limit) {
    Scope scope = admin.adminScope();
    List<String> districts = new ArrayList<>(scope.districts());
    scope.streets().forEach(s -> districts.add(s.districtCode()));
    return jdbi.withHandle(h -> cn.yuhao.care.http.Page.of(
        new TrainingDao(h).courses(districts, scope.all(), before, limit + 1),
        limit,
        TrainingService::view,
        c -> c.id()));
  }

  /**
   * Completions of a course by admitted volunteers or applicants (pre-service training comes before admission)
   * in the organiser's scope (and the course's district, for a
   * district's course), all or none: an id outside is a 422 naming it. A completion recorded before stays.
   */
  public Recorded complete(Caller admin, long courseId, CompletionInput in) {
    LocalDate today = CarePeriods.day(clock.instant());
    LocalDate on = in.completedOn() == null ? today : in.completedOn();
    Fields f = new Fields()
        .require(
            "volunteerIds",
            in.volunteerIds() == null || in.volunteerIds().isEmpty() ? null : in.volunteerIds())
        .check(on, !on.isAfter(today), "completedOn", "完成日期不能晚于今天")
        .check(on, !on.isBefore(today.minusYears(5)), "completedOn", "完成日期不能早于五年前");
    if (in.volunteerIds() != null && in.volunteerIds().size() > 500) {
      f.fail("volunteerIds", "一次最多记录 500 人");
    }
    f.throwIfAny();
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      TrainingDao dao = new TrainingDao(h);
      TrainingDao.Course c = dao.course(courseId)
          .filter(x -> x.districtCode() == null || admin.adminScope().reaches(x.districtCode()))
          .orElseThrow(() -> AppException.notFound("课程"));
      List<TrainingDao.Trainee> trainees = new ArrayList<>();
      Fields bad = new Fields();
      for (int i = 0; i < in.volunteerIds().size(); i++) {
        String raw = in.volunteerIds().get(i);
        long id = cn.yuhao.care.db.Ids.parseOr(raw, -1);
        var t = id <= 0
            ? java.util.Optional.<TrainingDao.Trainee>empty()
            : dao.traineeInScope(id, admin.adminScope());
        if (t.isEmpty()
            || c.districtCode() != null && !c.districtCode().equals(t.get().districtCode())) {
          bad.fail("volunteerIds[" + i + "]", "不是本范围内的志愿者或申请人");
        } else {
          trainees.add(t.get());
        }
      }
      bad.throwIfAny();
      int recorded = 0;
      for (TrainingDao.Trainee t : trainees) {
        if (dao.complete(courseId, t, on, admin.userId(), now)) {
          recorded++;
          // A pre-service course makes her trained, which the dashboard counts.
          counters.volunteerChanged(h, t.id());
        }
      }
      audit.record(h, admin, "course.complete", "course", Long.toString(courseId), recorded + " 人");
      return new Recorded(recorded, trainees.size() - recorded);
    });
  }

  public List<Completion> mine(Caller volunteer) {
    return jdbi.withHandle(h -> {
      TrainingDao dao = new TrainingDao(h);
      long v =
          dao.volunteerOfUser(volunteer.userId()).orElseThrow(() -> AppException.notFound("志愿者"));
      return dao.completionsOf(v).stream()
          .map(c -> new Completion(
              Long.toString(c.courseId()), c.title(), c.kind(), c.hours(), c.completedOn()))
          .toList();
    });
  }

  /** Coverage in a scope, without the missing list (the dashboard's figure). */
  /** Coverage as the dashboard counts it (no missing list): {@code trained} of {@code admitted}. */
  public static Coverage counted(String districtCode, int admitted, int trained) {
    return new Coverage(
        districtCode,
        admitted,
        trained,
        share(new TrainingDao.Coverage(admitted, trained)),
        List.of(),
        admitted == trained);
  }

  private static Double share(TrainingDao.Coverage c) {
    return c.admitted() == 0 ? null : Math.round(c.trained() * 1000.0 / c.admitted()) / 1000.0;
  }

  public Coverage coverage(Caller admin, String districtCode) {
    return jdbi.withHandle(h -> {
      TrainingDao dao = new TrainingDao(h);
      TrainingDao.Coverage c = dao.coverage(admin.adminScope(), districtCode);
      List<Missing> missing = dao.missing(admin.adminScope(), districtCode, MISSING_LIMIT).stream()
          .map(m ->
              new Missing(Long.toString(m.volunteerId()), m.name(), m.districtCode(), m.street()))
          .toList();
      return new Coverage(
          districtCode,
          c.admitted(),
          c.trained(),
          share(c),
          missing,
          c.admitted() - c.trained() <= MISSING_LIMIT);
    });
  }

  private static Course view(TrainingDao.Course c) {
    return new Course(
        Long.toString(c.id()),
        c.districtCode(),
        c.title(),
        c.kind(),
        c.hours(),
        c.materialUrl(),
        c.createdAt());
  }
}
