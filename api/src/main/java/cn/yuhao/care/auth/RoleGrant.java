package cn.yuhao.care.auth;

import java.time.Instant;

/**
 * A role held by a user, with its scope (district, street, troupe or merchant, as the role needs); expiresAt is
 * set only for roles held for a period (EVALUATOR), after which the grant no longer counts.
 */
public record RoleGrant(
    long id,
    long userId,
    Role role,
    String districtCode,
    String street,
    Long troupeId,
    Long merchantId,
    Instant grantedAt,
    Instant expiresAt) {

  /** Whether the grant still counts at {@code now}. */
  public boolean inForce(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  /** The scope columns joined: the unique key of a grant besides user and role. */
  public static String scopeKey(
      String districtCode, String street, Long troupeId, Long merchantId) {
    return String.join(
        "|",
        nz(districtCode),
        nz(street),
        troupeId == null ? "" : troupeId.toString(),
        merchantId == null ? "" : merchantId.toString());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
