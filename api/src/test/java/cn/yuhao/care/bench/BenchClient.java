package cn.yuhao.care.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** HTTP and timing for the scenario benchmarks: JSON calls, logins, and phases of n calls at a concurrency. */
final class BenchClient {
  final String base;
  final int concurrency;
  /** The service when the generator started it (its CPU is then reported per request), else null. */
  private final ProcessHandle service;

  final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  BenchClient(String base, int concurrency) {
    this(base, concurrency, null);
  }

  BenchClient(String base, int concurrency, ProcessHandle service) {
    this.base = base;
    this.concurrency = concurrency;
    this.service = service;
  }

  /**
   * CPU time spent during a phase by the service's JVM, by the processes it started (the embedded database), and by
   * this generator: on a machine they share, what a request costs in CPU is steadier than its throughput.
   */
  record Cpu(Duration service, Duration database, Duration generator) {
    static Cpu of(ProcessHandle service) {
      if (service == null) {
        return null;
      }
      Duration db =
          service.descendants().map(BenchClient::cpu).reduce(Duration.ZERO, Duration::plus);
      return new Cpu(cpu(service), db, cpu(ProcessHandle.current()));
    }

    Cpu minus(Cpu before) {
      return new Cpu(
          service.minus(before.service),
          database.minus(before.database),
          generator.minus(before.generator));
    }
  }

  private static Duration cpu(ProcessHandle p) {
    return p.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  record Phase(
      String name,
      long count,
      Map<Integer, Integer> statuses,
      double seconds,
      Histogram latency,
      Cpu cpu) {
    double throughput() {
      return count / seconds;
    }

    String line() {
      String line = String.format(
          "%-34s %8.0f req/s  n=%-6d %s p50=%6.2fms p99=%7.2fms",
          name,
          throughput(),
          count,
          statuses,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0);
      if (cpu == null) {
        return line;
      }
      return line
          + String.format(
              "%n%34s CPU per request: service %d µs, its database %d µs, generator %d µs",
              "",
              perRequest(cpu.service()),
              perRequest(cpu.database()),
              perRequest(cpu.generator()));
    }

    private long perRequest(Duration d) {
      return d.toNanos() / 1000 / Math.max(1, count);
    }
  }

  int get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  interface Call {
    int call(int i) throws Exception;
  }

  /** Runs calls 0..n-1 from {@code concurrency} threads as fast as the server answers. */
  Phase run(String name, int n, Call call) throws Exception {
    return run(name, n, concurrency, call);
  }

  /** Runs calls 0..n-1 from {@code threads} threads as fast as the server answers. */
  Phase run(String name, int n, int threads, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<Histogram> histograms = new ArrayList<>();
    List<Future<?>> futures = new ArrayList<>();
    AtomicLong done = new AtomicLong();
    Cpu cpuBefore = Cpu.of(service);
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Histogram h = new Histogram(60_000_000L, 3);
      histograms.add(h);
      futures.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          long t0 = System.nanoTime();
          int status;
          try {
            status = call.call(i);
          } catch (Exception e) {
            status = -1;
          }
          h.recordValue(Math.min((System.nanoTime() - t0) / 1000, 60_000_000L));
          statuses.merge(status, 1, Integer::sum);
          done.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Cpu cpu = cpuBefore == null ? null : Cpu.of(service).minus(cpuBefore);
    pool.shutdown();
    Histogram all = new Histogram(60_000_000L, 3);
    histograms.forEach(all::add);
    return new Phase(name, done.get(), new java.util.TreeMap<>(statuses), seconds, all, cpu);
  }

  String login(String code) throws Exception {
    return call("POST", "/api/v1/auth/wechat-login", null, Map.of("code", code))
        .path("token")
        .asText();
  }

  JsonNode call(String method, String path, String token, Object body) throws Exception {
    HttpResponse<String> r = send(method, path, token, body);
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " → " + r.statusCode() + ": " + r.body());
    }
    return json.readTree(r.body());
  }

  /**
   * A request built before a phase starts, so the phase times the server rather than the generator's own JSON
   * encoding; its answer is discarded like /health's, only the status counts.
   */
  HttpRequest prepared(String path, String token, Object body) throws Exception {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
        .build();
  }

  int send(HttpRequest prepared) throws Exception {
    return http.send(prepared, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  HttpResponse<String> send(String method, String path, String token, Object body)
      throws Exception {
    return send(method, path, token, body, Map.of());
  }

  HttpResponse<String> send(
      String method, String path, String token, Object body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
