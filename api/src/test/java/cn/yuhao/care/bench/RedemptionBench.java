package cn.yuhao.care.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The redemption rush: 1 000 admitted volunteers with 200 points each and 1 000 offers, set up through the API;
 * after a warm-up (each volunteer redeems 5 times, spread over 41 offers), 200 volunteers at once on one offer with a
 * stock of 100, then all 1 000 on distinct offers. Throughput and
 * p99 against the same server's /health in the same run; afterwards the ledger's invariant check and the stock
 * read back (oversold = successes beyond the stock).
 */
final class RedemptionBench {
  private static final int VOLUNTEERS = 1000;
  private static final int RUSH = 200;
  private static final int RUSH_STOCK = 100;
  /** Redemptions per volunteer before measuring: a JVM just started spends a core on JIT compilation for a minute. */
  private static final int WARM_ROUNDS = 5;

  private final BenchClient client;

  RedemptionBench(String base, int concurrency, ProcessHandle service) {
    this.client = new BenchClient(base, concurrency, service);
  }

  record Volunteer(String token, String userId) {}

  void run() throws Exception {
    String admin = client.login("bench_admin");
    long run = System.currentTimeMillis() / 1000;
    List<String> districts = new ArrayList<>();
    for (JsonNode r : client.call("GET", "/api/v1/regions", null, null).path("items")) {
      districts.add(r.path("code").asText());
    }
    long t0 = System.nanoTime();
    List<String> merchants = new ArrayList<>();
    for (String d : districts) {
      merchants.add(client
          .call(
              "POST",
              "/api/v1/admin/merchants",
              admin,
              Map.of(
                  "name",
                  "压测商家" + d,
                  "category",
                  "FOOD",
                  "districtCode",
                  d,
                  "address",
                  "压测路 1 号",
                  "contactName",
                  "压测",
                  "contactPhone",
                  "13900000000"))
          .path("id")
          .asText());
    }
    String rushMerchant = merchants.get(0);
    String rushOffer = offer(admin, rushMerchant, "抢兑礼遇", RUSH_STOCK);
    List<String> warmOffers = new ArrayList<>();
    for (String m : merchants) {
      warmOffers.add(offer(admin, m, "预热礼遇", WARM_ROUNDS * VOLUNTEERS));
    }
    List<String> offers = Collections.synchronizedList(new ArrayList<>());
    List<Volunteer> volunteers = Collections.synchronizedList(new ArrayList<>());
    ExecutorService setup = Executors.newFixedThreadPool(8);
    List<Future<?>> pending = new ArrayList<>();
    for (int i = 0; i < VOLUNTEERS; i++) {
      int idx = i;
      pending.add(setup.submit(() -> {
        offers.add(offer(admin, merchants.get(idx % merchants.size()), "礼遇" + idx, 10));
        volunteers.add(volunteer(
            admin, districts.get(idx % districts.size()), "bench_vol_" + run + "_" + idx));
        return null;
      }));
    }
    for (Future<?> f : pending) {
      f.get();
    }
    setup.shutdown();
    System.out.printf(
        "set-up: %d merchants, %d offers, %d admitted volunteers with 200 points each, through the API "
            + "in %.1f s%n",
        merchants.size(), offers.size() + 1, volunteers.size(), (System.nanoTime() - t0) / 1e9);

    // Both warm before /health is measured (JIT, statement caches): /health measured while the
    // compiler still
    // works on the set-up's code reads low (see the attendance scenario). Each volunteer redeems 5
    // times elsewhere.
    client.run("warm-up /health", 2000, i -> client.get("/health"));
    BenchClient.Phase warm = client.run(
        "warm-up: 5 000 redemptions",
        WARM_ROUNDS * VOLUNTEERS,
        i -> redeem(
            volunteers.get(i % VOLUNTEERS),
            warmOffers.get(i % warmOffers.size()),
            "warm" + i / VOLUNTEERS));
    BenchClient.Phase health = client.run("GET /health", 30_000, i -> client.get("/health"));
    BenchClient.Phase rush = client.run(
        RUSH + " volunteers at once, one offer (stock " + RUSH_STOCK + ")",
        RUSH,
        RUSH,
        i -> redeem(volunteers.get(i), rushOffer, "rush"));
    BenchClient.Phase distinct = client.run(
        VOLUNTEERS + " volunteers, distinct offers",
        VOLUNTEERS,
        i -> redeem(volunteers.get(i), offers.get(i), "distinct"));

    JsonNode invariants = client.call("GET", "/api/v1/admin/points/invariants", admin, null);
    int stockLeft = -1;
    for (JsonNode o : client
        .call("GET", "/api/v1/admin/merchants/" + rushMerchant + "/offers?limit=100", admin, null)
        .path("items")) {
      if (o.path("id").asText().equals(rushOffer)) {
        stockLeft = o.path("stockLeft").asInt();
      }
    }
    System.out.println();
    for (BenchClient.Phase p : List.of(warm, health, rush, distinct)) {
      System.out.println(p.line());
    }
    int rushWon = rush.statuses().getOrDefault(201, 0);
    System.out.printf(
        "ratio redemptions ÷ /health: rush %.2f, distinct %.2f%n",
        rush.throughput() / health.throughput(), distinct.throughput() / health.throughput());
    System.out.printf(
        "rush: %d redeemed of stock %d, stock left %d, oversold %d; distinct: %d redeemed of %d%n",
        rushWon,
        RUSH_STOCK,
        stockLeft,
        Math.max(0, rushWon - RUSH_STOCK),
        distinct.statuses().getOrDefault(201, 0),
        VOLUNTEERS);
    List<String> broken = new ArrayList<>();
    for (JsonNode c : invariants.path("checks")) {
      if (c.path("violations").asLong() > 0) {
        broken.add(c.path("name").asText() + "=" + c.path("violations").asLong());
      }
    }
    // After the invariant check: the baseline's rows are its own, and removed when it ends.
    BenchClient.Phase baseline = new JdbcBaseline(client)
        .redemptions(
            "plain JDBC, the same transaction",
            VOLUNTEERS,
            client.concurrency,
            Long.parseLong(offers.get(0)));
    System.out.println(baseline.line());
    System.out.printf(
        "ratio redemptions ÷ plain JDBC (distinct offers, same concurrency): %.2f%n",
        distinct.throughput() / baseline.throughput());
    System.out.printf(
        "invariant check: %s (%d checks)%s%n",
        invariants.path("ok").asBoolean() ? "ok" : "VIOLATED",
        invariants.path("checks").size(),
        broken.isEmpty() ? "" : " " + broken);
  }

  private String offer(String admin, String merchant, String title, int stock) throws Exception {
    return client
        .call(
            "POST",
            "/api/v1/admin/merchants/" + merchant + "/offers",
            admin,
            Map.of(
                "title",
                title,
                "description",
                "压测礼遇",
                "pointsCost",
                10,
                "stock",
                stock,
                "validFrom",
                Instant.now().minus(Duration.ofDays(1)).toString(),
                "validTo",
                Instant.now().plus(Duration.ofDays(30)).toString()))
        .path("id")
        .asText();
  }

  private Volunteer volunteer(String admin, String district, String code) throws Exception {
    String token = client.login(code);
    String userId = client.call("GET", "/api/v1/me", token, null).path("id").asText();
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
                district,
                "location",
                Map.of("lat", 29.56, "lng", 106.55),
                "specialties",
                List.of("TEACHER"),
                "maxChildren",
                1,
                "agreedTerms",
                true,
                "pledgeVersion",
                cn.yuhao.care.volunteer.VolunteerService.PLEDGE_VERSION))
        .path("id")
        .asText();
    client.call(
        "POST",
        "/api/v1/admin/volunteers/" + id + "/admit",
        admin,
        Map.of(
            "backgroundCheck",
            Map.of(
                "checkedBy",
                "压测",
                "checkedAt",
                Instant.now().minus(Duration.ofDays(1)).toString(),
                "result",
                "CLEAR"),
            "note",
            "压测"));
    client.call(
        "POST",
        "/api/v1/admin/points/adjustments",
        admin,
        Map.of("userId", userId, "amount", 200, "reason", "压测积分"));
    return new Volunteer(token, userId);
  }

  private int redeem(Volunteer v, String offer, String phase) throws Exception {
    return client
        .send(
            "POST",
            "/api/v1/redemptions",
            v.token(),
            Map.of("offerId", offer),
            Map.of("Idempotency-Key", phase + "-" + v.userId()))
        .statusCode();
  }
}
