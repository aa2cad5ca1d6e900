package cn.yuhao.care.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * A survey's busy minute: 5 000 guardians (logged in beforehand) answer one city-wide survey through one
 * district's link as fast as the server takes them, while an admin reads the results over and over. Reports
 * both p99s, whether the answers fit in a minute, and reads the total back (every answer counted once).
 */
final class SurveyBench {
  private static final int GUARDIANS = 5000;

  private final BenchClient client;

  SurveyBench(String base, int concurrency, ProcessHandle service) {
    this.client = new BenchClient(base, concurrency, service);
  }

  void run() throws Exception {
    String admin = client.login("bench_admin");
    Instant now = Instant.now();
    String survey = client
        .call(
            "POST",
            "/api/v1/admin/surveys",
            admin,
            Map.of(
                "title",
                "压测问卷",
                "audience",
                "GUARDIAN",
                "subjectKind",
                "DISTRICT",
                "opensAt",
                now.minus(Duration.ofHours(1)).toString(),
                "closesAt",
                now.plus(Duration.ofDays(1)).toString(),
                "questions",
                List.of(
                    Map.of("id", "q1", "kind", "RATING", "text", "总体满意度", "required", true),
                    Map.of(
                        "id",
                        "q2",
                        "kind",
                        "SINGLE",
                        "text",
                        "联系频率",
                        "required",
                        true,
                        "options",
                        List.of(
                            Map.of("id", "a", "label", "每周"), Map.of("id", "b", "label", "每月"))),
                    Map.of("id", "q3", "kind", "TEXT", "text", "建议", "required", false))))
        .path("id")
        .asText();
    String scene = client
        .call(
            "POST",
            "/api/v1/admin/surveys/" + survey + "/links",
            admin,
            Map.of("subjectId", "500106"))
        .path("scene")
        .asText();
    long run = System.currentTimeMillis() / 1000;
    long t0 = System.nanoTime();
    List<HttpRequest> answers = guardians(scene, run);
    System.out.printf(
        "set-up: a city-wide survey, one link, %d guardians logged in, in %.1f s%n",
        answers.size(), (System.nanoTime() - t0) / 1e9);

    client.run("warm-up /health", 2000, i -> client.get("/health"));
    String results = "/api/v1/admin/surveys/" + survey + "/results";
    Histogram reads = new Histogram(60_000_000L, 3);
    AtomicBoolean answering = new AtomicBoolean(true);
    Thread reader = new Thread(() -> {
      while (answering.get()) {
        long r0 = System.nanoTime();
        try {
          client.send("GET", results, admin, null);
        } catch (Exception e) {
          return;
        }
        reads.recordValue(Math.min((System.nanoTime() - r0) / 1000, 60_000_000L));
      }
    });
    reader.start();
    BenchClient.Phase answered = client.run(
        GUARDIANS + " guardians answer one survey", GUARDIANS, i -> client.send(answers.get(i)));
    answering.set(false);
    reader.join();
    System.out.println(answered.line());
    System.out.printf(
        "results read while they answered: n=%d p50=%.2fms p99=%.2fms%n",
        reads.getTotalCount(),
        reads.getValueAtPercentile(50) / 1000.0,
        reads.getValueAtPercentile(99) / 1000.0);
    long total =
        client.call("GET", results, admin, null).path("total").path("responses").asLong();
    System.out.printf(
        "answers in %.1f s (%s a minute); results count %d of %d%n",
        answered.seconds(), answered.seconds() <= 60 ? "within" : "NOT within", total, GUARDIANS);
  }

  /** Each guardian logged in, with her answer prepared, so the phase times the server alone. */
  private List<HttpRequest> guardians(String scene, long run) throws Exception {
    List<HttpRequest> out = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HttpRequest>> pending = new ArrayList<>();
    for (int i = 0; i < GUARDIANS; i++) {
      int idx = i;
      pending.add(pool.submit(() -> client.prepared(
          "/api/v1/survey-links/" + scene + "/responses",
          client.login("bench_g_" + run + "_" + idx),
          Map.of(
              "answers",
              List.of(
                  Map.of("questionId", "q1", "rating", 1 + idx % 5),
                  Map.of("questionId", "q2", "choice", idx % 2 == 0 ? "a" : "b"))))));
    }
    for (Future<HttpRequest> f : pending) {
      out.add(f.get());
    }
    pool.shutdown();
    return out;
  }
}
