package cn.yuhao.care.checklist;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** What the care-record service tells the dashboard after it writes, in the same transaction; see ChildCounters. */
public interface CareCounters {
  /**
   * A care record was inserted ({@code oldKind} null) or corrected from {@code oldKind} at {@code oldOccurredAt}:
   * the weekly counts, the pairing's latest records and 6+1 periods, and its author's activity follow.
   */
  void careRecordWritten(Handle h, long recordId, String oldKind, Instant oldOccurredAt);
}
