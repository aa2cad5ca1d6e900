package cn.yuhao.care.user;

import cn.yuhao.care.auth.RoleGrant;
import java.time.Instant;
import java.util.List;

/** A user as the API shows her: ids as strings, phone masked, roles and their scopes. */
public record UserView(
    String id,
    List<String> roles,
    List<GrantView> grants,
    String volunteerStatus,
    String status,
    String phone,
    Instant createdAt) {

  public record GrantView(
      String id,
      String role,
      String districtCode,
      String street,
      String troupeId,
      String merchantId,
      Instant grantedAt,
      Instant expiresAt) {
    static GrantView of(RoleGrant g) {
      return new GrantView(
          Long.toString(g.id()),
          g.role().name(),
          g.districtCode(),
          g.street(),
          g.troupeId() == null ? null : g.troupeId().toString(),
          g.merchantId() == null ? null : g.merchantId().toString(),
          g.grantedAt(),
          g.expiresAt());
    }
  }

  static UserView of(UserRow u, List<RoleGrant> grants, String maskedPhone) {
    return new UserView(
        Long.toString(u.id()),
        grants.stream().map(g -> g.role().name()).distinct().toList(),
        grants.stream().map(GrantView::of).toList(),
        u.volunteerStatus(),
        u.status(),
        maskedPhone,
        u.createdAt());
  }
}
