package cn.yuhao.care.auth;

import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every admin list or statistic filtered by a district (or street) outside the caller's scope: 404, never 200. */
class ScopeFilterApiTest extends ApiTest {
  private static final List<String> FILTERED = List.of(
      "/api/v1/admin/children",
      "/api/v1/admin/volunteers",
      "/api/v1/admin/pairings",
      "/api/v1/admin/concerns",
      "/api/v1/admin/troupes",
      "/api/v1/admin/care-compliance",
      "/api/v1/admin/volunteer-teams",
      "/api/v1/admin/users",
      "/api/v1/admin/dashboard");

  @Test
  void a_district_or_street_outside_the_scope_is_not_found_on_every_filtered_list() {
    Login da = fixtures.districtAdmin("500101");
    for (String path : FILTERED) {
      api(da.token())
          .queryParam("districtCode", "500102")
          .get(path)
          .then()
          .statusCode(404)
          .body("code", equalTo("NOT_FOUND"));
      api(da.token()).queryParam("districtCode", "500101").get(path).then().statusCode(200);
    }
    String street = fixtures.street("500101");
    Login supervisor = fixtures.withRole(Role.STREET_SUPERVISOR, "500101", street);
    for (String path : List.of("/api/v1/admin/children", "/api/v1/admin/care-compliance")) {
      supervisor(supervisor, path, "500101", street, 200);
      supervisor(supervisor, path, "500101", fixtures.street("500101"), 404);
      supervisor(supervisor, path, "500102", street, 404);
    }
  }

  private static void supervisor(Login s, String path, String district, String street, int status) {
    api(s.token())
        .queryParam("districtCode", district)
        .queryParam("street", street)
        .get(path)
        .then()
        .statusCode(status);
  }
}
