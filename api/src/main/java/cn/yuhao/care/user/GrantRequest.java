package cn.yuhao.care.user;

/**
 * A role with its scope, as granted or revoked by an admin. Ids arrive as strings, like every id; validUntil (the
 * last day, Chongqing time) only for a role held for a period (EVALUATOR).
 */
public record GrantRequest(
    String role,
    String districtCode,
    String street,
    String troupeId,
    String merchantId,
    String validUntil) {

  public GrantRequest(
      String role, String districtCode, String street, String troupeId, String merchantId) {
    this(role, districtCode, street, troupeId, merchantId, null);
  }
}
