package cn.yuhao.care.region;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionsApiTest extends ApiTest {
  private static final String D_500109 = Districts.claim(RegionsApiTest.class, "500109");
  private static final String D_500108 = Districts.claim(RegionsApiTest.class, "500108");

  @Test
  void lists_the_41_districts_in_order() {
    api()
        .get("/api/v1/regions")
        .then()
        .statusCode(200)
        .body("items", hasSize(41))
        .body("items[0].code", equalTo("500101"))
        .body("items[0].name", equalTo("万州区"))
        .body("items[40].name", equalTo("万盛经开区"))
        .body("items[40].kind", equalTo("ZONE"));
  }

  @Test
  void district_admin_adds_streets_in_her_district_only() {
    Login da = fixtures.districtAdmin(D_500108);
    String name = "南坪街道" + fixtures.newCode().substring(1, 5);
    api(da.token())
        .body(Map.of("name", name))
        .post("/api/v1/admin/regions/{code}/streets", D_500108)
        .then()
        .statusCode(201)
        .body("name", equalTo(name))
        .body("districtCode", equalTo(D_500108));
    api(da.token())
        .get("/api/v1/regions/{code}/streets", D_500108)
        .then()
        .statusCode(200)
        .body("items.name", hasItem(name));
    api(da.token())
        .body(Map.of("name", name))
        .post("/api/v1/admin/regions/{code}/streets", D_500108)
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE"));
    api(da.token())
        .body(Map.of("name", name))
        .post("/api/v1/admin/regions/{code}/streets", D_500109)
        .then()
        .statusCode(403);
  }

  @Test
  void bad_street_requests_are_rejected() {
    Login admin = fixtures.cityAdmin();
    raw(admin.token())
        .contentType(ContentType.JSON)
        .body(Map.of("name", " "))
        .post("/api/v1/admin/regions/{code}/streets", D_500108)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("name"));
    raw(admin.token())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "街".repeat(65)))
        .post("/api/v1/admin/regions/{code}/streets", D_500108)
        .then()
        .statusCode(422);
    api(admin.token())
        .body(Map.of("name", "某街道"))
        .post("/api/v1/admin/regions/{code}/streets", "999999")
        .then()
        .statusCode(404);
    api(admin.token()).get("/api/v1/regions/{code}/streets", "abc").then().statusCode(404);
    raw().get("/api/v1/regions/{code}/streets", D_500108).then().statusCode(401);
  }
}
