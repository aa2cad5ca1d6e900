package cn.yuhao.care.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The matching scenario of the benchmark: 1 000 000 waiting children and 1 000 000 admitted volunteers (the programme's
 * national size) spread over
 * Chongqing's 41 districts (seeded once, straight into the database the service uses), then suggestions over
 * HTTP against a full-table haversine scan run on the same database in the same run, and a coverage proposal
 * for a district of 5 000 children and 3 000 volunteers. Needs DB_URL (a database of its own, e.g.
 * jdbc:mysql://127.0.0.1:3306/yuhao_bench).
 */
final class MatchingBench {
  private static final long CHILD_BASE = 100_000_000_000L;
  private static final long VOLUNTEER_BASE = 200_000_000_000L;
  private static final int CHILDREN = 1_000_000;
  private static final int VOLUNTEERS = 1_000_000;
  /** The proposal district gets exactly these; the rest are spread over the other 40. */
  private static final String PROPOSAL_DISTRICT = "500106";

  private static final int PROPOSAL_CHILDREN = 5_000;
  private static final int PROPOSAL_VOLUNTEERS = 3_000;
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"");
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9]+)\"");

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long RUN = System.currentTimeMillis() / 1000;
  private final Random random = new Random(7);
  private List<String> districts;

  MatchingBench(String base) {
    this.base = base;
  }

  void run(Connection db, int samples) throws Exception {
    districts = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT code FROM regions ORDER BY code")) {
      while (rs.next()) {
        districts.add(rs.getString(1));
      }
    }
    seed(db);
    String admin = login("bench_admin");
    // Volunteers who ask for suggestions are made through the API (apply, admit) at children's
    // places.
    List<String> volunteerTokens = new ArrayList<>();
    List<long[]> sampleChildren = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, district_code, geohash FROM children WHERE id >= "
            + CHILD_BASE + " AND id < " + (CHILD_BASE + CHILDREN) + " AND MOD(id, 9973) = 0 LIMIT "
            + samples)) {
      while (rs.next()) {
        sampleChildren.add(new long[] {rs.getLong(1)});
        if (volunteerTokens.size() < 50) {
          double[] cell = cn.yuhao.care.region.Geo.centre(rs.getString(3));
          volunteerTokens.add(volunteer(admin, rs.getString(2), cell[0] + 0.003, cell[1]));
        }
      }
    }
    System.out.printf(
        "%d sample children, %d volunteers asking%n",
        sampleChildren.size(), volunteerTokens.size());

    Histogram forChild = time(
        () -> status(get(
            "/api/v1/admin/children/" + sampleChildren.get(random.nextInt(sampleChildren.size()))[0]
                + "/match-suggestions",
            admin)),
        2000);
    Histogram forVolunteer = time(
        () -> status(get(
            "/api/v1/volunteers/me/match-suggestions",
            volunteerTokens.get(random.nextInt(volunteerTokens.size())))),
        2000);
    // The yardstick: every row read, haversine over the cells' centres (the only clear location),
    // 20 nearest.
    Histogram scanVolunteers = timeScan(db, """
        SELECT v.id, v.geohash
          FROM volunteers v IGNORE INDEX (ix_volunteers_district_status, ix_volunteers_geohash)
         WHERE v.status = 'ADMITTED'""", 10);
    Histogram scanChildren = timeScan(db, """
        SELECT c.id, c.geohash
          FROM children c IGNORE INDEX (ix_children_district_status, ix_children_geohash)
         WHERE c.status = 'ACTIVE' AND c.care_level = 'ONE_TO_ONE' AND c.geohash IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.primary_child_id = c.id)""", 10);

    long t0 = System.nanoTime();
    HttpResponse<String> proposal = http.send(
        HttpRequest.newBuilder(URI.create(
                base + "/api/v1/admin/matching/proposals?districtCode=" + PROPOSAL_DISTRICT))
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + admin)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
    double proposalMs = (System.nanoTime() - t0) / 1e6;
    String body = proposal.body();

    System.out.println();
    System.out.println(line("suggestions for a child (HTTP)", forChild));
    System.out.println(line("suggestions for a volunteer (HTTP)", forVolunteer));
    System.out.println(line("full scan 1M volunteers (SQL)", scanVolunteers));
    System.out.println(line("full scan 1M children (SQL)", scanChildren));
    System.out.printf(
        "ratio full scan ÷ suggestions (p50): volunteers %.0f×, children %.0f×%n",
        p(scanVolunteers, 50) / p(forChild, 50), p(scanChildren, 50) / p(forVolunteer, 50));
    System.out.printf(
        "proposal for %s: HTTP %d in %.0f ms; %s%n",
        PROPOSAL_DISTRICT, proposal.statusCode(), proposalMs, summary(body));
  }

  private static String summary(String body) {
    Matcher m = Pattern.compile(
            "\"eligibleChildren\":(\\d+).*?\"availableVolunteers\":(\\d+),\"optimal\":"
                + "\\{\"paired\":(\\d+),\"totalScore\":([0-9.]+)},\"greedy\":\\{\"paired\":(\\d+),\"totalScore\":([0-9.]+)}")
        .matcher(body);
    if (!m.find()) {
      return body.length() > 300 ? body.substring(0, 300) : body;
    }
    Matcher elapsed = Pattern.compile("\"elapsedMs\":(\\d+)").matcher(body);
    return String.format(
        "%s children, %s volunteers: optimal pairs %s (score %s), greedy %s (score %s); "
            + "server-side %s ms",
        m.group(1),
        m.group(2),
        m.group(3),
        m.group(4),
        m.group(5),
        m.group(6),
        elapsed.find() ? elapsed.group(1) : "?");
  }

  private static long count(Connection db, String table, long base, int n) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT COUNT(*) FROM " + table + " WHERE id >= " + base + " AND id < " + (base + n))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Each table seeded once (a database seeded at an earlier size gets what it lacks). */
  private void seed(Connection db) throws Exception {
    long t0 = System.nanoTime();
    if (count(db, "children", CHILD_BASE, CHILDREN) == CHILDREN) {
      System.out.println("children already seeded");
    } else {
      seedChildren(db);
    }
    if (count(db, "volunteers", VOLUNTEER_BASE, VOLUNTEERS) == VOLUNTEERS) {
      System.out.println("volunteers already seeded");
    } else {
      try (Statement s = db.createStatement()) {
        s.execute("DELETE FROM volunteers WHERE id >= " + VOLUNTEER_BASE + " AND id < "
            + (VOLUNTEER_BASE + VOLUNTEERS));
      }
      seedVolunteers(db);
    }
    try (Statement s = db.createStatement()) {
      s.execute("ANALYZE TABLE children, volunteers, child_consents");
    }
    System.out.printf(
        "%d children (with consent) and %d volunteers ready in %.0f s%n",
        CHILDREN, VOLUNTEERS, (System.nanoTime() - t0) / 1e9);
  }

  private void seedChildren(Connection db) throws Exception {
    db.setAutoCommit(false);
    try (PreparedStatement child = db.prepareStatement("""
            INSERT INTO children (id, district_code, street, name, gender, birth_date, id_number_enc, id_number_index,
                                  category, needs, care_level, risk_flags, geohash, status, created_at,
                                  updated_at)
            VALUES (?, ?, NULL, ?, ?, ?, 'bench', ?, 'LEFT_BEHIND', ?, 'ONE_TO_ONE', '', ?, 'ACTIVE', NOW(3), NOW(3))
            """);
        PreparedStatement consent = db.prepareStatement("""
            INSERT INTO child_consents (id, child_id, guardian_name, relation, method, signed_at, version, recorded_by,
                                        recorded_at)
            VALUES (?, ?, '监护人', 'GRANDPARENT', 'PAPER_SCANNED', NOW(3), 'bench', 0, NOW(3))""")) {
      String[] needs = {
        "ACADEMIC_LAG",
        "LACK_OF_AFFECTION",
        "PSYCHOLOGICAL",
        "LEGAL_AWARENESS",
        "HEALTH_DISABILITY",
        "LIVING_DIFFICULTY"
      };
      for (int i = 0; i < CHILDREN; i++) {
        String district = i < PROPOSAL_CHILDREN ? PROPOSAL_DISTRICT : otherDistrict();
        double[] at = place(district);
        child.setLong(1, CHILD_BASE + i);
        child.setString(2, district);
        child.setString(3, "儿童" + i);
        child.setString(4, i % 2 == 0 ? "FEMALE" : "MALE");
        child.setObject(5, LocalDate.of(2012, 1, 1).plusDays(i % 3000));
        child.setString(6, String.format("bench%059d", i));
        child.setString(7, needs[i % needs.length] + "," + needs[(i / 7) % needs.length]);
        child.setString(8, cn.yuhao.care.region.Geo.cell(at[0], at[1]));
        child.addBatch();
        consent.setLong(1, CHILD_BASE + i);
        consent.setLong(2, CHILD_BASE + i);
        consent.addBatch();
        if (i % 5000 == 4999) {
          child.executeBatch();
          consent.executeBatch();
          db.commit();
        }
      }
      child.executeBatch();
      consent.executeBatch();
      db.commit();
    }
    db.setAutoCommit(true);
  }

  private void seedVolunteers(Connection db) throws Exception {
    db.setAutoCommit(false);
    try (PreparedStatement v = db.prepareStatement("""
            INSERT INTO volunteers (id, user_id, real_name, phone_enc, phone_index, district_code, geohash,
                                    specialties, max_children, pledge_version, agreed_at, status, applied_at, updated_at)
            VALUES (?, ?, ?, 'bench', ?, ?, ?, ?, 3, 'bench', NOW(3), 'ADMITTED', NOW(3), NOW(3))""")) {
      String[] specialties = {
        "TEACHER",
        "DOCTOR",
        "NURSE",
        "PSYCHOLOGIST",
        "SOCIAL_WORKER",
        "LAWYER",
        "POLICE",
        "FAMILY_EDUCATION_EXPERT",
        "CADRE",
        "OTHER"
      };
      for (int i = 0; i < VOLUNTEERS; i++) {
        String district = i < PROPOSAL_VOLUNTEERS ? PROPOSAL_DISTRICT : otherDistrict();
        double[] at = place(district);
        v.setLong(1, VOLUNTEER_BASE + i);
        v.setLong(2, VOLUNTEER_BASE + i);
        v.setString(3, "志愿者" + i);
        v.setString(4, String.format("bench%059d", i));
        v.setString(5, district);
        v.setString(6, cn.yuhao.care.region.Geo.cell(at[0], at[1]));
        v.setString(7, specialties[i % specialties.length]);
        v.addBatch();
        if (i % 5000 == 4999) {
          v.executeBatch();
          db.commit();
        }
      }
      v.executeBatch();
      db.commit();
    }
    db.setAutoCommit(true);
  }

  private String otherDistrict() {
    String d;
    do {
      d = districts.get(random.nextInt(districts.size()));
    } while (d.equals(PROPOSAL_DISTRICT));
    return d;
  }

  /** A place in the district: a fixed pseudo-centre per district inside Chongqing, spread about ±25 km. */
  private double[] place(String district) {
    Random centre = new Random(district.hashCode());
    double lat = 28.6 + centre.nextDouble() * 3.0;
    double lng = 105.8 + centre.nextDouble() * 3.8;
    return new double[] {
      lat + (random.nextDouble() - 0.5) * 0.45, lng + (random.nextDouble() - 0.5) * 0.5
    };
  }

  private String login(String code) throws Exception {
    String body = post("/api/v1/auth/wechat-login", null, "{\"code\":\"" + code + "\"}");
    Matcher m = TOKEN.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("login failed: " + body);
    }
    return m.group(1);
  }

  private String volunteer(String admin, String district, double lat, double lng) throws Exception {
    // New people on every run: the run's start time in the name (the random sequence repeats by
    // design).
    String token = login("bench_vol_" + RUN + "_" + district + "_" + random.nextInt(1_000_000));
    String applied =
        post("/api/v1/volunteers/me/application", token, String.format("""
        {"realName":"基准志愿者","phone":"13800001234","districtCode":"%s","location":{"lat":%.6f,"lng":%.6f},
         "specialties":["TEACHER"],"maxChildren":3,"agreedTerms":true,"pledgeVersion":"2026-11"}""", district, lat, lng));
    Matcher m = ID.matcher(applied);
    if (!m.find()) {
      throw new IllegalStateException("application failed: " + applied);
    }
    post("/api/v1/admin/volunteers/" + m.group(1) + "/admit", admin, """
        {"backgroundCheck":{"checkedBy":"基准","checkedAt":"2026-01-01T00:00:00Z","result":"CLEAR"},"note":"基准"}""");
    return token;
  }

  private String post(String path, String token, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpResponse<Void> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static int status(HttpResponse<?> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + " from " + r.uri());
    }
    return r.statusCode();
  }

  interface Call {
    int call() throws Exception;
  }

  /** Sequential calls (one at a time: latency, not throughput), after 100 warm-up calls. */
  private static Histogram time(Call call, int n) throws Exception {
    for (int i = 0; i < 100; i++) {
      call.call();
    }
    Histogram h = new Histogram(60_000_000L, 3);
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      call.call();
      h.recordValue((System.nanoTime() - t0) / 1000);
    }
    return h;
  }

  private Histogram timeScan(Connection db, String sql, int n) throws Exception {
    Histogram h = new Histogram(600_000_000L, 3);
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < n + 2; i++) {
        double[] at = place(districts.get(random.nextInt(districts.size())));
        long t0 = System.nanoTime();
        java.util.PriorityQueue<double[]> nearest =
            new java.util.PriorityQueue<>((x, y) -> Double.compare(y[1], x[1]));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            double[] c = cn.yuhao.care.region.Geo.centre(rs.getString(2));
            nearest.add(
                new double[] {rs.getLong(1), cn.yuhao.care.region.Geo.km(at[0], at[1], c[0], c[1])
                });
            if (nearest.size() > 20) {
              nearest.poll();
            }
          }
        }
        if (i >= 2) {
          h.recordValue((System.nanoTime() - t0) / 1000);
        }
      }
    }
    return h;
  }

  private static double p(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static String line(String name, Histogram h) {
    return String.format(
        "%-36s n=%-5d p50=%8.2fms p99=%8.2fms max=%8.2fms",
        name, h.getTotalCount(), p(h, 50), p(h, 99), h.getMaxValue() / 1000.0);
  }

  static Connection connect() throws Exception {
    String url = System.getenv("DB_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "the matching and dashboard scenarios need DB_URL (a database of its own), e.g. "
              + "jdbc:mysql://127.0.0.1:3306/yuhao_bench");
    }
    return DriverManager.getConnection(
        url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true",
        System.getenv().getOrDefault("DB_USER", "root"),
        System.getenv().getOrDefault("DB_PASSWORD", ""));
  }
}
