package cn.yuhao.care.audit;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the append-only audit log. There is deliberately no UPDATE or DELETE here. */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {

  @SqlUpdate("""
      INSERT INTO audit_log (id, at, actor_user_id, actor_role, action, target_type, target_id, request_id, detail)
      VALUES (:id, :at, :actorUserId, :actorRole, :action, :targetType, :targetId, :requestId, :detail)
      """)
  void insert(@Bind("id") long id, @Bind("at") Instant at, @Bind("actorUserId") Long actorUserId,
              @Bind("actorRole") String actorRole, @Bind("action") String action,
              @Bind("targetType") String targetType, @Bind("targetId") String targetId,
              @Bind("requestId") String requestId, @Bind("detail") String detail);

  /** Newest first, keyset-paged by id (ids are time-ordered). */
  @SqlQuery("""
      SELECT id, at, actor_user_id, actor_role, action, target_type, target_id, request_id, detail
      FROM audit_log
      WHERE (:targetType IS NULL OR target_type = :targetType)
        AND (:targetId IS NULL OR target_id = :targetId)
        AND (:actorUserId IS NULL OR actor_user_id = :actorUserId)
        AND id < :before
      ORDER BY id DESC
      LIMIT :limit
      """)
  List<AuditEntry> find(@Bind("targetType") String targetType, @Bind("targetId") String targetId,
                        @Bind("actorUserId") Long actorUserId, @Bind("before") long before,
                        @Bind("limit") int limit);
}
