package cn.yuhao.care.pairing;

import cn.yuhao.care.auth.Caller;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The district's children waiting for a pairing (待结对), longest waiting first, with why they wait. */
public final class PairingQueue {
  public record QueueItem(
      String childId,
      String name,
      String districtCode,
      String street,
      String careLevel,
      List<String> needs,
      List<String> riskFlags,
      boolean consentCurrent,
      Instant waitingSince,
      String lastEndReason) {}

  public record Queue(List<QueueItem> items, String nextCursor) {}

  private final Jdbi jdbi;

  public PairingQueue(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Queue queue(Caller admin, String districtCode, long before, int limit) {
    List<PairingDao.QueueRow> rows = jdbi.withHandle(
        h -> new PairingDao(h).queue(admin.adminScope(), districtCode, before, limit + 1));
    List<QueueItem> items = rows.stream()
        .limit(limit)
        .map(r -> new QueueItem(
            Long.toString(r.childId()),
            r.name(),
            r.districtCode(),
            r.street(),
            r.careLevel(),
            PairingService.split(r.needs()),
            PairingService.split(r.riskFlags()),
            r.consentCurrent(),
            r.waitingSince(),
            r.lastEndReason()))
        .toList();
    return new Queue(items, rows.size() > limit ? items.get(items.size() - 1).childId() : null);
  }
}
