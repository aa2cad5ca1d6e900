package cn.yuhao.care.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the whole suite saw of each contract operation, recorded by a RestAssured filter on every {@link
 * ApiTest} request: the error codes it answered, a rich success body per status (the source of the contract's
 * examples), and the last request of a paged list that returned items (so a last test can walk every list).
 */
public final class ContractLedger implements Filter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXAMPLE_MAX_CHARS = 6_000;

  /** A paged list's request as a test made it: path with its values, query without cursor/limit, token. */
  public record ListCall(
      String path, Map<String, String> query, String authorization, String field) {}

  /** One operation of the contract: method, templated path, operationId, and whether it pages. */
  public record Operation(String method, String path, String id, boolean paged, Pattern pattern) {}

  private final List<Operation> operations;
  private final Map<String, Set<String>> errorCodes = new ConcurrentHashMap<>();
  private final Map<String, String> examples = new ConcurrentHashMap<>();
  private final Map<String, List<ListCall>> lists = new ConcurrentHashMap<>();
  private final Map<String, String> loginCodes = new ConcurrentHashMap<>();

  ContractLedger(String contractYaml) {
    this.operations = operations(contractYaml);
  }

  public List<Operation> operations() {
    return operations;
  }

  /** operationId → the error codes its answers carried. */
  public Map<String, Set<String>> errorCodes() {
    Map<String, Set<String>> copy = new TreeMap<>();
    errorCodes.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
    return copy;
  }

  /** "operationId status" → a success body. */
  public Map<String, String> examples() {
    return new TreeMap<>(examples);
  }

  /** operationId → the last calls (up to three callers) of that paged list that returned items, newest first. */
  public Map<String, List<ListCall>> lists() {
    return new TreeMap<>(lists);
  }

  /** Remembers how a fixture's user logged in. */
  void rememberLogin(String token, String code) {
    loginCodes.put(token, code);
  }

  /** The wx.login code a token was obtained with, to log the same user in again once her session idled out. */
  public Optional<String> loginCode(String authorization) {
    return Optional.ofNullable(authorization)
        .map(a -> a.replaceFirst("^Bearer ", ""))
        .map(loginCodes::get);
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext ctx) {
    Response answer = ctx.next(request, response);
    URI uri = URI.create(request.getURI());
    Optional<Operation> op = find(request.getMethod(), uri.getRawPath());
    if (op.isEmpty()) {
      return answer;
    }
    String contentType = Optional.ofNullable(answer.getContentType()).orElse("");
    int status = answer.getStatusCode();
    if (status >= 400 && contentType.startsWith("application/problem+json")) {
      String code = answer.jsonPath().getString("code");
      if (code != null) {
        errorCodes
            .computeIfAbsent(op.get().id(), k -> ConcurrentHashMap.newKeySet())
            .add(code);
      }
    } else if (status < 300 && contentType.startsWith("application/json")) {
      recordSuccess(op.get(), status, answer.asString(), request, uri);
    }
    return answer;
  }

  private void recordSuccess(
      Operation op, int status, String body, FilterableRequestSpecification request, URI uri) {
    // The richest body up to a size a reader can take in: a list with items beats an empty one.
    if (body.length() <= EXAMPLE_MAX_CHARS) {
      examples.merge(
          op.id() + " " + status, body, (old, now) -> now.length() > old.length() ? now : old);
    }
    String field = pagedField(body);
    if (op.paged() && "GET".equals(op.method()) && field != null) {
      Map<String, String> query = new TreeMap<>();
      request.getQueryParams().forEach((k, v) -> {
        if (!k.equals("cursor") && !k.equals("limit")) {
          query.put(k, String.valueOf(v));
        }
      });
      ListCall call = new ListCall(
          uri.getRawPath(), query, request.getHeaders().getValue("Authorization"), field);
      lists.compute(op.id(), (k, calls) -> {
        List<ListCall> newest = new ArrayList<>();
        newest.add(call);
        if (calls != null) {
          calls.stream()
              .filter(c -> !java.util.Objects.equals(c.authorization(), call.authorization()))
              .limit(2)
              .forEach(newest::add);
        }
        return newest;
      });
    }
  }

  /**
   * The array a paged answer pages (items; her points' entries, beside her expiring lots; or the only array),
   * when it holds something; else null.
   */
  private static String pagedField(String body) {
    try {
      JsonNode page = JSON.readTree(body);
      List<String> arrays = new ArrayList<>();
      page.fields().forEachRemaining(e -> {
        if (e.getValue().isArray()) {
          arrays.add(e.getKey());
        }
      });
      String field = arrays.contains("items")
          ? "items"
          : arrays.contains("entries") ? "entries" : arrays.size() == 1 ? arrays.get(0) : null;
      return field != null && !page.path(field).isEmpty() ? field : null;
    } catch (IOException e) {
      return null;
    }
  }

  Optional<Operation> find(String method, String path) {
    String m = method.toUpperCase(Locale.ROOT);
    return operations.stream()
        .filter(o -> o.method().equals(m) && o.pattern().matcher(path).matches())
        .findFirst();
  }

  private static List<Operation> operations(String yaml) {
    JsonNode paths;
    try {
      paths = new ObjectMapper(new YAMLFactory()).readTree(yaml).path("paths");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Operation> all = new ArrayList<>();
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      Pattern pattern = Pattern.compile(
          Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q").replace("\\Q\\E", ""));
      paths.path(path).fields().forEachRemaining(e -> {
        JsonNode op = e.getValue();
        if (!op.has("operationId")) {
          return;
        }
        boolean paged = false;
        for (JsonNode p : op.path("parameters")) {
          paged |= "cursor".equals(p.path("name").asText())
              || p.path("$ref").asText().endsWith("/Cursor");
        }
        all.add(new Operation(
            e.getKey().toUpperCase(Locale.ROOT),
            path,
            op.get("operationId").asText(),
            paged,
            pattern));
      });
    }
    // A literal segment wins over a template: /pairings/mine before /pairings/{id}.
    all.sort(Comparator.comparingInt((Operation o) -> o.path().split("\\{").length));
    return List.copyOf(all);
  }

  /** Writes what was seen as JSON, for scripts that fill the contract from it. */
  public static String json(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
