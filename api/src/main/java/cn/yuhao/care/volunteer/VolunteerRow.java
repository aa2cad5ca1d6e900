package cn.yuhao.care.volunteer;

import java.time.Instant;

/** A volunteers row as stored (phone and home point still encrypted, specialties comma-joined). */
public record VolunteerRow(
    long id,
    long userId,
    String realName,
    String phoneEnc,
    String districtCode,
    String street,
    String locationEnc,
    String specialties,
    String sourceTags,
    int maxChildren,
    String availability,
    String pledgeVersion,
    Instant agreedAt,
    String status,
    String statusReason,
    Instant appliedAt,
    Instant decidedAt,
    Long decidedBy,
    String checkBy,
    Instant checkAt,
    String checkResult,
    String admissionNote) {}
