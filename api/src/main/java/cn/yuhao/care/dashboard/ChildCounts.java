package cn.yuhao.care.dashboard;

import cn.yuhao.care.child.ChildCounters;
import cn.yuhao.care.dashboard.Counts.Counter;
import cn.yuhao.care.dashboard.Counts.Deltas;
import cn.yuhao.care.dashboard.CountsDao.ChildState;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Children by district, status, category and care level, and those waiting for a pairing (see {@link Counts}). */
public final class ChildCounts implements ChildCounters {
  private static final int BULK_CHUNK = 1000;

  @Override
  public void childChanged(Handle h, long childId) {
    refresh(new CountsDao(h), childId, false);
  }

  /**
   * Not reading her (missing) state row matters: a locking read of a missing key locks the gap above the newest
   * ids, and concurrent registrations then deadlock.
   */
  @Override
  public void childCreated(Handle h, long childId) {
    refresh(new CountsDao(h), childId, true);
  }

  private static void refresh(CountsDao dao, long childId, boolean created) {
    ChildState now = dao.child(childId);
    Optional<ChildState> before = created ? Optional.empty() : dao.childCounted(childId);
    if (before.isPresent() && before.get().equals(now)) {
      return;
    }
    Deltas d = new Deltas();
    before.ifPresent(b -> count(d, b, -1));
    count(d, now, 1);
    dao.saveChild(childId, now);
    d.write(dao);
  }

  @Override
  public void childrenAdded(Handle h, List<Long> ids) {
    CountsDao dao = new CountsDao(h);
    for (int from = 0; from < ids.size(); from += BULK_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BULK_CHUNK));
      dao.saveChildren(chunk);
      Deltas d = new Deltas();
      dao.childrenCounted(chunk).forEach(c -> count(d, c, 1));
      d.write(dao);
    }
  }

  private static void count(Deltas d, ChildState c, int sign) {
    d.add(Counter.CHILDREN, sign, c.district(), c.status(), c.category(), c.careLevel());
    if (c.needing() && !c.paired()) {
      d.add(Counter.UNPAIRED, sign, c.district(), c.consented());
    }
  }
}
