package cn.yuhao.care.dashboard;

import cn.yuhao.care.checklist.CareCounters;
import cn.yuhao.care.checklist.CareItem;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.dashboard.Counts.Counter;
import cn.yuhao.care.dashboard.Counts.Deltas;
import cn.yuhao.care.dashboard.CountsDao.Latest;
import cn.yuhao.care.dashboard.CountsDao.PairingState;
import cn.yuhao.care.dashboard.CountsDao.Record;
import cn.yuhao.care.dashboard.VolunteerCountsDao.Activity;
import cn.yuhao.care.points.PointsCounters;
import cn.yuhao.care.troupe.AttendanceCounters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The weekly activity counters (care records, attendance marks, sessions, points), each pairing's latest records and 6+1
 * periods with the districts' "done" tallies, and each volunteer's latest care record (see {@link Counts}).
 */
public final class ActivityCounts implements CareCounters, AttendanceCounters, PointsCounters {
  private final CarePeriods periods;

  public ActivityCounts(CarePeriods periods) {
    this.periods = periods;
  }

  @Override
  public void booked(Handle h, long transactionId, Instant bookedAt, Figure figure, long amount) {
    if (amount != 0) {
      new CountsDao(h).addPoints(transactionId, Counts.week(bookedAt), figure.name(), amount);
    }
  }

  @Override
  public void attendance(Handle h, Map<Marks, Integer> deltas) {
    Deltas d = new Deltas();
    deltas.forEach((k, n) -> d.add(
        Counter.ATTENDANCE_WEEKLY,
        n,
        k.districtCode(),
        Counts.week(k.sessionStartsAt()),
        k.status()));
    d.write(new CountsDao(h));
  }

  @Override
  public void session(
      Handle h, String districtCode, Instant startsAt, String status, int classHours, int delta) {
    new Deltas()
        .add(
            Counter.SESSION_WEEKLY,
            new long[] {delta, (long) delta * classHours},
            districtCode,
            Counts.week(startsAt),
            status)
        .write(new CountsDao(h));
  }

  @Override
  public void careRecordWritten(Handle h, long recordId, String oldKind, Instant oldOccurredAt) {
    CountsDao dao = new CountsDao(h);
    Record r = dao.careRecord(recordId);
    Deltas d = new Deltas();
    if (oldKind != null) {
      d.add(
          Counter.CARE_WEEKLY,
          Counts.careDelta(oldKind, -1),
          r.district(),
          Counts.week(oldOccurredAt));
    }
    d.add(
        Counter.CARE_WEEKLY,
        Counts.careDelta(r.kind(), 1),
        r.district(),
        Counts.week(r.occurredAt()));
    Set<String> kinds = new LinkedHashSet<>();
    kinds.add(r.kind());
    if (oldKind != null) {
      kinds.add(oldKind);
    }
    if (kinds.stream().anyMatch(Counts.CONTACT_KINDS::contains)) {
      kinds.add(Counts.ANY_CONTACT);
    }
    PairingState p = dao.pairing(r.pairingId()).state();
    for (String kind : kinds) {
      latest(dao, d, r.pairingId(), p, kind);
      CareItem item = CareItem.ofKind(kind);
      if (item != null && item.cadence() != CareItem.Cadence.CONTINUOUS) {
        periods(dao, d, r.pairingId(), p, item);
      }
    }
    activity(h, d, r.volunteerId());
    d.write(dao);
  }

  /** The pairing's latest record of a kind (or of any contact). */
  private static void latest(CountsDao dao, Deltas d, long pairingId, PairingState p, String kind) {
    List<String> kinds = Counts.ANY_CONTACT.equals(kind) ? Counts.CONTACT_KINDS : List.of(kind);
    Instant last = dao.lastRecord(pairingId, kinds);
    Optional<Latest> before = dao.latestCounted(pairingId, kind);
    if (Counts.ANY_CONTACT.equals(kind)) {
      before
          .filter(Latest::counted)
          .ifPresent(
              b -> d.add(Counter.CONTACT_DAYS, -1, b.district(), CarePeriods.day(b.lastAt())));
      if (last != null && p.counted()) {
        d.add(Counter.CONTACT_DAYS, 1, p.district(), CarePeriods.day(last));
      }
    }
    if (last == null) {
      dao.deleteLatest(pairingId, kind);
    } else {
      dao.saveLatest(pairingId, kind, p, last);
    }
  }

  /** The 6+1 periods of an item the pairing has a record in, and the districts' "done" tallies. */
  private void periods(CountsDao dao, Deltas d, long pairingId, PairingState p, CareItem item) {
    Set<LocalDate> now = new HashSet<>();
    dao.recordTimes(pairingId, item.name())
        .forEach(t -> now.add(periods.of(item.cadence(), CarePeriods.day(t)).start()));
    Set<LocalDate> before = dao.periodsCounted(pairingId, item.name());
    for (LocalDate gone : before) {
      if (!now.contains(gone)) {
        dao.deletePeriod(pairingId, item.name(), gone);
        if (p.counted()) {
          d.add(Counter.DONE, -1, item.name(), gone, p.district());
        }
      }
    }
    for (LocalDate added : now) {
      if (!before.contains(added)) {
        dao.insertPeriod(pairingId, item.name(), added);
        if (p.counted()) {
          d.add(Counter.DONE, 1, item.name(), added, p.district());
        }
      }
    }
  }

  /** The volunteer's latest care record, by her district, and the days tally of it. */
  private static void activity(Handle h, Deltas d, long volunteerId) {
    VolunteerCountsDao dao = new VolunteerCountsDao(h);
    Optional<Activity> now = dao.activity(volunteerId);
    Optional<Activity> before = dao.activityCounted(volunteerId);
    if (now.equals(before)) {
      return;
    }
    before.ifPresent(b -> d.add(Counter.ACTIVE_DAYS, -1, b.district(), CarePeriods.day(b.last())));
    now.ifPresentOrElse(
        a -> {
          d.add(Counter.ACTIVE_DAYS, 1, a.district(), CarePeriods.day(a.last()));
          dao.saveActivity(volunteerId, a);
        },
        () -> dao.deleteActivity(volunteerId));
  }
}
