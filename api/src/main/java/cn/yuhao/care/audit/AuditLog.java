package cn.yuhao.care.audit;

import cn.yuhao.care.db.Ids;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes and reads the audit log. Changes are audited inside the caller's transaction (pass its handle),
 * so a change and its audit row land together or not at all.
 */
public final class AuditLog {
  private final Jdbi jdbi;
  private final Clock clock;

  public AuditLog(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public void record(
      Handle handle,
      Actor actor,
      String action,
      String targetType,
      String targetId,
      String detail) {
    new AuditDao(handle)
        .insert(
            Ids.next(),
            clock.instant(),
            actor == null ? null : actor.userId(),
            actor == null ? "SYSTEM" : actor.primaryRole(),
            action,
            targetType,
            targetId,
            actor == null ? null : actor.requestId(),
            truncate(detail));
  }

  /** For reads of sensitive fields, which have no transaction of their own. */
  public void recordRead(
      Actor actor, String action, String targetType, String targetId, String detail) {
    jdbi.useHandle(h -> record(h, actor, action, targetType, targetId, detail));
  }

  public List<AuditEntry> find(
      String targetType, String targetId, Long actorUserId, long before, int limit) {
    return jdbi.withHandle(
        h -> new AuditDao(h).find(targetType, targetId, actorUserId, before, limit));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
