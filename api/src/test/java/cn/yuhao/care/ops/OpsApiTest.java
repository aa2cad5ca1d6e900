package cn.yuhao.care.ops;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.support.ApiTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("smoke")
class OpsApiTest extends ApiTest {

  @Test
  void health_and_ready_answer() {
    api().get("/health").then().statusCode(200).body("status", equalTo("UP"));
    api().get("/ready").then().statusCode(200).body("status", equalTo("READY"));
  }

  @Test
  void metrics_expose_routes_pool_and_jvm() {
    api().get("/api/v1/regions").then().statusCode(200);
    api()
        .get("/metrics")
        .then()
        .statusCode(200)
        .body(containsString(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/regions\""))
        .body(containsString("hikaricp_connections_active"))
        .body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void serves_the_contract() {
    api()
        .get("/openapi.yaml")
        .then()
        .statusCode(200)
        .body(containsString("openapi: 3.0.3"))
        .body(containsString("/api/v1/auth/wechat-login"));
  }
}
