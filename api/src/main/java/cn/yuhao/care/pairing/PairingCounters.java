package cn.yuhao.care.pairing;

import org.jdbi.v3.core.Handle;

/** What the pairing services tell the dashboard after they write, in the same transaction; see ChildCounters. */
public interface PairingCounters {
  /** A pairing was just inserted. */
  void pairingCreated(Handle h, long pairingId);

  /** A pairing changed (ended, moved): its counts, its 6+1 tallies and its child follow. */
  void pairingChanged(Handle h, long pairingId);
}
