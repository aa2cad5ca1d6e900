package cn.yuhao.care.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for api.weixin.qq.com on loopback, answering the endpoints the service uses with
 * WeChat's own shapes and error codes. Development and tests reach it through weixin-java-miniapp exactly
 * as production reaches WeChat.
 *
 * <p>Login code {@code X} gives openid {@code dev_X}. Codes that trigger failures, for trying the error
 * paths by hand: {@code invalid…} → 40029, {@code used…} → 40163, {@code busy…} → -1 (system busy),
 * {@code slow…} → answers only after {@link #SLOW_MILLIS}, {@code broken…} → HTTP 502 with an HTML page.
 * Phone code {@code P} gives a deterministic mainland number; {@code invalid…} → 40029. A picture sent to
 * img_sec_check that is mostly pure red is risky (87014).
 */
public final class WeChatSimulator implements AutoCloseable {
  public static final String APP_ID = "wx_simulator";
  public static final String SECRET = "simulator-secret";
  public static final long SLOW_MILLIS = 10_000;
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
  private static final Pattern SCENE = Pattern.compile("[0-9A-Za-z!#$&'()*+,/:;=?@\\-._~]{1,32}");

  /** A subscribe message as the simulator received it. */
  public record SentMessage(
      String toUser, String templateId, String page, Map<String, String> data) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();
  private final SecureRandom random = new SecureRandom();
  private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedDeque<SentMessage> sent = new ConcurrentLinkedDeque<>();
  private final Map<String, Integer> failSends = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger slowCallsStarted =
      new java.util.concurrent.atomic.AtomicInteger();

  private WeChatSimulator(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static WeChatSimulator start() {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle meets the
    // client's
    // delayed ACK and every call waits ~40 ms. Read once when the JDK's server config class loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "wechat-simulator");
        t.setDaemon(true);
        return t;
      });
      WeChatSimulator sim = new WeChatSimulator(server, executor);
      server.setExecutor(executor);
      server.createContext("/", sim::handle);
      server.start();
      return sim;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the WeChat simulator", e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Subscribe messages received so far, oldest first. */
  public List<SentMessage> sentMessages() {
    return new ArrayList<>(sent);
  }

  /** The phone number the simulator gives for a phone code. */
  public static String phoneFor(String phoneCode) {
    byte[] h = SimulatorHttp.sha256(phoneCode);
    long n = ((h[0] & 0xffL) << 24 | (h[1] & 0xffL) << 16 | (h[2] & 0xffL) << 8 | (h[3] & 0xffL))
        % 100_000_000L;
    return "138" + String.format("%08d", n);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      Map<String, String> query = SimulatorHttp.query(ex.getRequestURI().getRawQuery());
      byte[] body = ex.getRequestBody().readAllBytes();
      switch (path) {
        case "/cgi-bin/token" -> token(ex, query.get("appid"), query.get("secret"));
        case "/cgi-bin/stable_token" -> {
          JsonNode req = SimulatorHttp.parse(json, body);
          token(ex, SimulatorHttp.text(req, "appid"), SimulatorHttp.text(req, "secret"));
        }
        case "/sns/jscode2session" -> jscode2session(ex, query);
        case "/wxa/business/getuserphonenumber" -> {
          if (authorized(ex, query)) {
            phoneNumber(ex, SimulatorHttp.text(SimulatorHttp.parse(json, body), "code"));
          }
        }
        case "/wxa/getwxacodeunlimit" -> {
          if (authorized(ex, query)) {
            wxaCode(ex, SimulatorHttp.parse(json, body));
          }
        }
        case "/wxa/img_sec_check" -> {
          if (authorized(ex, query)) {
            imgSecCheck(ex, body);
          }
        }
        case "/wxa/msg_sec_check" -> {
          if (authorized(ex, query)) {
            msgSecCheck(ex, SimulatorHttp.parse(json, body));
          }
        }
        case "/cgi-bin/message/subscribe/send" -> {
          if (authorized(ex, query)) {
            subscribeSend(ex, SimulatorHttp.parse(json, body));
          }
        }
        default -> SimulatorHttp.error(ex, json, 404, 40066, "invalid url");
      }
    } catch (RuntimeException e) {
      SimulatorHttp.error(ex, json, 500, -1, "system error");
    } finally {
      ex.close();
    }
  }

  private void token(HttpExchange ex, String appid, String secret) throws IOException {
    if (!APP_ID.equals(appid)) {
      SimulatorHttp.error(ex, json, 200, 40013, "invalid appid");
      return;
    }
    if (!SECRET.equals(secret)) {
      SimulatorHttp.error(ex, json, 200, 40125, "invalid appsecret");
      return;
    }
    String token = "SIM_" + HexFormat.of().formatHex(bytes(24));
    issuedTokens.add(token);
    SimulatorHttp.ok(ex, json, Map.of("access_token", token, "expires_in", 7200));
  }

  private void jscode2session(HttpExchange ex, Map<String, String> q) throws IOException {
    if (!APP_ID.equals(q.get("appid")) || !SECRET.equals(q.get("secret"))) {
      SimulatorHttp.error(ex, json, 200, 40125, "invalid appsecret");
      return;
    }
    String code = q.get("js_code");
    if (code == null || !CODE.matcher(code).matches() || code.startsWith("invalid")) {
      SimulatorHttp.error(ex, json, 200, 40029, "invalid code");
      return;
    }
    if (failure(ex, code)) {
      return;
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("openid", "dev_" + code);
    r.put("session_key", java.util.Base64.getEncoder().encodeToString(bytes(16)));
    r.put("unionid", "devunion_" + code);
    SimulatorHttp.ok(ex, json, r);
  }

  /** The failure modes keyed by code prefix; true when one was answered. */
  private boolean failure(HttpExchange ex, String code) throws IOException {
    if (code.startsWith("used")) {
      SimulatorHttp.error(ex, json, 200, 40163, "code been used");
      return true;
    }
    if (code.startsWith("busy")) {
      SimulatorHttp.error(ex, json, 200, -1, "system error");
      return true;
    }
    if (code.startsWith("broken")) {
      byte[] html = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html");
      ex.sendResponseHeaders(502, html.length);
      ex.getResponseBody().write(html);
      return true;
    }
    if (code.startsWith("slow")) {
      slowCallsStarted.incrementAndGet();
      try {
        Thread.sleep(SLOW_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return false;
  }

  private void phoneNumber(HttpExchange ex, String code) throws IOException {
    if (code == null || !CODE.matcher(code).matches() || code.startsWith("invalid")) {
      SimulatorHttp.error(ex, json, 200, 40029, "invalid code");
      return;
    }
    if (failure(ex, code)) {
      return;
    }
    String phone = phoneFor(code);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("phoneNumber", phone);
    info.put("purePhoneNumber", phone);
    info.put("countryCode", "86");
    info.put("watermark", Map.of("timestamp", System.currentTimeMillis() / 1000, "appid", APP_ID));
    SimulatorHttp.ok(ex, json, Map.of("errcode", 0, "errmsg", "ok", "phone_info", info));
  }

  private void wxaCode(HttpExchange ex, JsonNode req) throws IOException {
    String scene = SimulatorHttp.text(req, "scene");
    if (scene == null || !SCENE.matcher(scene).matches()) {
      SimulatorHttp.error(
          ex, json, 200, 40169, "invalid length for scene, or the data is not json");
      return;
    }
    String page = SimulatorHttp.text(req, "page");
    int width =
        req.hasNonNull("width") ? Math.max(280, Math.min(1280, req.get("width").asInt())) : 430;
    try {
      Map<EncodeHintType, Object> hints = new HashMap<>();
      hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
      hints.put(EncodeHintType.MARGIN, 1);
      BitMatrix matrix =
          new QRCodeWriter().encode(scene, BarcodeFormat.QR_CODE, width, width, hints);
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix, "PNG", png);
      ex.getResponseHeaders().set("Content-Type", "image/png");
      ex.getResponseHeaders().set("X-Simulator-Page", page == null ? "" : page);
      SimulatorHttp.send(ex, 200, png.toByteArray());
    } catch (WriterException e) {
      SimulatorHttp.error(ex, json, 200, -1, "system error");
    }
  }

  /**
   * Content security v2: text containing 违禁 is risky (label 20006, 违法犯罪), containing 待审 needs review
   * (label 21000), anything else passes (label 100). Version 2 requires the author's openid.
   */
  /**
   * img_sec_check: the multipart part "media" holds the picture; a picture that is mostly pure red is risky
   * (87014), anything else passes, a body with no readable picture is 41005 (media data missing).
   */
  private void imgSecCheck(HttpExchange ex, byte[] body) throws IOException {
    java.awt.image.BufferedImage img = SimulatorHttp.multipartImage(body);
    if (img == null) {
      SimulatorHttp.error(ex, json, 200, 41005, "media data missing");
      return;
    }
    long red = 0;
    long pixels = (long) img.getWidth() * img.getHeight();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        if (((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60) {
          red++;
        }
      }
    }
    if (red * 2 > pixels) {
      SimulatorHttp.error(ex, json, 200, 87014, "risky content");
      return;
    }
    SimulatorHttp.ok(ex, json, Map.of("errcode", 0, "errmsg", "ok"));
  }

  private void msgSecCheck(HttpExchange ex, JsonNode req) throws IOException {
    String content = SimulatorHttp.text(req, "content");
    if (!"2".equals(SimulatorHttp.text(req, "version"))
        || SimulatorHttp.text(req, "openid") == null
        || content == null) {
      SimulatorHttp.error(ex, json, 200, 47001, "data format error");
      return;
    }
    String suggest = content.contains("违禁") ? "risky" : content.contains("待审") ? "review" : "pass";
    String label = content.contains("违禁") ? "20006" : content.contains("待审") ? "21000" : "100";
    SimulatorHttp.ok(
        ex,
        json,
        Map.of(
            "errcode",
            0,
            "errmsg",
            "ok",
            "trace_id",
            Long.toHexString(random.nextLong()),
            "result",
            Map.of("suggest", suggest, "label", label)));
  }

  /** WeChat's limits on template values by field type: thing ≤ 20 characters, phrase ≤ 5, and so on. */
  private static boolean withinLimit(String key, String value) {
    int n = value.codePointCount(0, value.length());
    String type = key.replaceAll("[0-9]+$", "");
    return switch (type) {
      case "thing" -> n >= 1 && n <= 20;
      case "phrase" -> n >= 1 && n <= 5;
      case "number", "character_string", "letter", "symbol" -> n >= 1 && n <= 32;
      case "name" -> n >= 1 && n <= 10;
      case "time", "date" ->
        value.matches("\\d{4}年\\d{1,2}月\\d{1,2}日( \\d{1,2}:\\d{2})?")
            || value.matches("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2})?");
      default -> n <= 20;
    };
  }

  /** How many "slow" codes have reached the simulator (a test knows a request is in flight). */
  public int slowCallsStarted() {
    return slowCallsStarted.get();
  }

  public void failNextSends(String openid, int n) {
    failSends.put(openid, n);
  }

  private void subscribeSend(HttpExchange ex, JsonNode req) throws IOException {
    String toUser = SimulatorHttp.text(req, "touser");
    if (toUser != null && failSends.getOrDefault(toUser, 0) > 0) {
      failSends.merge(toUser, -1, Integer::sum);
      SimulatorHttp.error(ex, json, 200, -1, "system error");
      return;
    }
    String template = SimulatorHttp.text(req, "template_id");
    if (toUser == null || toUser.isBlank()) {
      SimulatorHttp.error(ex, json, 200, 40003, "invalid openid");
      return;
    }
    if (template == null || template.isBlank()) {
      SimulatorHttp.error(ex, json, 200, 40037, "invalid template_id");
      return;
    }
    Map<String, String> data = new LinkedHashMap<>();
    JsonNode d = req.get("data");
    if (d != null && d.isObject()) {
      d.fields()
          .forEachRemaining(e -> data.put(e.getKey(), e.getValue().path("value").asText()));
    }
    for (Map.Entry<String, String> e : data.entrySet()) {
      if (!withinLimit(e.getKey(), e.getValue())) {
        SimulatorHttp.error(
            ex, json, 200, 47003, "argument invalid! data." + e.getKey() + ".value invalid");
        return;
      }
    }
    sent.add(new SentMessage(toUser, template, SimulatorHttp.text(req, "page"), data));
    SimulatorHttp.ok(
        ex, json, Map.of("errcode", 0, "errmsg", "ok", "msgid", Math.abs(random.nextLong())));
  }

  private boolean authorized(HttpExchange ex, Map<String, String> q) throws IOException {
    String token = q.get("access_token");
    if (token == null || !issuedTokens.contains(token)) {
      SimulatorHttp.error(
          ex, json, 200, 40001, "invalid credential, access_token is invalid or not latest");
      return false;
    }
    return true;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
