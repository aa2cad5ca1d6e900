package cn.yuhao.care.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yuhao.care.support.Districts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {
  private static final String D_500242 = Districts.claim(ScopeTest.class, "500242");

  private static RoleGrant g(Role role, String district, String street) {
    return new RoleGrant(1, 1, role, district, street, null, null, Instant.EPOCH, null);
  }

  @Test
  void city_admin_sees_everything() {
    Scope s = Scope.of(List.of(g(Role.COACH, "500101", null), g(Role.CITY_ADMIN, null, null)));
    assertThat(s.all()).isTrue();
    assertThat(s.covers(D_500242, "any")).isTrue();
  }

  @Test
  void district_and_street_grants_combine_and_other_roles_add_nothing() {
    Scope s = Scope.of(List.of(
        g(Role.DISTRICT_ADMIN, "500106", null),
        g(Role.STREET_SUPERVISOR, "500106", "小龙坎街道"),
        g(Role.STREET_SUPERVISOR, "500103", "解放碑街道"),
        g(Role.COACH, "500101", null),
        g(Role.VOLUNTEER, null, null)));
    assertThat(s.districts()).containsExactly("500106");
    assertThat(s.streets()).containsExactly(new Scope.DistrictStreet("500103", "解放碑街道"));
    assertThat(s.covers("500106", "任何街道")).isTrue();
    assertThat(s.covers("500103", "解放碑街道")).isTrue();
    assertThat(s.covers("500103", "朝天门街道")).isFalse();
    assertThat(s.coversDistrict("500101")).isFalse();
  }

  @Test
  void no_admin_grant_is_an_empty_scope() {
    assertThat(Scope.of(List.of(g(Role.VOLUNTEER, null, null))).isEmpty()).isTrue();
  }
}
