package cn.yuhao.care.user;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.yuhao.care.auth.Role;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolesApiTest extends ApiTest {
  private static final String D_500110 = Districts.claim(RolesApiTest.class, "500110");
  private static final String SHAPINGBA = "500106";
  private static final String YUZHONG = "500103";

  private static Map<String, Object> grant(String role, String district, String street) {
    Map<String, Object> m = new HashMap<>();
    m.put("role", role);
    if (district != null) {
      m.put("districtCode", district);
    }
    if (street != null) {
      m.put("street", street);
    }
    return m;
  }

  @Test
  void city_admin_grants_a_district_admin_who_then_has_the_role() {
    Login admin = fixtures.cityAdmin();
    Login user = fixtures.login();
    api(admin.token())
        .body(grant("DISTRICT_ADMIN", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(201)
        .body("role", equalTo("DISTRICT_ADMIN"))
        .body("districtCode", equalTo(SHAPINGBA));
    api(user.token())
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("roles", hasItem("DISTRICT_ADMIN"))
        .body("grants[0].districtCode", equalTo(SHAPINGBA));
    api(admin.token())
        .body(grant("DISTRICT_ADMIN", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
  }

  @Test
  void concurrent_identical_grants_create_exactly_one() throws Exception {
    Login admin = fixtures.cityAdmin();
    Login user = fixtures.login();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> api(admin.token())
            .body(grant("COACH", D_500110, null))
            .post("/api/v1/admin/users/{id}/roles", user.userId())
            .then()
            .extract()
            .statusCode()));
      }
      var codes = new java.util.ArrayList<Integer>();
      for (var f : futures) {
        codes.add(f.get());
      }
      org.assertj.core.api.Assertions.assertThat(codes)
          .containsOnly(201, 409)
          .containsOnlyOnce(201);
    } finally {
      pool.shutdown();
    }
    api(user.token())
        .get("/api/v1/me")
        .then()
        .body("grants.findAll { it.role == 'COACH' }.size()", equalTo(1));
  }

  @Test
  void a_granted_or_revoked_role_counts_on_the_very_next_request_despite_the_session_cache() {
    Login admin = fixtures.cityAdmin();
    Login user = fixtures.login();
    api(user.token())
        .get("/api/v1/admin/users")
        .then()
        .statusCode(403); // her session is now cached
    api(admin.token())
        .body(grant("DISTRICT_ADMIN", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(201);
    api(user.token()).get("/api/v1/admin/users").then().statusCode(200);
    api(admin.token())
        .queryParam("role", "DISTRICT_ADMIN")
        .queryParam("districtCode", SHAPINGBA)
        .delete("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(204);
    api(user.token()).get("/api/v1/admin/users").then().statusCode(403);
    api(admin.token())
        .body(java.util.Map.of("reason", "测试停用"))
        .post("/api/v1/admin/users/{id}/disable", user.userId())
        .then()
        .statusCode(200);
    raw(user.token()).get("/api/v1/me").then().statusCode(401);
  }

  @Test
  void grants_and_revokes_are_audited() {
    Login admin = fixtures.cityAdmin();
    Login user = fixtures.login();
    api(admin.token())
        .body(grant("COACH", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(201);
    api(admin.token())
        .queryParam("role", "COACH")
        .queryParam("districtCode", SHAPINGBA)
        .delete("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(204);
    api(admin.token())
        .queryParam("targetType", "user")
        .queryParam("targetId", user.userId())
        .get("/api/v1/admin/audit")
        .then()
        .statusCode(200)
        .body("items.action", hasItem("role.grant"))
        .body("items.action", hasItem("role.revoke"))
        .body("items.actorUserId", hasItem(admin.userId()));
    api(user.token()).get("/api/v1/me").then().statusCode(200).body("roles", not(hasItem("COACH")));
  }

  @Test
  void district_admin_grants_coach_and_supervisor_only_in_her_district() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Login user = fixtures.login();
    String street = fixtures.street(SHAPINGBA);
    // She is no one in the district yet: invited, and a coach once she accepts.
    String invitation = api(da.token())
        .body(grant("COACH", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(202)
        .extract()
        .path("id");
    api(user.token())
        .post("/api/v1/me/role-invitations/{id}/accept", invitation)
        .then()
        .statusCode(200);
    api(da.token())
        .body(grant("STREET_SUPERVISOR", SHAPINGBA, street))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(201)
        .body("street", equalTo(street));
    api(da.token())
        .body(grant("COACH", YUZHONG, null))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(403)
        .body("code", equalTo("FORBIDDEN"));
    api(da.token())
        .body(grant("DISTRICT_ADMIN", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(403);
    api(da.token())
        .body(grant("CITY_ADMIN", null, null))
        .post("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(403);
  }

  @Test
  void a_role_for_a_stranger_is_an_invitation_that_widens_nothing_until_she_accepts() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Login stranger = fixtures.withRole(Role.COACH, YUZHONG, null);
    api(stranger.token())
        .body(Map.of("phoneCode", "pc" + stranger.code()))
        .post("/api/v1/auth/phone")
        .then()
        .statusCode(200);
    String invitation = api(da.token())
        .body(grant("COACH", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", stranger.userId())
        .then()
        .statusCode(202)
        .body("status", equalTo("PENDING"))
        .body("role", equalTo("COACH"))
        .extract()
        .path("id");
    // Nothing more to read about her, and she holds no new role.
    api(da.token()).get("/api/v1/admin/users/{id}", stranger.userId()).then().statusCode(404);
    api(da.token())
        .get("/api/v1/admin/users/{id}/phone", stranger.userId())
        .then()
        .statusCode(404);
    api(stranger.token())
        .get("/api/v1/me")
        .then()
        .body("grants.districtCode", not(hasItem(SHAPINGBA)));
    // Only she can answer it.
    api(fixtures.login().token())
        .post("/api/v1/me/role-invitations/{id}/accept", invitation)
        .then()
        .statusCode(404);
    api(stranger.token())
        .get("/api/v1/me/role-invitations")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(invitation));
    api(stranger.token())
        .post("/api/v1/me/role-invitations/{id}/accept", invitation)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACCEPTED"));
    api(stranger.token())
        .post("/api/v1/me/role-invitations/{id}/accept", invitation)
        .then()
        .statusCode(409);
    api(stranger.token()).get("/api/v1/me").then().body("grants.districtCode", hasItem(SHAPINGBA));
    // Now she is in scope, but only her role there shows: her role in 渝中区 stays 渝中区's business.
    api(da.token())
        .get("/api/v1/admin/users/{id}", stranger.userId())
        .then()
        .statusCode(200)
        .body("grants.districtCode", everyItem(equalTo(SHAPINGBA)));
  }

  @Test
  void an_invitation_can_be_declined_and_expires_after_a_week() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Login a = fixtures.login();
    String first = api(da.token())
        .body(grant("COACH", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", a.userId())
        .then()
        .statusCode(202)
        .extract()
        .path("id");
    api(a.token())
        .post("/api/v1/me/role-invitations/{id}/decline", first)
        .then()
        .statusCode(200)
        .body("status", equalTo("DECLINED"));
    api(a.token()).get("/api/v1/me").then().body("roles", not(hasItem("COACH")));
    String second = api(da.token())
        .body(grant("COACH", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", a.userId())
        .then()
        .statusCode(202)
        .extract()
        .path("id");
    server.clock().advance(java.time.Duration.ofDays(7).plusMinutes(1));
    api(fixtures.login(a.code()).token())
        .post("/api/v1/me/role-invitations/{id}/accept", second)
        .then()
        .statusCode(409)
        .body("code", equalTo("INVITE_EXPIRED"));
  }

  @Test
  void users_without_an_admin_role_cannot_grant() {
    Login plain = fixtures.login();
    Login coach = fixtures.withRole(Role.COACH, SHAPINGBA, null);
    for (Login l : new Login[] {plain, coach}) {
      api(l.token())
          .body(grant("COACH", SHAPINGBA, null))
          .post("/api/v1/admin/users/{id}/roles", l.userId())
          .then()
          .statusCode(403)
          .body("code", equalTo("FORBIDDEN"));
    }
  }

  @Test
  void scope_fields_are_validated_per_role() {
    Login admin = fixtures.cityAdmin();
    Login user = fixtures.login();
    String path = "/api/v1/admin/users/{id}/roles";
    raw(admin.token())
        .contentType(ContentType.JSON)
        .body(grant("EMPEROR", null, null))
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("role"));
    raw(admin.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("role"));
    api(admin.token())
        .body(grant("CITY_ADMIN", SHAPINGBA, null))
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("role"));
    api(admin.token())
        .body(grant("DISTRICT_ADMIN", null, null))
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("districtCode"));
    api(admin.token())
        .body(grant("DISTRICT_ADMIN", "999999", null))
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("districtCode"));
    api(admin.token())
        .body(grant("STREET_SUPERVISOR", SHAPINGBA, null))
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("street"));
    api(admin.token())
        .body(grant("STREET_SUPERVISOR", SHAPINGBA, "没有这个街道"))
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("street"));
    Map<String, Object> staff = grant("MERCHANT_STAFF", null, null);
    api(admin.token())
        .body(staff)
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("merchantId"));
    staff.put("merchantId", "abc");
    api(admin.token())
        .body(staff)
        .post(path, user.userId())
        .then()
        .statusCode(422)
        .body("fields.field", hasItem("merchantId"));
  }

  @Test
  void granting_to_an_unknown_user_is_404() {
    Login admin = fixtures.cityAdmin();
    api(admin.token())
        .body(grant("COACH", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", "123")
        .then()
        .statusCode(404)
        .body("code", equalTo("NOT_FOUND"));
    api(admin.token())
        .body(grant("COACH", SHAPINGBA, null))
        .post("/api/v1/admin/users/{id}/roles", "x'--")
        .then()
        .statusCode(404);
  }

  @Test
  void revoking_a_grant_that_does_not_exist_is_404() {
    Login admin = fixtures.cityAdmin();
    Login user = fixtures.login();
    api(admin.token())
        .queryParam("role", "COACH")
        .queryParam("districtCode", SHAPINGBA)
        .delete("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(404);
    raw(admin.token())
        .delete("/api/v1/admin/users/{id}/roles", user.userId())
        .then()
        .statusCode(422);
  }

  @Test
  void district_admin_sees_users_of_her_district_only() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    Login mine = fixtures.withRole(Role.COACH, SHAPINGBA, null);
    Login theirs = fixtures.withRole(Role.COACH, YUZHONG, null);
    Login nobody = fixtures.login();
    api(da.token())
        .get("/api/v1/admin/users/{id}", mine.userId())
        .then()
        .statusCode(200)
        .body("id", equalTo(mine.userId()));
    api(da.token())
        .get("/api/v1/admin/users/{id}", theirs.userId())
        .then()
        .statusCode(404)
        .body("code", equalTo("NOT_FOUND"));
    api(da.token()).get("/api/v1/admin/users/{id}", nobody.userId()).then().statusCode(404);
    api(da.token())
        .queryParam("limit", "100")
        .get("/api/v1/admin/users")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(mine.userId()))
        .body("items.id", not(hasItem(theirs.userId())))
        .body("items.grants.flatten().districtCode", everyItem(equalTo(SHAPINGBA)));
    Login city = fixtures.cityAdmin();
    api(city.token()).get("/api/v1/admin/users/{id}", theirs.userId()).then().statusCode(200);
    api(city.token()).get("/api/v1/admin/users/{id}", nobody.userId()).then().statusCode(200);
  }

  @Test
  void user_list_pages_with_a_cursor() {
    Login city = fixtures.cityAdmin();
    fixtures.withRole(Role.COACH, "500101", null);
    fixtures.withRole(Role.COACH, "500101", null);
    fixtures.withRole(Role.COACH, "500101", null);
    var first = api(city.token())
        .queryParam("districtCode", "500101")
        .queryParam("role", "COACH")
        .queryParam("limit", "2")
        .get("/api/v1/admin/users")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    String cursor = first.getString("nextCursor");
    org.assertj.core.api.Assertions.assertThat(cursor).isNotNull();
    api(city.token())
        .queryParam("districtCode", "500101")
        .queryParam("role", "COACH")
        .queryParam("limit", "2")
        .queryParam("cursor", cursor)
        .get("/api/v1/admin/users")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(first.getString("items[0].id"))));
    raw(city.token())
        .queryParam("limit", "0")
        .get("/api/v1/admin/users")
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("limit"));
    raw(city.token())
        .queryParam("role", "EMPEROR")
        .get("/api/v1/admin/users")
        .then()
        .statusCode(422);
  }

  @Test
  void district_admin_cannot_read_the_audit_log() {
    Login da = fixtures.districtAdmin(SHAPINGBA);
    api(da.token()).get("/api/v1/admin/audit").then().statusCode(403);
  }

  @Test
  void disabling_revokes_every_session_and_blocks_login_until_enabled() {
    Login admin = fixtures.cityAdmin();
    Login user = fixtures.login();
    Login secondDevice = fixtures.login(user.code());
    api(admin.token())
        .body(Map.of("reason", "离职"))
        .post("/api/v1/admin/users/{id}/disable", user.userId())
        .then()
        .statusCode(200)
        .body("status", equalTo("DISABLED"));
    raw(user.token()).get("/api/v1/me").then().statusCode(401);
    raw(secondDevice.token()).get("/api/v1/me").then().statusCode(401);
    api()
        .body(Map.of("code", user.code()))
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(403)
        .body("code", equalTo("ACCOUNT_DISABLED"));
    api(admin.token())
        .body(Map.of("reason", "复核通过"))
        .post("/api/v1/admin/users/{id}/enable", user.userId())
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));
    fixtures.login(user.code());
  }

  @Test
  void disable_needs_a_reason_and_not_oneself() {
    Login admin = fixtures.cityAdmin();
    raw(admin.token())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/users/{id}/disable", admin.userId())
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("reason"));
    api(admin.token())
        .body(Map.of("reason", "测试"))
        .post("/api/v1/admin/users/{id}/disable", admin.userId())
        .then()
        .statusCode(409)
        .body("code", equalTo("CONFLICT"));
    Login da = fixtures.districtAdmin(SHAPINGBA);
    api(da.token())
        .body(Map.of("reason", "测试"))
        .post("/api/v1/admin/users/{id}/disable", admin.userId())
        .then()
        .statusCode(403);
  }
}
