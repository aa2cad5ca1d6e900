package cn.yuhao.care.dashboard;

import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.child.ChildCounters;
import cn.yuhao.care.dashboard.Counts.Counter;
import cn.yuhao.care.dashboard.Counts.Deltas;
import cn.yuhao.care.dashboard.CountsDao.PairingNow;
import cn.yuhao.care.dashboard.CountsDao.PairingState;
import cn.yuhao.care.pairing.PairingCounters;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Pairings by district, status, purpose and mode; when a pairing starts or stops counting for the 6+1 tallies,
 * its latest contact and done periods move with it; its child's waiting state follows (see {@link Counts}).
 */
public final class PairingCounts implements PairingCounters {
  private final ChildCounters children;

  public PairingCounts(ChildCounters children) {
    this.children = children;
  }

  @Override
  public void pairingChanged(Handle h, long pairingId) {
    refresh(h, pairingId, false);
  }

  /** A pairing was just inserted (see {@link ChildCounts#childCreated} for why its missing state is not read). */
  @Override
  public void pairingCreated(Handle h, long pairingId) {
    refresh(h, pairingId, true);
  }

  private void refresh(Handle h, long pairingId, boolean created) {
    CountsDao dao = new CountsDao(h);
    PairingNow now = dao.pairing(pairingId);
    PairingState after = now.state();
    Optional<PairingState> before = created ? Optional.empty() : dao.pairingCounted(pairingId);
    if (before.isEmpty() || !before.get().equals(after)) {
      Deltas d = new Deltas();
      before.ifPresent(
          b -> d.add(Counter.PAIRINGS, -1, b.district(), b.status(), b.purpose(), b.mode()));
      d.add(Counter.PAIRINGS, 1, after.district(), after.status(), after.purpose(), after.mode());
      boolean was = before.map(PairingState::counted).orElse(false);
      String wasIn = before.map(PairingState::district).orElse(null);
      if (was != after.counted()
          || !after.district().equals(wasIn)
          || !after.startedAt().equals(before.map(PairingState::startedAt).orElse(null))) {
        moveTallies(dao, d, pairingId, after, was, wasIn);
      }
      dao.savePairing(pairingId, after);
      d.write(dao);
    }
    children.childChanged(h, now.childId());
  }

  private static void moveTallies(
      CountsDao dao, Deltas d, long pairingId, PairingState after, boolean was, String wasIn) {
    dao.moveLatest(pairingId, after);
    dao.lastContact(pairingId).ifPresent(last -> {
      if (was) {
        d.add(Counter.CONTACT_DAYS, -1, wasIn, CarePeriods.day(last));
      }
      if (after.counted()) {
        d.add(Counter.CONTACT_DAYS, 1, after.district(), CarePeriods.day(last));
      }
    });
    dao.periodsDone(pairingId).forEach(p -> {
      if (was) {
        d.add(Counter.DONE, -1, p.getKey(), p.getValue(), wasIn);
      }
      if (after.counted()) {
        d.add(Counter.DONE, 1, p.getKey(), p.getValue(), after.district());
      }
    });
  }
}
