package cn.yuhao.care.user;

import java.time.Instant;

/** A users row as stored (phone still encrypted). */
public record UserRow(
    long id,
    String openid,
    String unionid,
    String phoneEnc,
    String volunteerStatus,
    String status,
    Instant createdAt) {}
