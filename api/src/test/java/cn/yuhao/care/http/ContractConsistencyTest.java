package cn.yuhao.care.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The error codes the code can answer, the contract's enum and error-codes.md list the same codes; each
 * operation's x-error-codes names known codes it has an answer for, and every code is declared somewhere.
 */
class ContractConsistencyTest {
  private static final java.util.Set<String> METHODS =
      java.util.Set.of("get", "put", "post", "patch", "delete");

  @Test
  void every_operation_lists_its_error_codes_and_has_an_answer_for_each() throws IOException {
    com.fasterxml.jackson.databind.JsonNode contract =
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(getClass().getResourceAsStream("/contract/openapi.yaml"));
    java.util.Map<String, ErrorCode> codes = new java.util.HashMap<>();
    Arrays.stream(ErrorCode.values()).forEach(c -> codes.put(c.code(), c));
    java.util.Set<String> unused = new java.util.TreeSet<>(codes.keySet());
    contract.path("x-common-error-codes").forEach(c -> unused.remove(c.asText()));
    List<String> wrong = new java.util.ArrayList<>();
    contract
        .path("paths")
        .forEach(item -> item.fields().forEachRemaining(e -> {
          if (!METHODS.contains(e.getKey())) {
            return;
          }
          com.fasterxml.jackson.databind.JsonNode op = e.getValue();
          String id = op.path("operationId").asText();
          if (!op.path("x-error-codes").isArray()) {
            wrong.add(id + " has no x-error-codes");
          }
          op.path("x-error-codes").forEach(c -> {
            ErrorCode code = codes.get(c.asText());
            unused.remove(c.asText());
            if (code == null) {
              wrong.add(id + " names an unknown code " + c.asText());
            } else if (!op.path("responses").has(String.valueOf(code.status()))) {
              wrong.add(id + " lists " + code + " but has no " + code.status() + " answer");
            }
          });
        }));
    assertThat(wrong).isEmpty();
    assertThat(unused).as("codes no operation declares").isEmpty();
  }

  @Test
  void error_codes_match_the_contract_and_the_table() throws IOException {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("/contract/openapi.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    OpenAPI api = new OpenAPIV3Parser().readContents(yaml).getOpenAPI();
    List<String> inContract = api.getComponents().getSchemas().get("ErrorCode").getEnum().stream()
        .map(Object::toString)
        .toList();
    List<String> inCode = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();
    assertThat(inContract).containsExactlyInAnyOrderElementsOf(inCode);

    String table = Files.readString(Path.of("..", "miniapp-contract", "error-codes.md"));
    for (ErrorCode e : ErrorCode.values()) {
      assertThat(table).contains("| " + e.code() + " | " + e.status() + " | " + e.title() + " |");
    }
  }
}
