package cn.yuhao.care.child;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What the child services tell the dashboard after they write, in the same transaction ({@code h}); the dashboard
 * implements it. Called by services, never by a DAO, so a write has no hidden side effect.
 */
public interface ChildCounters {
  /** A child was just inserted: nothing was counted for her yet. */
  void childCreated(Handle h, long childId);

  /** A child, her consents or her pairings changed: her counts and waiting state follow. */
  void childChanged(Handle h, long childId);

  /** Children just inserted in bulk (the ledger import). */
  void childrenAdded(Handle h, List<Long> childIds);
}
