package cn.yuhao.care.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The benchmark: drives a live server on loopback and prints throughput and latency percentiles, with the
 * ratio against the same server's /health measured in the same run. Not a test; run it with bench.sh.
 *
 * <p>Options: {@code --base URL} (default http://127.0.0.1:8080) targets a running server (started in
 * simulator mode with LOGIN_LIMIT_PER_IP raised); {@code --start-jar PATH} starts the service itself from
 * that jar (with the caller's DB_URL etc.), measures start-up to /ready and resident memory after start and
 * after load, then stops it. {@code --users N} (200), {@code --concurrency C} (32), {@code --seconds S}
 * (10 per scenario), {@code --java-opts "..."} added to run.sh's JVM options for the started service (it starts through run.sh). {@code --scenario matching}
 * runs {@link MatchingBench} instead of the HTTP mix (needs DB_URL); {@code --scenario import [--rows N]} runs
 * {@link ImportBench}; {@code --scenario attendance} runs {@link AttendanceBench};
 * {@code --scenario redemption} runs {@link RedemptionBench}; {@code --scenario survey} runs {@link SurveyBench}; {@code --scenario signup} runs {@link SignupBench}; {@code --scenario dashboard [--samples N]} runs
 * {@link DashboardBench} (needs DB_URL).
 */
public final class LoadGenerator {
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"");

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String base;
  private final int concurrency;
  private final Duration duration;

  private LoadGenerator(String base, int concurrency, Duration duration) {
    this.base = base;
    this.concurrency = concurrency;
    this.duration = duration;
  }

  record Result(String name, long ok, long failed, double seconds, Histogram latency) {
    double throughput() {
      return ok / seconds;
    }

    String line() {
      return String.format(
          "%-22s %9.0f req/s  ok=%-8d failed=%-5d p50=%6.2fms p99=%7.2fms p999=%7.2fms",
          name,
          throughput(),
          ok,
          failed,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getValueAtPercentile(99.9) / 1000.0);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int users = Integer.parseInt(opts.getOrDefault("users", "200"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "32"));
    Duration seconds = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("seconds", "10")));
    String jar = opts.get("start-jar");
    String base = opts.getOrDefault("base", "http://127.0.0.1:8080");

    Process service = null;
    if (jar != null) {
      int port = Integer.parseInt(opts.getOrDefault("port", "18089"));
      base = "http://127.0.0.1:" + port;
      service = startService(
          jar,
          opts.getOrDefault("java-opts", ""),
          port,
          opts.getOrDefault("data-dir", "target/bench-data"));
    }
    requireLoopback(base);
    LoadGenerator gen = new LoadGenerator(base, concurrency, seconds);
    try {
      if (service != null) {
        long started = System.nanoTime();
        gen.awaitReady(Duration.ofSeconds(120));
        double readyMs = (System.nanoTime() - started) / 1e6;
        System.out.printf(
            "start-up to /ready: %.0f ms; RSS after start: %d MB%n", readyMs, rssMb(service));
      }
      if ("attendance".equals(opts.get("scenario"))) {
        new AttendanceBench(base, concurrency, service == null ? null : service.toHandle()).run();
      } else if ("redemption".equals(opts.get("scenario"))) {
        new RedemptionBench(base, concurrency, service == null ? null : service.toHandle()).run();
      } else if ("signup".equals(opts.get("scenario"))) {
        new SignupBench(base, concurrency, service == null ? null : service.toHandle()).run();
      } else if ("survey".equals(opts.get("scenario"))) {
        new SurveyBench(base, concurrency, service == null ? null : service.toHandle()).run();
      } else if ("import".equals(opts.get("scenario"))) {
        new ImportBench(base).run(Integer.parseInt(opts.getOrDefault("rows", "10000")));
      } else if ("dashboard".equals(opts.get("scenario"))) {
        try (var db = MatchingBench.connect()) {
          new DashboardBench(base).run(db, Integer.parseInt(opts.getOrDefault("samples", "500")));
        }
      } else if ("matching".equals(opts.get("scenario"))) {
        try (var db = MatchingBench.connect()) {
          new MatchingBench(base).run(db, Integer.parseInt(opts.getOrDefault("samples", "500")));
        }
      } else {
        gen.run(users);
      }
      if (service != null) {
        System.out.printf("RSS after load: %d MB%n", rssMb(service));
      }
    } finally {
      if (service != null) {
        long stopping = System.nanoTime();
        service.destroy(); // SIGTERM: graceful stop
        boolean exited = service.waitFor(30, TimeUnit.SECONDS);
        System.out.printf(
            "graceful stop: %s in %.0f ms%n",
            exited ? "exited" : "did NOT exit", (System.nanoTime() - stopping) / 1e6);
        if (!exited) {
          service.destroyForcibly();
        }
      }
    }
  }

  private void run(int users) throws Exception {
    System.out.printf(
        "target %s, %d users, concurrency %d, %d s per scenario%n",
        base, users, concurrency, duration.toSeconds());
    // Warm-up so the JIT and connection pools are not what is measured.
    measure("warm-up", i -> get("/health", null), Duration.ofSeconds(3));

    List<String> tokens = new ArrayList<>();
    Histogram loginLatency = new Histogram(60_000_000L, 3);
    long loginStart = System.nanoTime();
    for (int i = 0; i < users; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/wechat-login"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"bench_" + i + "\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      loginLatency.recordValue(Math.min((System.nanoTime() - t0) / 1000, 60_000_000L));
      Matcher m = TOKEN.matcher(r.body());
      if (r.statusCode() != 200 || !m.find()) {
        throw new IllegalStateException("login failed with " + r.statusCode() + ": " + r.body()
            + " (is the server in simulator mode with LOGIN_LIMIT_PER_IP raised?)");
      }
      tokens.add(m.group(1));
    }
    Result login = new Result(
        "login (sequential)", users, 0, (System.nanoTime() - loginStart) / 1e9, loginLatency);

    Result health = measure("GET /health", i -> get("/health", null), duration);
    Result me =
        measure("GET /api/v1/me", i -> get("/api/v1/me", tokens.get(i % tokens.size())), duration);
    Result regions = measure("GET /api/v1/regions", i -> get("/api/v1/regions", null), duration);

    System.out.println();
    System.out.println(login.line());
    System.out.println(health.line());
    System.out.println(me.line());
    System.out.println(regions.line());
    System.out.printf(
        "ratio /me ÷ /health: %.2f   /regions ÷ /health: %.2f%n",
        me.throughput() / health.throughput(), regions.throughput() / health.throughput());
  }

  private int get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  interface Call {
    int call(int i) throws Exception;
  }

  /** Runs {@code call} from {@code concurrency} threads for {@code length}; a 2xx answer counts as ok. */
  private Result measure(String name, Call call, Duration length) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long end = System.nanoTime() + length.toNanos();
    AtomicInteger counter = new AtomicInteger();
    // What the first failure was: a count alone cannot tell a refusal from a dropped connection.
    java.util.concurrent.atomic.AtomicReference<String> firstFailure =
        new java.util.concurrent.atomic.AtomicReference<>();
    IntFunction<Histogram> newHistogram = x -> new Histogram(60_000_000L, 3);
    List<Future<long[]>> futures = new ArrayList<>();
    List<Histogram> histograms = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      Histogram h = newHistogram.apply(t);
      histograms.add(h);
      futures.add(pool.submit(() -> {
        long ok = 0;
        long failed = 0;
        while (System.nanoTime() < end) {
          long t0 = System.nanoTime();
          int status;
          try {
            status = call.call(counter.getAndIncrement());
          } catch (Exception e) {
            status = -1;
            firstFailure.compareAndSet(null, e.toString());
          }
          h.recordValue(Math.min((System.nanoTime() - t0) / 1000, 60_000_000L));
          if (status >= 200 && status < 300) {
            ok++;
          } else {
            failed++;
            firstFailure.compareAndSet(null, "HTTP " + status);
          }
        }
        return new long[] {ok, failed};
      }));
    }
    long ok = 0;
    long failed = 0;
    for (Future<long[]> f : futures) {
      long[] r = f.get();
      ok += r[0];
      failed += r[1];
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Histogram all = new Histogram(60_000_000L, 3);
    histograms.forEach(all::add);
    if (failed > 0) {
      System.out.println(name + ": " + failed + " failed, the first: " + firstFailure.get());
    }
    return new Result(name, ok, failed, seconds, all);
  }

  private void awaitReady(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (get("/ready", null) == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the service was not ready within " + max.toSeconds() + " s");
  }

  private static Process startService(String jar, String javaOpts, int port, String dataDir)
      throws IOException {
    // Through run.sh, as systemd and the container start it: its memory defaults and its
    // class-data-sharing
    // archive are part of what is measured.
    ProcessBuilder pb = new ProcessBuilder(Path.of("run.sh").toAbsolutePath().toString(), "serve");
    pb.environment().put("YUHAO_JAR", jar);
    pb.environment().put("JAVA_OPTS", javaOpts);
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("DATA_DIR", dataDir);
    pb.environment().put("LOGIN_LIMIT_PER_IP", "1000000");
    pb.environment().put("LOGIN_LIMIT_PER_OPENID", "1000000");
    pb.environment().put("BOOTSTRAP_ADMIN_OPENIDS", "dev_bench_admin");
    pb.environment().remove("WECHAT_APPID");
    pb.environment().remove("WECHAT_SECRET");
    pb.redirectErrorStream(true);
    Path log = Path.of(dataDir).toAbsolutePath().resolveSibling("bench-service.log");
    pb.redirectOutput(log.toFile());
    // JdbcBaseline finds the embedded database's port there.
    System.setProperty("bench.serviceLog", log.toString());
    Files.createDirectories(Path.of(dataDir));
    return pb.start();
  }

  private static long rssMb(Process p) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  /** Load goes to this machine only. */
  private static void requireLoopback(String base) throws IOException {
    String host = URI.create(base).getHost();
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      throw new IllegalArgumentException("the benchmark only targets loopback, not " + host);
    }
  }
}
