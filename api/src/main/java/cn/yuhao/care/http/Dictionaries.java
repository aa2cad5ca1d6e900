package cn.yuhao.care.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Chinese label of every enum value, read from the contract's {@code x-enum-labels} at start-up and served
 * at {@code GET /api/v1/dictionaries} (cacheable, with an ETag) so the mini-program never hard-codes 中文 for a
 * code. Keys: a named schema ({@code ConcernCategory}), or schema and property path ({@code Redemption.status}).
 */
public final class Dictionaries {
  private final Map<String, Map<String, String>> labels;
  private final byte[] body;
  private final String etag;

  private Dictionaries(Map<String, Map<String, String>> labels) {
    this.labels = labels;
    try {
      this.body = Json.mapper().writeValueAsBytes(Map.of("dictionaries", labels));
      this.etag = "\""
          + HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(body))
              .substring(0, 32)
          + "\"";
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Dictionaries of(JsonNode contract) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> schemas =
        contract.path("components").path("schemas").fields();
    while (schemas.hasNext()) {
      Map.Entry<String, JsonNode> e = schemas.next();
      walk(e.getValue(), new ArrayList<>(List.of(e.getKey())), out);
    }
    return new Dictionaries(java.util.Collections.unmodifiableMap(out));
  }

  private static void walk(JsonNode node, List<String> path, Map<String, Map<String, String>> out) {
    if (node.has("x-enum-labels")) {
      Map<String, String> m = new LinkedHashMap<>();
      node.get("x-enum-labels")
          .fields()
          .forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
      out.put(String.join(".", path), java.util.Collections.unmodifiableMap(m));
    }
    if (node.has("properties")) {
      node.get("properties").fields().forEachRemaining(f -> {
        path.add(f.getKey());
        walk(f.getValue(), path, out);
        path.remove(path.size() - 1);
      });
    }
    if (node.has("items")) {
      walk(node.get("items"), path, out);
    }
  }

  public Map<String, Map<String, String>> labels() {
    return labels;
  }

  /** 304 when the client holds this version (If-None-Match), else the labels; an hour in any cache. */
  public void serve(Context ctx) {
    ctx.header("ETag", etag).header("Cache-Control", "public, max-age=3600");
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType("application/json; charset=utf-8").result(body);
  }
}
