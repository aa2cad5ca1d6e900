package cn.yuhao.care.audit;

import java.time.Instant;

/** One audit row as stored and as shown to a city admin. */
public record AuditEntry(
    long id,
    Instant at,
    Long actorUserId,
    String actorRole,
    String action,
    String targetType,
    String targetId,
    String requestId,
    String detail) {}
