package cn.yuhao.care.auth;

import java.time.Instant;

/** A role held by a user, with its scope (district, street, troupe or merchant, as the role needs). */
public record RoleGrant(
    long id,
    long userId,
    Role role,
    String districtCode,
    String street,
    Long troupeId,
    Long merchantId,
    Instant grantedAt) {

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
