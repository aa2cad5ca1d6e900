package cn.yuhao.care;

import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.demo.DemoData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code warm-up} command: the service started as {@code serve --demo} starts it, the requests a mini-program and
 * the dashboard make first (log-in, her profile, lists, a refusal), and a clean stop. The package step runs it under
 * {@code -XX:ArchiveClassesAtExit}, so the class-data-sharing archive holds the classes that serving loads, not only
 * those of start-up: both start-up and the first requests after it are faster.
 */
final class WarmUp {
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"");

  /** Who logs in (a demo code) and what she reads. */
  private static final List<List<String>> READS = List.of(
      List.of(
          "volunteer",
          "/api/v1/me",
          "/api/v1/dictionaries",
          "/api/v1/volunteers/me/pairings",
          "/api/v1/points/me",
          "/api/v1/offers?limit=5"),
      List.of(
          "admin",
          "/api/v1/admin/dashboard",
          "/api/v1/admin/children?limit=5",
          "/api/v1/admin/pairings?limit=5",
          "/api/v1/admin/troupes?limit=5"));

  private WarmUp() {}

  static void run(AppConfig config, Clock clock) throws IOException, InterruptedException {
    try (App app =
        App.start(config.withPort(0), clock, services -> DemoData.load(services, clock))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      int requests = 0;
      expect(http, get(base + "/ready", null), 200);
      // A refusal: problem+json, the error mapper and the Chinese detail.
      expect(http, get(base + "/api/v1/me", null), 401);
      requests += 2;
      for (List<String> reads : READS) {
        String token = login(http, base, reads.get(0));
        requests++;
        for (String path : reads.subList(1, reads.size())) {
          expect(http, get(base + path, token), 200);
          requests++;
        }
      }
      System.out.println("warm-up: " + requests + " requests answered as expected");
    }
  }

  private static HttpRequest get(String uri, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  private static String login(HttpClient http, String base, String code)
      throws IOException, InterruptedException {
    String body = expect(
        http,
        HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/wechat-login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
            .build(),
        200);
    Matcher m = TOKEN.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("warm-up: no token in the login answer for " + code);
    }
    return m.group(1);
  }

  /** A warm-up that met other answers than the usual ones would archive the wrong paths: it fails instead. */
  private static String expect(HttpClient http, HttpRequest request, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != status) {
      throw new IllegalStateException("warm-up: " + request.method() + " " + request.uri()
          + " answered " + r.statusCode() + " (expected " + status + "): " + r.body());
    }
    return r.body();
  }
}
