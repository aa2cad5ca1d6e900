package cn.yuhao.care.pairing;

import cn.yuhao.care.child.ChildPairings;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Pairings that end because of a change elsewhere: a child leaving care or moving, a volunteer suspended or
 * exiting. Each ended pairing is counted again on the dashboard, in the caller's transaction.
 */
public final class PairingEndings implements ChildPairings {
  private final PairingCounters counters;

  public PairingEndings(PairingCounters counters) {
    this.counters = counters;
  }

  @Override
  public void endAll(Handle h, long childId, String reason, Long by, Instant now) {
    new PairingDao(h)
        .endAllOfChild(childId, reason, by, now)
        .forEach(id -> counters.pairingChanged(h, id));
  }

  @Override
  public void relocate(Handle h, long childId, String districtCode, String street) {
    new PairingDao(h).relocate(childId, districtCode, street);
  }

  /**
   * A volunteer suspended or exited: the pairings she leads end (her children go back to the queue at once) and
   * she leaves the case teams she was a member of.
   */
  public void endAllOfVolunteer(Handle h, long volunteerId, String reason, Long by, Instant now) {
    new PairingDao(h)
        .endAllOfVolunteer(volunteerId, reason, by, now)
        .forEach(id -> counters.pairingChanged(h, id));
  }
}
