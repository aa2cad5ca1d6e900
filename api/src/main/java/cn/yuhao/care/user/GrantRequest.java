package cn.yuhao.care.user;

/** A role with its scope, as granted or revoked by an admin. Ids arrive as strings, like every id. */
public record GrantRequest(
    String role, String districtCode, String street, String troupeId, String merchantId) {}
