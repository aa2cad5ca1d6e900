package cn.yuhao.care.checklist;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.FieldCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The child director (儿童主任, 民政 2号): named for a child by the district admin, she contacts the child every
 * month and visits her home every quarter, and records both here. Any user can be named; the naming is what
 * lets her see the child, and only that child. Counted in the care compliance beside the volunteers' 6+1.
 */
public final class DirectorService {
  static final Set<String> KINDS = Set.of("CONTACT", "HOME_VISIT");

  public record NameInput(String userId) {}

  public record Named(String childId, String userId, Instant namedAt) {}

  public record RecordInput(String kind, Instant occurredAt, String summary) {}

  public record Recorded(String id, String childId, String kind, Instant occurredAt) {}

  public record MyChild(
      String childId,
      String name,
      int age,
      String street,
      boolean contactedThisMonth,
      boolean visitedThisQuarter,
      Instant lastContact) {}

  /** The compliance figures: named directors, and how many of their children were contacted and visited. */
  public record Figures(int named, int contactedThisMonth, int visitedThisQuarter) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Clock clock;

  public DirectorService(Jdbi jdbi, FieldCipher cipher, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  /** Names (or replaces) the child's director: an admin of her district. */
  public Named name(Caller admin, long childId, NameInput in) {
    long userId = cn.yuhao.care.db.Ids.parseOr(in.userId(), -1);
    new Fields().require("userId", in.userId()).throwIfAny();
    return jdbi.inTransaction(h -> {
      DirectorDao dao = new DirectorDao(h);
      DirectorDao.Child c =
          dao.child(childId, admin.adminScope()).orElseThrow(() -> AppException.notFound("儿童"));
      if (!admin.adminScope().coversDistrict(c.districtCode())) {
        throw new AppException(cn.yuhao.care.http.ErrorCode.FORBIDDEN, "儿童主任由区县或市级管理员指定");
      }
      if (!dao.activeUser(userId)) {
        throw AppException.invalid("userId", "没有这个用户，或账号已停用");
      }
      Instant now = clock.instant();
      dao.name(childId, userId, admin.userId(), now);
      audit.record(
          h, admin, "child.director", "child", Long.toString(childId), Long.toString(userId));
      return new Named(Long.toString(childId), Long.toString(userId), now);
    });
  }

  public List<MyChild> mine(Caller director) {
    Instant month = CarePeriods.monthStart(clock.instant());
    Instant quarter = CarePeriods.quarterStart(clock.instant());
    LocalDate today = CarePeriods.day(clock.instant());
    return jdbi.withHandle(h -> new DirectorDao(h)
        .mine(director.userId()).stream()
            .map(c -> new MyChild(
                Long.toString(c.childId()),
                c.name(),
                Period.between(c.birthDate(), today).getYears(),
                c.street(),
                c.lastContact() != null && !c.lastContact().isBefore(month),
                c.lastVisit() != null && !c.lastVisit().isBefore(quarter),
                c.lastContact()))
            .toList());
  }

  public Recorded record(Caller director, long childId, RecordInput in) {
    Instant now = clock.instant();
    new Fields()
        .require("kind", in.kind())
        .check(in.kind(), KINDS.contains(in.kind()), "kind", "应为 CONTACT（联系）或 HOME_VISIT（入户走访）")
        .require("occurredAt", in.occurredAt())
        .check(
            in.occurredAt(),
            in.occurredAt() == null
                || (!in.occurredAt().isAfter(now.plusSeconds(300))
                    && in.occurredAt().isAfter(now.minus(java.time.Duration.ofDays(60)))),
            "occurredAt",
            "时间应在最近 60 天内，且不晚于现在")
        .require("summary", in.summary())
        .maxLength("summary", in.summary(), 500)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      DirectorDao dao = new DirectorDao(h);
      DirectorDao.Child c = dao.childOfDirector(childId, director.userId())
          .orElseThrow(() -> AppException.notFound("儿童"));
      long id = Ids.next();
      dao.record(
          id,
          c,
          director.userId(),
          in.kind(),
          in.occurredAt(),
          cipher.encrypt(in.summary().strip(), "director_records.summary"),
          now);
      audit.record(h, director, "director.record", "child", Long.toString(childId), in.kind());
      return new Recorded(Long.toString(id), Long.toString(childId), in.kind(), in.occurredAt());
    });
  }

  /** For the compliance page: this month's contacts and this quarter's visits of named directors. */
  static Figures figures(Handle h, Scope scope, String districtCode, String street, Instant now) {
    DirectorDao.Figures f = new DirectorDao(h)
        .figures(
            scope,
            districtCode,
            street,
            CarePeriods.monthStart(now),
            CarePeriods.quarterStart(now));
    return new Figures(f.named(), f.contacted(), f.visited());
  }
}
