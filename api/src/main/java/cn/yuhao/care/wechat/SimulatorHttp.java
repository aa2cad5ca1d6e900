package cn.yuhao.care.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/** The simulator's HTTP plumbing: JSON answers the way WeChat sends them, query strings, request bodies. */
final class SimulatorHttp {
  private SimulatorHttp() {}

  static void ok(HttpExchange ex, ObjectMapper json, Object body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    send(ex, 200, json.writeValueAsBytes(body));
  }

  static void error(HttpExchange ex, ObjectMapper json, int status, int errcode, String errmsg)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    send(ex, status, json.writeValueAsBytes(Map.of("errcode", errcode, "errmsg", errmsg)));
  }

  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  static JsonNode parse(ObjectMapper json, byte[] body) {
    try {
      return body.length == 0 ? json.createObjectNode() : json.readTree(body);
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  /** The picture in a multipart body's part named "media" (the rest of the body after it is ignored), or null. */
  static java.awt.image.BufferedImage multipartImage(byte[] body) {
    String head = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    int part = head.indexOf("name=\"media\"");
    int start = part < 0 ? -1 : head.indexOf("\r\n\r\n", part);
    if (start < 0) {
      return null;
    }
    try {
      return javax.imageio.ImageIO.read(
          new java.io.ByteArrayInputStream(body, start + 4, body.length - start - 4));
    } catch (IOException e) {
      return null;
    }
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
