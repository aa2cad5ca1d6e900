package cn.yuhao.care.audit;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for the append-only audit log. There is deliberately no UPDATE or DELETE here. */
final class AuditDao {
  private final Handle h;

  AuditDao(Handle h) {
    this.h = h;
  }

  void insert(
      long id,
      Instant at,
      Long actorUserId,
      String actorRole,
      String action,
      String targetType,
      String targetId,
      String requestId,
      String detail) {
    h.createUpdate("""
            INSERT INTO audit_log (id, at, actor_user_id, actor_role, action, target_type, target_id, request_id, detail)
            VALUES (:id, :at, :actorUserId, :actorRole, :action, :targetType, :targetId, :requestId, :detail)
            """)
        .bind("id", id)
        .bind("at", at)
        .bind("actorUserId", actorUserId)
        .bind("actorRole", actorRole)
        .bind("action", action)
        .bind("targetType", targetType)
        .bind("targetId", targetId)
        .bind("requestId", requestId)
        .bind("detail", detail)
        .execute();
  }

  /** Newest first, keyset-paged by id (ids are time-ordered). */
  List<AuditEntry> find(
      String targetType, String targetId, Long actorUserId, long before, int limit) {
    return h.createQuery("""
            SELECT id, at, actor_user_id, actor_role, action, target_type, target_id, request_id, detail
            FROM audit_log
            WHERE (:targetType IS NULL OR target_type = :targetType)
              AND (:targetId IS NULL OR target_id = :targetId)
              AND (:actorUserId IS NULL OR actor_user_id = :actorUserId)
              AND id < :before
            ORDER BY id DESC
            LIMIT :limit
            """)
        .bind("targetType", targetType)
        .bind("targetId", targetId)
        .bind("actorUserId", actorUserId)
        .bind("before", before)
        .bind("limit", limit)
        .mapTo(AuditEntry.class)
        .list();
  }
}
