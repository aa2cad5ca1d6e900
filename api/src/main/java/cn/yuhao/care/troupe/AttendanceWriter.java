package cn.yuhao.care.troupe;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.config.TroupeRules;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.troupe.SessionService.Scan;
import cn.yuhao.care.troupe.SessionService.ScanResult;
import cn.yuhao.care.troupe.SessionService.SessionRow;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes scans a group at a time: one transaction answers a whole group with a fixed number of statements (the
 * sessions unless read lately, the badges with their children's present marks, and earlier answers read set-wise,
 * then one multi-row insert each), so a burst of scans shares round trips and one commit. The answers are exactly
 * those of writing the scans one by one in order: a clientScanId answers what it answered the first time; a child
 * counts once per session. When another transaction wrote the same keys meanwhile (an insert's row count differs
 * from the plan), the group is rolled back and run again on a fresh snapshot, which sees that writer's rows.
 */
final class AttendanceWriter {
  /** A scan to write: live (window checked against the server's clock, refusals thrown) or synced offline. */
  record Item(Caller coach, long sessionId, Scan scan, boolean live) {}

  /** A scan's answer, or why a live scan was refused before anything was written for it. */
  record Outcome(ScanResult result, AppException refusal) {}

  /** A session and its troupe, as the access check needs them. */
  record Target(SessionRow session, TroupeAccess.Troupe troupe) {}

  record Badge(long troupeId, long childId, String alias, boolean revoked) {}

  record Earlier(String result, Long childId, boolean lateSync) {}

  record Key(long sessionId, String clientScanId) {}

  record Attendance(long sessionId, long childId) {}

  record AttendanceInsert(
      long sessionId,
      long childId,
      String status,
      Instant scannedAt,
      Instant recordedAt,
      long recordedBy,
      boolean lateSync) {}

  record ScanInsert(
      long sessionId,
      String clientScanId,
      String result,
      Long childId,
      Instant scannedAt,
      Instant receivedAt) {}

  /** Inserts that found rows the plan did not expect: a concurrent writer got there first. */
  static final class Conflict extends RuntimeException {
    Conflict() {
      super("attendance written concurrently", null, false, false);
    }
  }

  private static final int ATTEMPTS = 3;
  /** How long a session read stays in {@link #recent}; another instance's cancellation shows within this. */
  private static final Duration SESSION_TTL = Duration.ofSeconds(2);

  private final Jdbi jdbi;
  private final TroupeRules rules;
  private final Clock clock;
  private final AttendanceCounters counters;
  /**
   * Sessions read lately: a burst scans the same few hundred sessions, so most groups need not read them again.
   * A session changes only when cancelled, and this instance forgets it then ({@link #forget}); another instance
   * may still accept scans for up to {@link #SESSION_TTL} after, as its token cache may still accept a revoked
   * login.
   */
  private final Cache<Long, Target> recent =
      Caffeine.newBuilder().expireAfterWrite(SESSION_TTL).maximumSize(10_000).build();
  /** Counts {@link #forget} calls, so a read that overlapped a cancellation is not cached. */
  private final AtomicLong forgets = new AtomicLong();

  AttendanceWriter(Jdbi jdbi, TroupeRules rules, Clock clock, AttendanceCounters counters) {
    this.jdbi = jdbi;
    this.counters = counters;
    this.rules = rules;
    this.clock = clock;
  }

  /** The items' outcomes, in order, written in one transaction. */
  List<Outcome> write(List<Item> items) {
    for (int attempt = 1; ; attempt++) {
      // After a lost race the writers of these sessions take turns (the sessions' rows locked, in
      // id order),
      // so the next attempt cannot lose again however busy the machine is.
      boolean takeTurns = attempt > 1;
      try {
        return jdbi.inTransaction(h -> {
          if (takeTurns) {
            new AttendanceDao(h).lockSessions(items);
          }
          return write(h, items);
        });
      } catch (Conflict e) {
        if (attempt == ATTEMPTS) {
          throw new AppException(ErrorCode.BUSY, "扫码的人太多，请稍后用同一次扫码重试（不会重复记录）");
        }
      }
    }
  }

  /** The session was cancelled: the next scan reads it afresh. */
  void forget(long sessionId) {
    forgets.incrementAndGet();
    recent.invalidate(sessionId);
  }

  /** Why the caller may not scan at this session (null: she may): the rules of the live scan endpoint. */
  private static AppException refusal(Caller coach, Target t) {
    if (t == null) {
      return AppException.notFound("活动");
    }
    boolean coaches = TroupeAccess.coaches(coach, t.troupe());
    if (!coaches && !coach.adminScope().coversDistrict(t.troupe().districtCode())) {
      return AppException.notFound("活动");
    }
    if (!coaches) {
      return new AppException(ErrorCode.FORBIDDEN, "由本团教练扫码考勤");
    }
    if (!"SCHEDULED".equals(t.session().status())) {
      return new AppException(ErrorCode.SESSION_STATE, "活动已取消");
    }
    return null;
  }

  private Map<Long, Target> targets(Handle h, Set<Long> sessionIds) {
    Map<Long, Target> out = new HashMap<>(recent.getAllPresent(sessionIds));
    Set<Long> missing = new LinkedHashSet<>(sessionIds);
    missing.removeAll(out.keySet());
    if (!missing.isEmpty()) {
      long before = forgets.get();
      Map<Long, Target> read = new AttendanceDao(h).readTargets(missing);
      recent.putAll(read);
      if (forgets.get()
          != before) { // a cancellation came during the read: what was read may predate it
        recent.invalidateAll(read.keySet());
      }
      out.putAll(read);
    }
    return out;
  }

  private boolean withinWindow(SessionRow s, Instant t) {
    return !t.isBefore(s.startsAt().minus(rules.openBefore()))
        && !t.isAfter(s.startsAt().plus(rules.closeAfter()));
  }

  private List<Outcome> write(Handle h, List<Item> items) {
    Instant now = clock.instant();
    Set<Long> sessionIds = new LinkedHashSet<>();
    items.forEach(i -> sessionIds.add(i.sessionId()));
    Map<Long, Target> targets = targets(h, sessionIds);
    Outcome[] out = new Outcome[items.size()];
    List<Integer> open = screen(items, targets, now, out);
    if (!open.isEmpty()) {
      new Group(h, items, targets, now).write(open, out);
    }
    return List.of(out);
  }

  /**
   * Answers the scans that need no badge read (refused, or from a device clock in the future) into {@code out};
   * the indexes of the rest.
   */
  private List<Integer> screen(
      List<Item> items, Map<Long, Target> targets, Instant now, Outcome[] out) {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      Target t = targets.get(item.sessionId());
      AppException refused = refusal(item.coach(), t);
      if (refused == null && item.live() && !withinWindow(t.session(), now)) {
        refused = new AppException(
            ErrorCode.OUTSIDE_WINDOW,
            "现在不在这次活动的签到时间内（开始前 " + rules.openBefore().toMinutes() + " 分钟至开始后 "
                + rules.closeAfter().toMinutes() + " 分钟）");
      }
      if (refused != null) {
        out[i] = new Outcome(null, refused);
      } else if (!item.live()
          && item.scan().scannedAt().isAfter(now.plus(TroupeRules.FUTURE_TOLERANCE))) {
        out[i] = answer(item, "FUTURE_TIME", null, null, false);
      } else {
        open.add(i);
      }
    }
    return open;
  }

  /**
   * The open scans of one write: their badges, the children already present and the earlier answers read
   * set-wise up front; each scan decided in order against them (and against the scans before it in the group);
   * then the new rows inserted at once.
   */
  private final class Group {
    private final Handle h;
    private final AttendanceDao dao;
    private final List<Item> items;
    private final Map<Long, Target> targets;
    private final Instant now;
    private final Map<Attendance, Boolean> present = new HashMap<>();
    private final List<AttendanceInsert> attendance = new ArrayList<>();
    private final List<ScanInsert> scans = new ArrayList<>();
    private final Map<AttendanceCounters.Marks, Integer> counts = new HashMap<>();
    private String[] hashes;
    private Map<String, Badge> badges;
    private Map<Key, Earlier> earlier;

    Group(Handle h, List<Item> items, Map<Long, Target> targets, Instant now) {
      this.h = h;
      this.dao = new AttendanceDao(h);
      this.items = items;
      this.targets = targets;
      this.now = now;
    }

    void write(List<Integer> open, Outcome[] out) {
      hashes = new String[items.size()];
      open.forEach(i -> hashes[i] = RosterService.sha256(items.get(i).scan().badgeToken()));
      badges = dao.badges(
          open.stream().map(i -> hashes[i]).distinct().toList(),
          open.stream().map(i -> items.get(i).sessionId()).distinct().toList(),
          present);
      Set<Key> keys = new LinkedHashSet<>();
      for (int i : open) {
        keys.add(new Key(items.get(i).sessionId(), items.get(i).scan().clientScanId()));
      }
      earlier = dao.earlier(keys);
      for (int i : open) {
        out[i] = decide(i);
      }
      dao.insertAttendance(attendance);
      dao.insertScans(scans);
      counters.attendance(h, counts);
    }

    private Outcome decide(int i) {
      Item item = items.get(i);
      Scan scan = item.scan();
      SessionRow s = targets.get(item.sessionId()).session();
      Key key = new Key(s.id(), scan.clientScanId());
      Badge badge = badges.get(hashes[i]);
      Earlier before = earlier.get(key);
      String result;
      Long child = null;
      String alias = null;
      boolean late = false;
      if (!item.live() && !withinWindow(s, scan.scannedAt())) {
        result = "OUTSIDE_WINDOW";
      } else if (before != null) {
        boolean same =
            badge != null && before.childId() != null && before.childId() == badge.childId();
        return answer(
            item,
            "RECORDED".equals(before.result()) ? "ALREADY_RECORDED" : before.result(),
            before.childId(),
            same ? badge.alias() : null,
            before.lateSync());
      } else if (badge == null) {
        result = "UNKNOWN_BADGE";
      } else if (badge.troupeId() != s.troupeId()) {
        result = "OTHER_TROUPE";
      } else {
        child = badge.childId();
        alias = badge.alias();
        if (badge.revoked()) {
          result = "REVOKED";
        } else {
          late = Duration.between(scan.scannedAt(), now).compareTo(TroupeRules.LATE_SYNC) > 0;
          result = present(item, s, child, late);
        }
      }
      if (!earlier.containsKey(key)) {
        scans.add(
            new ScanInsert(s.id(), scan.clientScanId(), result, child, scan.scannedAt(), now));
        earlier.put(
            key,
            new Earlier(
                result,
                child,
                child != null && present.getOrDefault(new Attendance(s.id(), child), false)));
      }
      boolean counted = "RECORDED".equals(result) || "ALREADY_RECORDED".equals(result);
      return answer(item, result, child, alias, counted && late);
    }

    /** Marks the child present unless she is already; RECORDED or ALREADY_RECORDED. */
    private String present(Item item, SessionRow s, long child, boolean late) {
      Attendance a = new Attendance(s.id(), child);
      if (present.containsKey(a)) {
        return "ALREADY_RECORDED";
      }
      present.put(a, late);
      attendance.add(new AttendanceInsert(
          s.id(), child, "PRESENT", item.scan().scannedAt(), now, item.coach().userId(), late));
      counts.merge(
          new AttendanceCounters.Marks(s.districtCode(), s.startsAt(), "PRESENT"), 1, Integer::sum);
      return "RECORDED";
    }
  }

  private static Outcome answer(Item item, String result, Long child, String alias, boolean late) {
    return new Outcome(
        new ScanResult(
            item.scan().clientScanId(),
            result,
            child == null ? null : Long.toString(child),
            alias,
            late),
        null);
  }
}
