package cn.yuhao.care.pairing;

import java.time.Instant;

/** A pairing with the names an admin list shows (child, lead volunteer, team). */
public record PairingRow(
    long id,
    long childId,
    String childName,
    Long volunteerId,
    String volunteerName,
    Long teamId,
    String teamName,
    String mode,
    String purpose,
    String districtCode,
    String street,
    String status,
    String note,
    Instant startedAt,
    Instant endedAt,
    String endReason,
    String endNote) {}
