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

/** The error codes the code can answer, the contract's enum and error-codes.md list the same codes. */
class ContractConsistencyTest {

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
