package cn.yuhao.care.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters checked against the contract on every matched route: a value outside a parameter's enum, or
 * a boolean or integer that is not one, is a 422 naming the parameter. Read from the contract (its JSON copy) at start-up, so
 * every list filter the contract declares is checked, and a new one is the moment it is declared.
 */
public final class QueryRules {
  private static final Set<String> METHODS =
      Set.of("get", "head", "post", "put", "patch", "delete");

  private record Rule(Set<String> allowed, boolean integer, Long min, Long max) {}

  private final Map<String, Map<String, Rule>> byRoute;

  /** The enum labels of the same contract, read in the same pass. */
  private Dictionaries dictionaries;

  public Dictionaries dictionaries() {
    return dictionaries;
  }

  private QueryRules(Map<String, Map<String, Rule>> byRoute) {
    this.byRoute = byRoute;
  }

  /** Parses the contract (about half a second cold): App does it on its second thread while the database starts. */
  public static QueryRules fromContract() {
    try (InputStream in = QueryRules.class.getResourceAsStream(ContractJson.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            ContractJson.RESOURCE + " is missing from the classpath (the build writes it)");
      }
      JsonNode contract = new ObjectMapper().readTree(in);
      QueryRules rules = of(contract);
      rules.dictionaries = Dictionaries.of(contract);
      return rules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static QueryRules of(JsonNode contract) {
    Map<String, Map<String, Rule>> byRoute = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (!METHODS.contains(op.getKey())) {
          continue;
        }
        Map<String, Rule> rules = new HashMap<>();
        for (JsonNode list :
            List.of(path.getValue().path("parameters"), op.getValue().path("parameters"))) {
          for (JsonNode p : list) {
            JsonNode param = resolve(contract, p);
            if ("query".equals(param.path("in").asText())) {
              Rule rule = rule(resolve(contract, param.path("schema")));
              if (rule != null) {
                rules.put(param.path("name").asText(), rule);
              }
            }
          }
        }
        if (!rules.isEmpty()) {
          byRoute.put(op.getKey().toUpperCase() + " " + path.getKey(), rules);
          if (op.getKey().equals("get")) {
            byRoute.put("HEAD " + path.getKey(), rules);
          }
        }
      }
    }
    return new QueryRules(byRoute);
  }

  private static Rule rule(JsonNode schema) {
    if (schema.has("enum")) {
      Set<String> allowed = new LinkedHashSet<>();
      schema.path("enum").forEach(v -> allowed.add(v.asText()));
      return new Rule(allowed, false, null, null);
    }
    return switch (schema.path("type").asText()) {
      case "boolean" -> new Rule(Set.of("true", "false"), false, null, null);
      case "integer" ->
        new Rule(
            null,
            true,
            schema.has("minimum") ? schema.path("minimum").asLong() : null,
            schema.has("maximum") ? schema.path("maximum").asLong() : null);
      default -> null;
    };
  }

  private static JsonNode resolve(JsonNode contract, JsonNode node) {
    String ref = node.path("$ref").asText(null);
    if (ref == null || !ref.startsWith("#/")) {
      return node;
    }
    JsonNode target = contract;
    for (String part : ref.substring(2).split("/")) {
      target = target.path(part);
    }
    return target;
  }

  void check(Context ctx) {
    Map<String, Rule> rules = byRoute.get(ctx.method().name() + " " + ctx.endpointHandlerPath());
    if (rules == null) {
      return;
    }
    for (Map.Entry<String, List<String>> q : ctx.queryParamMap().entrySet()) {
      Rule rule = rules.get(q.getKey());
      if (rule == null) {
        continue;
      }
      for (String value : q.getValue()) {
        if (!value.isBlank()) {
          check(q.getKey(), value.trim(), rule);
        }
      }
    }
  }

  private static void check(String name, String value, Rule rule) {
    if (rule.allowed() != null && !rule.allowed().contains(value)) {
      throw AppException.invalid(
          name, "不认识的取值“" + shorten(value) + "”，可选：" + String.join("、", rule.allowed()));
    }
    if (rule.integer()) {
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw AppException.invalid(name, "应为整数");
      }
      if (rule.min() != null && n < rule.min() || rule.max() != null && n > rule.max()) {
        throw AppException.invalid(
            name,
            "应在 " + (rule.min() == null ? "…" : rule.min()) + " 到 "
                + (rule.max() == null ? "…" : rule.max()) + " 之间");
      }
    }
  }

  private static String shorten(String value) {
    return value.length() > 20 ? value.substring(0, 20) + "…" : value;
  }
}
