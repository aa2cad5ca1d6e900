package cn.yuhao.care.activity;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Volunteers find activities they may join and sign up or cancel; organisers approve or reject. Places are taken
 * under a lock of the activity, so of 2N volunteers racing for N places exactly N get them and the rest wait in
 * order; a place freed by a cancellation or a rejection goes to the first on the waiting list.
 */
public final class SignupService {
  /** Sign-ups that hold a place, and those that still count as hers (not to be made again). */
  private static final Set<String> HOLDING = Set.of("CONFIRMED", "PENDING");

  private static final Set<String> ACTIVE = Set.of("CONFIRMED", "PENDING", "WAITLISTED");

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public SignupService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** Activities not yet started that she may join, soonest first, with her sign-up's status. */
  public cn.yuhao.care.http.Page<ActivityService.Activity> open(
      Caller volunteer, cn.yuhao.care.http.TimeCursor after, int limit) {
    return jdbi.withHandle(h -> {
      ActivityDao dao = new ActivityDao(h);
      ActivityDao.Member m = admitted(dao, volunteer);
      List<ActivityDao.Row> read = dao.open(m, clock.instant(), after, limit + 1);
      List<ActivityDao.Row> page = read.subList(0, Math.min(limit, read.size()));
      // The cursor follows what was read: a page may show fewer than it read when some do not fit
      // her.
      String next = read.size() > limit
          ? cn.yuhao.care.http.TimeCursor.of(
              page.get(page.size() - 1).startsAt(), page.get(page.size() - 1).id())
          : null;
      List<ActivityDao.Row> rows = page.stream().filter(r -> fits(r, m)).toList();
      Map<Long, String> mine =
          dao.mine(m.id(), rows.stream().map(ActivityDao.Row::id).toList()).stream()
              .collect(
                  Collectors.toMap(ActivityDao.Signup::activityId, ActivityDao.Signup::status));
      return new cn.yuhao.care.http.Page<>(
          rows.stream().map(r -> ActivityService.view(r, mine.get(r.id()))).toList(), next);
    });
  }

  public ActivityService.Activity signUp(Caller volunteer, long id) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      ActivityDao dao = new ActivityDao(h);
      // The lock first: under REPEATABLE READ the transaction's snapshot starts at its first plain
      // read, so
      // every read after the lock sees the sign-ups committed before it.
      dao.lock(id);
      ActivityDao.Member m = admitted(dao, volunteer);
      ActivityDao.Row a = dao.find(id)
          .filter(r -> r.districtCode().equals(m.districtCode())
              && (r.street() == null || r.street().equals(m.street()))
              && (r.teamId() == null || dao.inTeam(r.teamId(), m.id())))
          .orElseThrow(() -> AppException.notFound("活动"));
      open(a, now);
      if (!fits(a, m)) {
        throw new AppException(ErrorCode.CONFLICT, "这项活动需要相应专长的志愿者");
      }
      String before = dao.signup(id, m.id()).map(ActivityDao.Signup::status).orElse(null);
      if (before != null && ACTIVE.contains(before)) {
        throw new AppException(ErrorCode.DUPLICATE, "您已报名这项活动");
      }
      if ("REJECTED".equals(before)) {
        throw new AppException(ErrorCode.CONFLICT, "组织者未通过您的报名");
      }
      String status =
          a.held() < a.quota() ? (a.needsApproval() ? "PENDING" : "CONFIRMED") : "WAITLISTED";
      dao.upsertSignup(id, m.id(), m.userId(), status, now);
      return ActivityService.view(dao.find(id).orElseThrow(), status);
    });
  }

  public ActivityService.Activity cancel(Caller volunteer, long id) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      ActivityDao dao = new ActivityDao(h);
      dao.lock(id); // first, as in signUp
      ActivityDao.Member m = member(dao, volunteer);
      ActivityDao.Row a = dao.find(id).orElseThrow(() -> AppException.notFound("活动"));
      ActivityDao.Signup s = dao.signup(id, m.id())
          .filter(x -> ACTIVE.contains(x.status()))
          .orElseThrow(() -> AppException.notFound("报名"));
      if (!now.isBefore(a.startsAt())) {
        throw new AppException(ErrorCode.CONFLICT, "活动已经开始，不能取消报名");
      }
      dao.setStatus(id, m.id(), "CANCELLED", now);
      if (HOLDING.contains(s.status())) {
        moveUp(dao, a, now);
      }
      return ActivityService.view(dao.find(id).orElseThrow(), "CANCELLED");
    });
  }

  /** The organiser confirms a pending sign-up. */
  public ActivityService.SignupView approve(Caller admin, long id, long volunteerId) {
    return decide(admin, id, volunteerId, "CONFIRMED");
  }

  /** The organiser turns a sign-up down; its place (if it held one) goes to the first waiting. */
  public ActivityService.SignupView reject(Caller admin, long id, long volunteerId) {
    return decide(admin, id, volunteerId, "REJECTED");
  }

  private ActivityService.SignupView decide(Caller admin, long id, long volunteerId, String to) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      ActivityDao dao = new ActivityDao(h);
      dao.lock(id);
      ActivityDao.Row a =
          dao.findInScope(id, admin.adminScope()).orElseThrow(() -> AppException.notFound("活动"));
      ActivityDao.Signup s =
          dao.signup(id, volunteerId).orElseThrow(() -> AppException.notFound("报名"));
      boolean allowed =
          "CONFIRMED".equals(to) ? "PENDING".equals(s.status()) : ACTIVE.contains(s.status());
      if (!allowed) {
        throw new AppException(ErrorCode.CONFLICT, "该报名当前状态不能这样处理");
      }
      dao.setStatus(id, volunteerId, to, now);
      if ("REJECTED".equals(to) && HOLDING.contains(s.status())) {
        moveUp(dao, a, now);
      }
      audit.record(
          h,
          admin,
          "activity.signup." + to.toLowerCase(),
          "activity",
          Long.toString(id),
          Long.toString(volunteerId));
      return new ActivityService.SignupView(Long.toString(volunteerId), s.name(), to, s.queuedAt());
    });
  }

  /** A place freed: the first on the waiting list takes it (pending again if the activity needs approval). */
  private static void moveUp(ActivityDao dao, ActivityDao.Row a, Instant now) {
    dao.firstWaiting(a.id())
        .ifPresent(w -> dao.setStatus(
            a.id(), w.volunteerId(), a.needsApproval() ? "PENDING" : "CONFIRMED", now));
  }

  private static void open(ActivityDao.Row a, Instant now) {
    if (!"OPEN".equals(a.status()) || !now.isBefore(a.startsAt())) {
      throw new AppException(ErrorCode.CONFLICT, "活动已经开始或已取消，不能报名");
    }
  }

  /** An activity asking for specialties takes volunteers with at least one of them. */
  private static boolean fits(ActivityDao.Row a, ActivityDao.Member m) {
    if (a.specialties().isEmpty()) {
      return true;
    }
    Set<String> hers = Set.copyOf(Arrays.asList(m.specialties().split(",")));
    return Arrays.stream(a.specialties().split(",")).anyMatch(hers::contains);
  }

  private static ActivityDao.Member admitted(ActivityDao dao, Caller volunteer) {
    ActivityDao.Member m = member(dao, volunteer);
    if (!"ADMITTED".equals(m.status())) {
      throw new AppException(ErrorCode.VOLUNTEER_STATE, "只有已准入的志愿者可以报名活动");
    }
    return m;
  }

  private static ActivityDao.Member member(ActivityDao dao, Caller volunteer) {
    return dao.member(volunteer.userId()).orElseThrow(() -> AppException.notFound("志愿者"));
  }
}
