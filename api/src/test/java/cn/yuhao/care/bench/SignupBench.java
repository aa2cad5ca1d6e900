package cn.yuhao.care.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A sign-up rush: one activity with 50 places, 500 admitted volunteers of its district (applied and admitted
 * through the API beforehand) signing up at once. Reports the p99 and reads back how the places went: exactly 50
 * confirmed, the rest on the waiting list.
 */
final class SignupBench {
  private static final int VOLUNTEERS = 500;
  private static final int QUOTA = 50;
  private static final String DISTRICT = "500106";

  private final BenchClient client;

  SignupBench(String base, int concurrency, ProcessHandle service) {
    this.client = new BenchClient(base, concurrency, service);
  }

  void run() throws Exception {
    String admin = client.login("bench_admin");
    long run = System.currentTimeMillis() / 1000;
    long t0 = System.nanoTime();
    Instant starts = Instant.now().plus(Duration.ofDays(2));
    String activity = client
        .call(
            "POST",
            "/api/v1/admin/activities",
            admin,
            Map.of(
                "districtCode",
                DISTRICT,
                "kind",
                "BIRTHDAY",
                "title",
                "集体生日会（压测）",
                "place",
                "压测社区活动室",
                "startsAt",
                starts.toString(),
                "endsAt",
                starts.plus(Duration.ofHours(2)).toString(),
                "quota",
                QUOTA))
        .path("id")
        .asText();
    List<HttpRequest> signups =
        volunteers(admin, "/api/v1/activities/" + activity + "/signups", run);
    System.out.printf(
        "set-up: one activity with %d places, %d admitted volunteers logged in, in %.1f s%n",
        QUOTA, signups.size(), (System.nanoTime() - t0) / 1e9);
    client.run("warm-up /health", 2000, i -> client.get("/health"));
    BenchClient.Phase health = client.run("/health", 5000, i -> client.get("/health"));
    System.out.println(health.line());

    BenchClient.Phase rush = client.run(
        VOLUNTEERS + " sign up for " + QUOTA + " places",
        VOLUNTEERS,
        i -> client.send(signups.get(i)));
    System.out.println(rush.line());
    System.out.printf(
        "ratio to /health: throughput %.3f, p99 %.1f× (sign-ups to one activity take its lock one at a time)%n",
        rush.throughput() / health.throughput(),
        rush.latency().getValueAtPercentile(99)
            / (double) health.latency().getValueAtPercentile(99));
    Map<String, Integer> statuses = new TreeMap<>();
    for (var s : client
        .call("GET", "/api/v1/admin/activities/" + activity + "/signups", admin, null)
        .path("items")) {
      statuses.merge(s.path("status").asText(), 1, Integer::sum);
    }
    System.out.printf(
        "sign-ups as stored: %s (%s: %d places)%n",
        statuses, statuses.getOrDefault("CONFIRMED", 0) == QUOTA ? "exact" : "NOT exact", QUOTA);
  }

  /** Volunteers applied and admitted through the API, each with her sign-up request built before the rush. */
  private List<HttpRequest> volunteers(String admin, String path, long run) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HttpRequest>> pending = new ArrayList<>();
    for (int i = 0; i < VOLUNTEERS; i++) {
      int idx = i;
      pending.add(pool.submit(() -> {
        String token = client.login("bench_s_" + run + "_" + idx);
        String id = client
            .call(
                "POST",
                "/api/v1/volunteers/me/application",
                token,
                Map.of(
                    "realName",
                    "压测志愿者",
                    "phone",
                    "13800001234",
                    "districtCode",
                    DISTRICT,
                    "location",
                    Map.of("lat", 29.56, "lng", 106.45),
                    "specialties",
                    List.of("TEACHER"),
                    "maxChildren",
                    1,
                    "agreedTerms",
                    true,
                    "pledgeVersion",
                    "2026-11"))
            .path("id")
            .asText();
        client.call(
            "POST",
            "/api/v1/admin/volunteers/" + id + "/admit",
            admin,
            Map.of(
                "backgroundCheck",
                Map.of("checkedBy", "压测", "checkedAt", "2026-01-01T00:00:00Z", "result", "CLEAR"),
                "note",
                "压测"));
        return client.prepared(path, token, Map.of());
      }));
    }
    List<HttpRequest> out = new ArrayList<>();
    for (Future<HttpRequest> f : pending) {
      out.add(f.get());
    }
    pool.shutdown();
    return out;
  }
}
