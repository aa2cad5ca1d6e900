package cn.yuhao.care.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.yuhao.care.support.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every enum of the contract has a label for each value, and the service serves them, cacheably. */
class DictionariesApiTest extends ApiTest {
  @Test
  void every_enum_value_has_a_chinese_label() throws Exception {
    JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(server.contract());
    List<String> problems = new ArrayList<>();
    check(contract.path("components").path("schemas"), "", problems);
    assertThat(problems).isEmpty();
  }

  private static void check(JsonNode node, String path, List<String> problems) {
    if (node.isObject()) {
      if (node.has("enum")) {
        JsonNode labels = node.path("x-enum-labels");
        for (JsonNode v : node.get("enum")) {
          if (!v.isNull()
              && (!labels.has(v.asText()) || labels.get(v.asText()).asText().isBlank())) {
            problems.add(path + " " + v.asText());
          }
        }
      }
      node.fields().forEachRemaining(f -> check(f.getValue(), path + "/" + f.getKey(), problems));
    } else if (node.isArray()) {
      node.forEach(n -> check(n, path, problems));
    }
  }

  @Test
  void the_labels_are_served_with_an_etag() {
    var r = api()
        .get("/api/v1/dictionaries")
        .then()
        .statusCode(200)
        .header("Cache-Control", "public, max-age=3600")
        .body("dictionaries.ConcernSeverity.URGENT", equalTo("紧急"))
        .body("dictionaries.'Redemption.status'.HELD", equalTo("待核销"))
        .body("dictionaries.ErrorCode.CONSENT_REQUIRED", equalTo("尚未取得监护人同意"))
        .extract();
    Map<String, Object> all = r.path("dictionaries");
    assertThat(all).hasSizeGreaterThan(100);
    api()
        .header("If-None-Match", r.header("ETag"))
        .get("/api/v1/dictionaries")
        .then()
        .statusCode(304);
  }

  @Test
  void error_code_labels_are_the_titles_the_service_answers_with() {
    Map<String, String> labels =
        api().get("/api/v1/dictionaries").then().extract().path("dictionaries.ErrorCode");
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(labels.get(c.name())).as(c.name()).isEqualTo(c.title());
    }
  }
}
