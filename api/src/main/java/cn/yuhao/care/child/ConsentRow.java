package cn.yuhao.care.child;

import java.time.Instant;

/** A guardian's consent as stored. */
public record ConsentRow(
    long id,
    long childId,
    String guardianName,
    String relation,
    String method,
    Instant signedAt,
    String scope,
    String version,
    Instant recordedAt,
    Instant withdrawnAt,
    String withdrawReason) {}
