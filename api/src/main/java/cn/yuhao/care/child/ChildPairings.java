package cn.yuhao.care.child;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * What a change to a child's ledger record means for her pairings, in the same transaction ({@code h}). The
 * pairing feature implements it, so the ledger does not reach into pairing's tables.
 */
public interface ChildPairings {
  /** Her active pairings end (moved away, closed, aged out, consent withdrawn). */
  void endAll(Handle h, long childId, String reason, Long by, Instant now);

  /** Pairings are scoped by the child's place; they follow her, so the history stays with her ledger record. */
  void relocate(Handle h, long childId, String districtCode, String street);
}
