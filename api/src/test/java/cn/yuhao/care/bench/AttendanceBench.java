package cn.yuhao.care.bench;

import cn.yuhao.care.child.IdNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The attendance scenario: 82 troupes (a 欢唱团 and a 欢跑团 in each of the 41 districts) with 35 children each,
 * set up through the API; then every badge scanned once (2 870 scans, as at the start of sessions), then ten
 * times that (28 700 repeat scans), then every troupe's offline batch of 35 uploaded twice to a second session.
 * Throughput and p99 are compared with the same server's /health at the same concurrency, in the same run;
 * afterwards every session's attendance is read back to count lost and doubled rows.
 */
final class AttendanceBench {
  private static final int CHILDREN = 35;
  private final BenchClient client;

  AttendanceBench(String base, int concurrency, ProcessHandle service) {
    this.client = new BenchClient(base, concurrency, service);
  }

  record Troupe(
      String id,
      String coachToken,
      String session,
      String batchSession,
      List<String> warmSessions,
      List<String> badges) {}

  /** Sessions per troupe scanned before the measured phases, each badge twice (a new mark and a repeat). */
  private static final int WARM_SESSIONS = 3;

  void run() throws Exception {
    String admin = client.login("bench_admin");
    int run = (int) (System.currentTimeMillis() / 1000 % 900) + 100;
    List<String> districts = new ArrayList<>();
    for (JsonNode r : client.call("GET", "/api/v1/regions", null, null).path("items")) {
      districts.add(r.path("code").asText());
    }
    long t0 = System.nanoTime();
    List<Troupe> troupes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService setup = Executors.newFixedThreadPool(Math.min(8, client.concurrency));
    List<Future<?>> pending = new ArrayList<>();
    for (int d = 0; d < districts.size(); d++) {
      for (int k = 0; k < 2; k++) {
        int idx = d * 2 + k;
        String district = districts.get(d);
        String kind = k == 0 ? "SINGING" : "RUNNING";
        pending.add(setup.submit(() -> {
          troupes.add(troupe(admin, district, kind, run, idx));
          return null;
        }));
      }
    }
    for (Future<?> f : pending) {
      f.get();
    }
    setup.shutdown();
    System.out.printf(
        "set-up: %d troupes × %d children, sessions and badges through the API in %.1f s%n",
        troupes.size(), CHILDREN, (System.nanoTime() - t0) / 1e9);

    List<String[]> first = new ArrayList<>();
    List<String[]> warm = new ArrayList<>();
    for (Troupe t : troupes) {
      for (String b : t.badges()) {
        first.add(new String[] {t.session(), t.coachToken(), b});
        for (String w : t.warmSessions()) {
          warm.add(new String[] {w, t.coachToken(), b});
          warm.add(new String[] {w, t.coachToken(), b});
        }
      }
    }
    Collections.shuffle(warm);
    Collections.shuffle(first);
    List<String[]> repeats = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      repeats.addAll(first);
    }
    Collections.shuffle(repeats);

    // Both sides warm before either is measured. A JVM just started spends most of a core on JIT
    // compilation for
    // a minute, which slows whatever runs meanwhile, and it compiles for the traffic it has seen: a
    // warm-up of
    // repeats alone leaves the code that records a new mark to be recompiled during the first
    // burst. So the
    // scan warm-up mixes both, as the measured phases do (every badge twice on each of three more
    // sessions of its
    // troupe), and /health is measured after it, right before the burst, and once more at the end.
    client.run("warm-up /health", 2000, i -> client.get("/health"));
    List<HttpRequest> warmScans = scans(warm);
    BenchClient.Phase warmUp = client.run(
        "warm-up: " + warm.size() + " scans, half new marks",
        warm.size(),
        i -> client.send(warmScans.get(i)));
    BenchClient.Phase health = client.run("GET /health", 30_000, i -> client.get("/health"));
    List<HttpRequest> firstScans = scans(first);
    BenchClient.Phase burst = client.run(
        "scan every badge once (2 870)", first.size(), i -> client.send(firstScans.get(i)));
    List<HttpRequest> repeatScans = scans(repeats);
    BenchClient.Phase tenfold = client.run(
        "ten times that again (28 700)", repeats.size(), i -> client.send(repeatScans.get(i)));
    BenchClient.Phase healthAfter =
        client.run("GET /health again", 30_000, i -> client.get("/health"));
    BenchClient.Phase batches = client.run(
        "offline batches of 35, uploaded twice",
        troupes.size() * 2,
        i -> batch(troupes.get(i % troupes.size())));

    long expected = (long) troupes.size() * CHILDREN;
    long present = 0;
    long rows = 0;
    for (Troupe t : troupes) {
      for (String s : List.of(t.session(), t.batchSession())) {
        for (JsonNode a : client
            .call("GET", "/api/v1/sessions/" + s + "/attendance", t.coachToken(), null)
            .path("items")) {
          rows++;
          present += "PRESENT".equals(a.path("status").asText()) ? 1 : 0;
        }
      }
    }
    BenchClient.Phase baseline = new JdbcBaseline(client)
        .scans("plain JDBC, a scan's writes (2 870)", first.size(), client.concurrency);
    System.out.println();
    for (BenchClient.Phase p :
        List.of(warmUp, health, burst, tenfold, healthAfter, batches, baseline)) {
      System.out.println(p.line());
    }
    System.out.printf(
        "ratio scans ÷ /health: first burst %.2f, tenfold %.2f (against /health again: %.2f, %.2f)%n",
        burst.throughput() / health.throughput(),
        tenfold.throughput() / health.throughput(),
        burst.throughput() / healthAfter.throughput(),
        tenfold.throughput() / healthAfter.throughput());
    System.out.printf(
        "ratio scans ÷ plain JDBC (one transaction a scan, same concurrency): first burst %.2f%n",
        burst.throughput() / baseline.throughput());
    System.out.printf(
        "first burst RECORDED: %d of %d; attendance rows read back: %d (expected %d), present %d: "
            + "lost %d, doubled %d%n",
        burst.statuses().getOrDefault(201, 0),
        expected,
        rows,
        2 * expected,
        present,
        Math.max(0, 2 * expected - present),
        Math.max(0, rows - 2 * expected));
  }

  private Troupe troupe(String admin, String district, String kind, int run, int idx)
      throws Exception {
    Map<String, Object> app = Map.ofEntries(
        Map.entry("kind", kind),
        Map.entry("districtCode", district),
        Map.entry("hostUnit", "压测小学"),
        Map.entry("hostKind", "SCHOOL"),
        Map.entry("address", "压测路 1 号"),
        Map.entry("leaderName", "压测"),
        Map.entry("leaderContact", "13900000000"),
        Map.entry("projectLeaderName", "压测"),
        Map.entry("projectLeaderContact", "13900000000"),
        Map.entry("feature", "压测"),
        Map.entry("introduction", "压测"),
        Map.entry("recommendation", "压测"),
        Map.entry("planOverrideReason", "benchmark run " + run));
    String id =
        client.call("POST", "/api/v1/admin/troupes", admin, app).path("id").asText();
    client.call("POST", "/api/v1/admin/troupes/" + id + "/approve", admin, null);
    String coachCode = "bench_coach_" + run + "_" + idx;
    String coach = client.login(coachCode);
    String coachId = client.call("GET", "/api/v1/me", coach, null).path("id").asText();
    client.call(
        "POST", "/api/v1/admin/troupes/" + id + "/coaches", admin, Map.of("userId", coachId));
    LocalDate birth = LocalDate.of(2017, 1, 1).plusDays((run * 3L + idx % 2) % 700);
    for (int c = 0; c < CHILDREN; c++) {
      String idNumber = IdNumbers.complete(district
          + birth.toString().replace("-", "")
          + String.format("%03d", (idx / 2) % 10 * 100 + c + (idx % 2) * 50));
      String child = client
          .call(
              "POST",
              "/api/v1/admin/children",
              admin,
              Map.of(
                  "name",
                  "压测儿童",
                  "gender",
                  "FEMALE",
                  "birthDate",
                  birth.toString(),
                  "idNumber",
                  idNumber,
                  "districtCode",
                  district,
                  "category",
                  "LEFT_BEHIND",
                  "needs",
                  List.of("LACK_OF_AFFECTION"),
                  "careLevel",
                  "GROUP",
                  "schoolEntryYear",
                  2024,
                  "guardians",
                  List.of(Map.of("name", "家长", "relation", "GRANDPARENT", "phone", "13500000000"))))
          .path("id")
          .asText();
      client.call(
          "POST", "/api/v1/admin/troupes/" + id + "/members", admin, Map.of("childId", child));
    }
    Instant start = Instant.now().plus(Duration.ofMinutes(5));
    String session = client
        .call(
            "POST",
            "/api/v1/troupes/" + id + "/sessions",
            coach,
            Map.of(
                "kind", "TRAINING", "title", "压测训练", "place", "操场", "startsAt", start.toString()))
        .path("items")
        .get(0)
        .path("id")
        .asText();
    String batchSession = client
        .call(
            "POST",
            "/api/v1/troupes/" + id + "/sessions",
            coach,
            Map.of(
                "kind", "TRAINING", "title", "离线补传", "place", "操场", "startsAt", start.toString()))
        .path("items")
        .get(0)
        .path("id")
        .asText();
    List<String> warmSessions = new ArrayList<>();
    for (int w = 0; w < WARM_SESSIONS; w++) {
      warmSessions.add(client
          .call(
              "POST",
              "/api/v1/troupes/" + id + "/sessions",
              coach,
              Map.of(
                  "kind",
                  "TRAINING",
                  "title",
                  "预热 " + (w + 1),
                  "place",
                  "操场",
                  "startsAt",
                  start.toString()))
          .path("items")
          .get(0)
          .path("id")
          .asText());
    }
    List<String> badges = new ArrayList<>();
    for (JsonNode b : client
        .call("GET", "/api/v1/admin/troupes/" + id + "/badges", admin, null)
        .path("items")) {
      badges.add(b.path("token").asText());
    }
    return new Troupe(id, coach, session, batchSession, warmSessions, badges);
  }

  private final Map<String, List<Map<String, Object>>> batchBodies = new ConcurrentHashMap<>();

  private int batch(Troupe t) throws Exception {
    List<Map<String, Object>> scans = batchBodies.computeIfAbsent(t.id(), k -> {
      List<Map<String, Object>> list = new ArrayList<>();
      for (String b : t.badges()) {
        list.add(Map.of(
            "badgeToken",
            b,
            "scannedAt",
            Instant.now().toString(),
            "clientScanId",
            UUID.randomUUID().toString()));
      }
      return list;
    });
    return client
        .send(
            "POST",
            "/api/v1/sessions/" + t.batchSession() + "/attendance/batch",
            t.coachToken(),
            Map.of("scans", scans))
        .statusCode();
  }

  /** Live scans as a coach's phone sends them: scanned now, each with its own clientScanId. */
  private List<HttpRequest> scans(List<String[]> scans) throws Exception {
    List<HttpRequest> out = new ArrayList<>(scans.size());
    for (String[] s : scans) {
      out.add(client.prepared(
          "/api/v1/sessions/" + s[0] + "/attendance",
          s[1],
          Map.of(
              "badgeToken",
              s[2],
              "scannedAt",
              Instant.now().toString(),
              "clientScanId",
              UUID.randomUUID().toString())));
    }
    return out;
  }
}
