package cn.yuhao.care.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.ContractLedger;
import cn.yuhao.care.support.ContractLedger.ListCall;
import cn.yuhao.care.support.RunsLast;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the contract against what the whole test run saw (it runs last): every error code an operation
 * answered is in its {@code x-error-codes} (or the contract's {@code x-common-error-codes}), and every paged
 * list, called again as a test last called it, walks to its end one item at a time. Also writes what was seen
 * to target/contract-ledger/, from which miniapp-contract/scripts/fill-contract.mjs fills the contract.
 */
@RunsLast
class ContractCoverageTest extends ApiTest {
  private static final int MAX_LIMIT = 100;
  private static JsonNode contract;
  private static final Map<String, String> RELOGGED = new java.util.HashMap<>();

  @BeforeAll
  static void whole_run_only() throws IOException {
    // Run alone, nothing was seen and there is nothing to check.
    Assumptions.assumeTrue(ledger.examples().size() > 100, "needs the whole suite (mvn verify)");
    contract = new ObjectMapper(new YAMLFactory()).readTree(server.contract());
    Path out = Path.of("target", "contract-ledger");
    Files.createDirectories(out);
    Files.writeString(out.resolve("error-codes.json"), ContractLedger.json(ledger.errorCodes()));
    Files.writeString(out.resolve("examples.json"), ContractLedger.json(ledger.examples()));
  }

  @Test
  void every_error_code_answered_is_declared_on_its_operation() {
    Set<String> common = texts(contract.path("x-common-error-codes"));
    Map<String, Set<String>> undeclared = new TreeMap<>();
    ledger.errorCodes().forEach((operationId, codes) -> {
      Set<String> declared = texts(operation(operationId).path("x-error-codes"));
      for (String code : codes) {
        if (!declared.contains(code) && !common.contains(code)) {
          undeclared.computeIfAbsent(operationId, k -> new TreeSet<>()).add(code);
        }
      }
    });
    assertThat(undeclared)
        .as("codes answered but not in the operation's x-error-codes")
        .isEmpty();
  }

  @Test
  void every_paged_list_walks_to_its_end_one_item_at_a_time() {
    List<String> unwalked = new ArrayList<>();
    for (ContractLedger.Operation op : ledger.operations()) {
      if (!op.paged()) {
        continue;
      }
      ListCall call = callable(ledger.lists().getOrDefault(op.id(), List.of()));
      if (call == null) {
        unwalked.add(op.id());
        continue;
      }
      List<JsonNode> whole = walk(call, MAX_LIMIT);
      List<JsonNode> oneByOne = walk(call, 1);
      // Lists that grow as they are read (the audit log) may gain rows at their head between the
      // two walks.
      assertThat(oneByOne).as(op.id()).containsSubsequence(whole);
      Set<String> ids = new HashSet<>();
      for (JsonNode item : oneByOne) {
        if (item.hasNonNull("id")) {
          assertThat(ids.add(item.get("id").asText()))
              .as(op.id() + " repeats " + item)
              .isTrue();
        }
      }
    }
    assertThat(unwalked).as("paged lists no test ever saw with items").isEmpty();
  }

  /**
   * The newest recorded call whose caller can still read the list: her session may have idled out as the
   * suite moved the clock (then she logs in again with the same code), or she may have lost the role since.
   */
  private static ListCall callable(List<ListCall> calls) {
    for (ListCall call : calls) {
      String auth = call.authorization();
      if (auth != null && status(call.path(), call.query(), auth) == 401) {
        auth = ledger.loginCode(auth).map(ContractCoverageTest::relogin).orElse(null);
        if (auth == null) {
          continue;
        }
      }
      ListCall fresh = new ListCall(call.path(), call.query(), auth, call.field());
      if (status(call.path(), call.query(), auth) == 200) {
        return fresh;
      }
    }
    return null;
  }

  /** One new session per user however many lists she read (logins are rate limited per user); null if refused. */
  private static String relogin(String code) {
    return RELOGGED.computeIfAbsent(code, c -> {
      var answer = api().body(Map.of("code", c)).post("/api/v1/auth/wechat-login");
      return answer.statusCode() == 200 ? "Bearer " + answer.jsonPath().getString("token") : null;
    });
  }

  private static int status(String path, Map<String, String> query, String auth) {
    var spec = api().queryParams(query).queryParam("limit", 1);
    return (auth == null ? spec : spec.header("Authorization", auth)).get(path).statusCode();
  }

  private static List<JsonNode> walk(ListCall call, int limit) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 10_000; page++) {
      var spec = api().queryParams(call.query()).queryParam("limit", limit);
      if (call.authorization() != null) {
        spec = spec.header("Authorization", call.authorization());
      }
      if (cursor != null) {
        spec = spec.queryParam("cursor", cursor);
      }
      String body = spec.get(call.path()).then().statusCode(200).extract().asString();
      JsonNode page1 = read(body);
      assertThat(page1.path(call.field()).size()).as(call.path()).isLessThanOrEqualTo(limit);
      page1.path(call.field()).forEach(items::add);
      cursor = page1.path("nextCursor").isTextual() ? page1.path("nextCursor").asText() : null;
      if (cursor == null) {
        return items;
      }
    }
    throw new AssertionError(call.path() + " never ended");
  }

  private static JsonNode operation(String operationId) {
    for (JsonNode path : contract.path("paths")) {
      for (JsonNode op : path) {
        if (operationId.equals(op.path("operationId").asText())) {
          return op;
        }
      }
    }
    throw new AssertionError("no operation " + operationId);
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode read(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
