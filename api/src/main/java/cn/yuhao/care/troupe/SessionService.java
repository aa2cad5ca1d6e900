package cn.yuhao.care.troupe;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.config.TroupeRules;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sessions of a troupe and the children's attendance. A coach scans a child's badge within the session window;
 * a child counts once however often she is scanned (the attendance key), and every scan is kept by the device's
 * clientScanId with the answer it got, so a batch sent twice changes nothing the second time.
 */
public final class SessionService implements AutoCloseable {
  static final Set<String> KINDS =
      Set.of("TRAINING", "PERFORMANCE", "RACE", "PUBLIC_SERVICE", "CAMP");
  static final int MAX_BATCH = 100;
  static final int MAX_WEEKS = 26;
  private static final Pattern CLIENT_SCAN_ID = Pattern.compile("[A-Za-z0-9_\\-]{8,64}");

  public record SessionInput(
      String kind,
      String title,
      Instant startsAt,
      Integer classHours,
      String place,
      Integer repeatWeeks) {}

  public record Session(
      String id,
      String troupeId,
      String kind,
      String title,
      Instant startsAt,
      Instant endsAt,
      int classHours,
      String place,
      String seriesId,
      String status,
      String cancelReason) {}

  public record Scan(String badgeToken, Instant scannedAt, String clientScanId) {}

  public record Batch(List<Scan> scans) {}

  /** The answer to one scan: RECORDED, ALREADY_RECORDED, or why it did not count. */
  public record ScanResult(
      String clientScanId, String result, String childId, String alias, boolean lateSync) {}

  public record Mark(String status, String note) {}

  public record AttendanceRow(
      String childId,
      String name,
      String status,
      Instant scannedAt,
      boolean lateSync,
      String note) {}

  /** How long a live scan may take to arrive (a phone retrying on a bad network) before it is refused. */
  static final java.time.Duration LIVE_LAG = java.time.Duration.ofMinutes(10);

  record SessionRow(
      long id,
      long troupeId,
      String districtCode,
      String status,
      Instant startsAt,
      Instant endsAt,
      int classHours) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final AttendanceCounters counters;
  private final AttendanceWriter writer;
  private final ScanQueue queue;

  public SessionService(
      Jdbi jdbi, AuditLog audit, TroupeRules rules, Clock clock, AttendanceCounters counters) {
    this.jdbi = jdbi;
    this.counters = counters;
    this.audit = audit;
    this.clock = clock;
    this.writer = new AttendanceWriter(jdbi, rules, clock, counters);
    this.queue = new ScanQueue(writer);
  }

  /** Writes the live scans still waiting, then takes no more. */
  @Override
  public void close() throws InterruptedException {
    queue.close();
  }

  /** One session, or a weekly series of {@code repeatWeeks} for a term. */
  public List<Session> create(Caller caller, long troupeId, SessionInput in) {
    int hours = in.classHours() == null ? 2 : in.classHours();
    int weeks = in.repeatWeeks() == null ? 1 : in.repeatWeeks();
    new Fields()
        .require("kind", in.kind())
        .require("title", in.title())
        .require("startsAt", in.startsAt())
        .require("place", in.place())
        .check(in.kind(), in.kind() == null || KINDS.contains(in.kind()), "kind", "没有这种活动类型")
        .maxLength("title", in.title(), 64)
        .maxLength("place", in.place(), 100)
        .check(hours, hours >= 1 && hours <= 8, "classHours", "课时应为 1 到 8")
        .check(weeks, weeks >= 1 && weeks <= MAX_WEEKS, "repeatWeeks", "每周重复的周数应为 1 到 " + MAX_WEEKS)
        .check(
            in.startsAt(),
            in.startsAt() == null
                || in.startsAt().isAfter(clock.instant().minus(Duration.ofDays(1))),
            "startsAt",
            "不能补建一天以前的活动")
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      TroupeAccess.Troupe t = TroupeAccess.approvedForStaff(h, caller, troupeId);
      Long series = weeks > 1 ? Ids.next() : null;
      List<Session> out = new ArrayList<>();
      for (int w = 0; w < weeks; w++) {
        long id = Ids.next();
        Instant start = in.startsAt().plus(Duration.ofDays(7L * w));
        new SessionDao(h).insert(id, t, in, start, hours, series, caller.userId(), clock.instant());
        counters.session(h, t.districtCode(), start, "SCHEDULED", hours, 1);
        out.add(view(h, id));
      }
      audit.record(
          h, caller, "session.create", "troupe", Long.toString(t.id()), weeks + " × " + in.kind());
      return out;
    });
  }

  /** The troupe's sessions in [from, to) (a year either side of today when absent), soonest first. */
  public cn.yuhao.care.http.Page<Session> list(
      Caller caller,
      long troupeId,
      Instant from,
      Instant to,
      cn.yuhao.care.http.TimeCursor after,
      int limit) {
    Instant now = clock.instant();
    Instant start = from == null ? now.minus(Duration.ofDays(366)) : from;
    Instant end = to == null ? now.plus(Duration.ofDays(366)) : to;
    return jdbi.withHandle(h -> {
      TroupeAccess.Troupe t = TroupeAccess.forStaff(h, caller, troupeId);
      List<SessionDao.SessionRef> refs =
          new SessionDao(h).between(t.id(), start, end, after, limit + 1);
      String next = null;
      if (refs.size() > limit) {
        SessionDao.SessionRef last = refs.get(limit - 1);
        next = cn.yuhao.care.http.TimeCursor.of(last.startsAt(), last.id());
      }
      return new cn.yuhao.care.http.Page<>(
          refs.stream().limit(limit).map(r -> view(h, r.id())).toList(), next);
    });
  }

  public Session cancel(Caller caller, long id, String reason) {
    new Fields().require("reason", reason).maxLength("reason", reason, 200).throwIfAny();
    Session cancelled = jdbi.inTransaction(h -> {
      SessionRow s = session(h, caller, id);
      boolean cancelledNow = new SessionDao(h).cancel(s.id(), reason.strip());
      if (!cancelledNow) {
        throw new AppException(ErrorCode.SESSION_STATE, "活动已经取消");
      }
      counters.session(h, s.districtCode(), s.startsAt(), "SCHEDULED", s.classHours(), -1);
      counters.session(h, s.districtCode(), s.startsAt(), "CANCELLED", s.classHours(), 1);
      audit.record(h, caller, "session.cancel", "session", Long.toString(s.id()), reason.strip());
      return view(h, s.id());
    });
    writer.forget(id); // before the coach hears of it: her next scan reads the cancellation
    return cancelled;
  }

  static java.util.Optional<SessionRow> find(Handle h, long id) {
    return new SessionDao(h).find(id);
  }

  /** A session of a troupe the caller coaches or administers; 404 otherwise. */
  static SessionRow session(Handle h, Caller caller, long id) {
    SessionRow s = find(h, id).orElseThrow(() -> AppException.notFound("活动"));
    try {
      TroupeAccess.forStaff(h, caller, s.troupeId());
    } catch (AppException e) {
      throw AppException.notFound("活动");
    }
    return s;
  }

  /**
   * A coach's live scan: counted if the badge is this troupe's, current, and now is within the window. Written
   * together with the scans arriving meanwhile (see {@link ScanQueue}).
   */
  public ScanResult scan(Caller coach, long sessionId, Scan in) {
    validateScan(new Fields(), "", in).throwIfAny();
    // A live scan happens now: a phone time far from the server's is a wrong clock or an old scan
    // that belongs
    // in the offline batch, where lateness is flagged; stored as given it would misdate the
    // attendance.
    Instant now = clock.instant();
    if (in.scannedAt().isAfter(now.plus(TroupeRules.FUTURE_TOLERANCE))
        || in.scannedAt().isBefore(now.minus(LIVE_LAG))) {
      throw AppException.invalid(
          "scannedAt", "扫码时间与服务器时间相差超过 " + LIVE_LAG.toMinutes() + " 分钟：请校准手机时间；没有网络时扫的码请用离线同步上传");
    }
    AttendanceWriter.Outcome o =
        queue.submit(new AttendanceWriter.Item(coach, sessionId, in, true));
    if (o.refusal() != null) {
      throw o.refusal();
    }
    ScanResult r = o.result();
    switch (r.result()) {
      case "UNKNOWN_BADGE" ->
        throw new AppException(ErrorCode.BADGE_UNKNOWN, "无法识别这张胸卡，请确认是本项目的胸卡");
      case "OTHER_TROUPE" -> throw new AppException(ErrorCode.BADGE_OTHER_TROUPE, "这是其他团队的胸卡");
      case "REVOKED" -> throw new AppException(ErrorCode.BADGE_REVOKED, "这张胸卡已作废，请使用新补发的胸卡");
      default -> {
        return r;
      }
    }
  }

  /**
   * Scans made offline, synced later: each answered on its own (window checked against the device's time), the
   * batch never fails as a whole, and all of it is written in one transaction.
   */
  public List<ScanResult> batch(Caller coach, long sessionId, Batch in) {
    Fields f = new Fields().require("scans", in.scans());
    if (in.scans() != null) {
      if (in.scans().isEmpty() || in.scans().size() > MAX_BATCH) {
        f.fail("scans", "每批 1 到 " + MAX_BATCH + " 条");
      }
      for (int i = 0; i < in.scans().size(); i++) {
        validateScan(f, "scans[" + i + "].", in.scans().get(i));
      }
    }
    f.throwIfAny();
    List<AttendanceWriter.Outcome> outcomes = writer.write(in.scans().stream()
        .map(scan -> new AttendanceWriter.Item(coach, sessionId, scan, false))
        .toList());
    List<ScanResult> out = new ArrayList<>();
    for (AttendanceWriter.Outcome o : outcomes) {
      if (o.refusal() != null) {
        throw o.refusal(); // not her session, or cancelled: every scan is refused alike, none was
        // written
      }
      out.add(o.result());
    }
    return out;
  }

  private static Fields validateScan(Fields f, String prefix, Scan in) {
    return f.require(prefix + "badgeToken", in.badgeToken())
        .require(prefix + "scannedAt", in.scannedAt())
        .require(prefix + "clientScanId", in.clientScanId())
        .maxLength(prefix + "badgeToken", in.badgeToken(), 64)
        .check(
            in.clientScanId(),
            in.clientScanId() == null
                || CLIENT_SCAN_ID.matcher(in.clientScanId()).matches(),
            prefix + "clientScanId",
            "应为 8–64 位字母、数字、- 或 _");
  }

  /** The coach marks a child absent or excused, or corrects a mistaken scan; audited with the reason. */
  public AttendanceRow mark(Caller coach, long sessionId, long childId, Mark in) {
    new Fields()
        .require("status", in.status())
        .check(
            in.status(),
            in.status() == null || Set.of("PRESENT", "ABSENT", "EXCUSED").contains(in.status()),
            "status",
            "状态应为 PRESENT、ABSENT 或 EXCUSED")
        .maxLength("note", in.note(), 200)
        .throwIfAny();
    return jdbi.inTransaction(h -> {
      SessionRow s = session(h, coach, sessionId);
      TroupeAccess.Troupe t = TroupeAccess.find(h, s.troupeId());
      if (!TroupeAccess.coaches(coach, t) && !coach.adminScope().coversDistrict(t.districtCode())) {
        throw new AppException(ErrorCode.FORBIDDEN, "由本团教练或区县管理员修改考勤");
      }
      SessionDao dao = new SessionDao(h);
      if (!dao.everMember(t.id(), childId)) {
        throw AppException.notFound("团员");
      }
      Instant now = clock.instant();
      // Locked, so a scan written meanwhile cannot slip between this read and the counters below.
      String before = dao.statusForUpdate(s.id(), childId).orElse("UNMARKED");
      dao.mark(
          s.id(),
          childId,
          in.status(),
          in.note() == null ? null : in.note().strip(),
          coach.userId(),
          now);
      Map<AttendanceCounters.Marks, Integer> counts = new HashMap<>();
      if (!"UNMARKED".equals(before)) {
        counts.merge(
            new AttendanceCounters.Marks(s.districtCode(), s.startsAt(), before), -1, Integer::sum);
      }
      counts.merge(
          new AttendanceCounters.Marks(s.districtCode(), s.startsAt(), in.status()),
          1,
          Integer::sum);
      counters.attendance(h, counts);
      audit.record(
          h,
          coach,
          "attendance.mark",
          "session",
          Long.toString(s.id()),
          childId + " " + before + " → " + in.status()
              + (in.note() == null ? "" : "：" + in.note().strip()));
      return attendance(h, s).stream()
          .filter(a -> a.childId().equals(Long.toString(childId)))
          .findFirst()
          .orElseThrow();
    });
  }

  /** Every rostered child with her status at the session (UNMARKED when not scanned or marked). */
  public List<AttendanceRow> attendance(Caller caller, long sessionId) {
    return jdbi.withHandle(h -> attendance(h, session(h, caller, sessionId)));
  }

  private static List<AttendanceRow> attendance(Handle h, SessionRow s) {
    return new SessionDao(h).attendance(s.id(), s.troupeId());
  }

  static Session view(Handle h, long id) {
    return new SessionDao(h).view(id);
  }
}
