package cn.yuhao.care.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical limit of a scenario's writes: the same durable rows the service writes for one request, by plain
 * JDBC, one transaction each, against the same database, from as many threads as the HTTP phase used, in the
 * same run. The service's throughput divided by this is the figure that says how much the service costs. The
 * rows are written with negative ids (and district codes 999xxx) into the real tables and removed afterwards.
 */
final class JdbcBaseline {
  private static final Pattern EMBEDDED =
      Pattern.compile("embedded MariaDB started on 127\\.0\\.0\\.1:(\\d+)");
  private static final int DISTRICTS = 41;

  private final BenchClient client;
  /** Opened before any timing, one per thread, and lent out per transaction. */
  private final java.util.concurrent.BlockingQueue<Connection> idle =
      new java.util.concurrent.LinkedBlockingQueue<>();

  private final List<Connection> opened = new ArrayList<>();

  JdbcBaseline(BenchClient client) {
    this.client = client;
  }

  /** DB_URL when set, else the embedded database the started service logged (bench-service.log). */
  static Connection connect() throws Exception {
    String url = System.getenv("DB_URL");
    if (url == null || url.isBlank()) {
      Path log = Path.of(System.getProperty("bench.serviceLog", "target/bench-service.log"));
      Matcher m = EMBEDDED.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (!m.find()) {
        throw new IllegalStateException("no DB_URL and no embedded database in " + log);
      }
      url = "jdbc:mysql://127.0.0.1:" + m.group(1) + "/yuhao";
    }
    return DriverManager.getConnection(
        url,
        System.getenv().getOrDefault("DB_USER", "root"),
        System.getenv().getOrDefault("DB_PASSWORD", ""));
  }

  interface Tx {
    void run(Connection c, int i) throws SQLException;
  }

  /** n transactions from {@code threads} threads, each on a connection opened beforehand. */
  BenchClient.Phase run(String name, int n, int threads, Tx tx) throws Exception {
    while (opened.size() < threads) {
      Connection c = connect();
      c.setAutoCommit(false);
      opened.add(c);
      idle.add(c);
    }
    return client.run(name, n, threads, i -> {
      Connection c = idle.take();
      try {
        tx.run(c, i);
        c.commit();
        return 200;
      } catch (SQLException e) {
        c.rollback();
        return 500;
      } finally {
        idle.add(c);
      }
    });
  }

  /**
   * One live scan's durable writes, n times: the child's attendance row, the scan's row by its clientScanId,
   * and the district's weekly count of marks (the dashboard's counter, upserted in the same transaction).
   */
  BenchClient.Phase scans(String name, int n, int threads) throws Exception {
    Timestamp now = Timestamp.from(Instant.now());
    java.sql.Date week =
        java.sql.Date.valueOf(LocalDate.now(ZoneOffset.UTC).with(java.time.DayOfWeek.MONDAY));
    try {
      // The generator's JDBC path warms up (connections opened, code compiled) on rows of its own
      // first.
      run("warm-up", n, threads, (c, i) -> scan(c, n + i, now, week));
      return run(name, n, threads, (c, i) -> scan(c, i, now, week));
    } finally {
      clean(
          "DELETE FROM attendance WHERE session_id < 0",
          "DELETE FROM attendance_scans WHERE session_id < 0",
          "DELETE FROM dash_attendance_weekly WHERE district_code LIKE '999%'");
    }
  }

  private static void scan(Connection c, int i, Timestamp now, java.sql.Date week)
      throws SQLException {
    long session = -1 - i / 35;
    try (PreparedStatement a = c.prepareStatement(
            "INSERT INTO attendance (session_id, child_id, status, scanned_at, recorded_at, recorded_by,"
                + " late_sync) VALUES (?, ?, 'PRESENT', ?, ?, 1, 0)");
        PreparedStatement s = c.prepareStatement(
            "INSERT INTO attendance_scans (session_id, client_scan_id, result, child_id, scanned_at,"
                + " received_at) VALUES (?, ?, 'RECORDED', ?, ?, ?)");
        PreparedStatement d = c.prepareStatement(
            "INSERT INTO dash_attendance_weekly (district_code, week, status, marks)"
                + " VALUES (?, ?, 'PRESENT', 1) ON DUPLICATE KEY UPDATE marks = marks + 1")) {
      a.setLong(1, session);
      a.setLong(2, i);
      a.setTimestamp(3, now);
      a.setTimestamp(4, now);
      a.executeUpdate();
      s.setLong(1, session);
      s.setString(2, "baseline-" + i);
      s.setLong(3, i);
      s.setTimestamp(4, now);
      s.setTimestamp(5, now);
      s.executeUpdate();
      d.setString(1, String.format("999%03d", (i / 35) % DISTRICTS));
      d.setDate(2, week);
      d.executeUpdate();
    }
  }

  /**
   * One redemption's transaction, n times on n accounts and n offers of its own (copies of {@code likeOffer},
   * stock 10): lock her balance, lock and check the offer's stock, insert the redemption with its code, the
   * HOLD transaction and its two entries, take the points from her balance and one from the stock.
   */
  BenchClient.Phase redemptions(String name, int n, int threads, long likeOffer) throws Exception {
    Instant now = Instant.now();
    try (Connection c = connect()) {
      copyOffers(c, likeOffer, 2 * n);
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO points_accounts (id, kind, owner_id, balance, allow_negative, created_at)"
              + " VALUES (?, 'BENCH', ?, 1000, 0, ?)")) {
        for (int i = 0; i < 2 * n; i++) {
          p.setLong(1, -1 - i);
          p.setLong(2, -1 - i);
          p.setTimestamp(3, Timestamp.from(now));
          p.addBatch();
        }
        p.executeBatch();
      }
    }
    try {
      // Warmed up on accounts and offers of its own, as the HTTP phase was.
      run("warm-up", n, threads, (c, i) -> redeem(c, n + i, Timestamp.from(now)));
      return run(name, n, threads, (c, i) -> redeem(c, i, Timestamp.from(now)));
    } finally {
      clean(
          "DELETE FROM redemptions WHERE id < 0",
          "DELETE FROM points_entries WHERE id < 0",
          "DELETE FROM points_transactions WHERE id < 0",
          "DELETE FROM points_accounts WHERE kind = 'BENCH'",
          "DELETE FROM offers WHERE id < 0");
    }
  }

  private static void redeem(Connection c, int i, Timestamp now) throws SQLException {
    long account = -1 - i;
    long offer = -1 - i;
    long id = -1 - i;
    try (PreparedStatement lock =
            c.prepareStatement("SELECT balance FROM points_accounts WHERE id = ? FOR UPDATE");
        PreparedStatement stock = c.prepareStatement(
            "SELECT stock_left, points_cost, merchant_id FROM offers WHERE id = ? FOR UPDATE");
        PreparedStatement redemption = c.prepareStatement(
            "INSERT INTO redemptions (id, offer_id, merchant_id, user_id, points, code, active_code, status,"
                + " expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'HELD', ?, ?)");
        PreparedStatement tx = c.prepareStatement(
            "INSERT INTO points_transactions (id, business_key, kind, user_id, redemption_id, amount, memo,"
                + " created_by, created_at) VALUES (?, ?, 'HOLD', ?, ?, ?, '兑换冻结：基线', ?, ?)");
        PreparedStatement entries = c.prepareStatement(
            "INSERT INTO points_entries (id, transaction_id, account_id, amount, created_at)"
                + " VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)");
        PreparedStatement debit =
            c.prepareStatement("UPDATE points_accounts SET balance = balance - ? WHERE id = ?");
        PreparedStatement take = c.prepareStatement(
            "UPDATE offers SET stock_left = stock_left - 1 WHERE id = ? AND stock_left > 0")) {
      lock.setLong(1, account);
      long balance;
      try (ResultSet r = lock.executeQuery()) {
        r.next();
        balance = r.getLong(1);
      }
      stock.setLong(1, offer);
      int cost;
      long merchant;
      try (ResultSet r = stock.executeQuery()) {
        r.next();
        if (r.getInt(1) <= 0) {
          throw new SQLException("out of stock");
        }
        cost = r.getInt(2);
        merchant = r.getLong(3);
      }
      if (balance < cost) {
        throw new SQLException("insufficient points");
      }
      String code = String.format("B%07d", i);
      redemption.setLong(1, id);
      redemption.setLong(2, offer);
      redemption.setLong(3, merchant);
      redemption.setLong(4, account);
      redemption.setInt(5, cost);
      redemption.setString(6, code);
      redemption.setString(7, code);
      redemption.setTimestamp(8, Timestamp.from(now.toInstant().plus(7, ChronoUnit.DAYS)));
      redemption.setTimestamp(9, now);
      redemption.executeUpdate();
      tx.setLong(1, id);
      tx.setString(2, "baseline:" + id);
      tx.setLong(3, account);
      tx.setLong(4, id);
      tx.setLong(5, cost);
      tx.setLong(6, account);
      tx.setTimestamp(7, now);
      tx.executeUpdate();
      Object[] legs = {
        2 * id, id, account, (long) -cost, now, 2 * id - 1, id, -1_000_000L, (long) cost, now
      };
      for (int k = 0; k < legs.length; k++) {
        entries.setObject(k + 1, legs[k]);
      }
      entries.executeUpdate();
      debit.setLong(1, cost);
      debit.setLong(2, account);
      debit.executeUpdate();
      take.setLong(1, offer);
      if (take.executeUpdate() != 1) {
        throw new SQLException("out of stock");
      }
    }
  }

  /** n copies of an offer with ids -1..-n and a stock of 10 each. */
  private static void copyOffers(Connection c, long likeOffer, int n) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT * FROM offers WHERE id = ?")) {
      p.setLong(1, likeOffer);
      try (ResultSet r = p.executeQuery()) {
        for (int k = 1; k <= r.getMetaData().getColumnCount(); k++) {
          columns.add(r.getMetaData().getColumnName(k));
        }
      }
    }
    String copied = columns.stream()
        .map(col -> switch (col) {
          case "id" -> "?";
          case "stock_left", "stock_total" -> "10";
          default -> col;
        })
        .reduce((a, b) -> a + ", " + b)
        .orElseThrow();
    try (PreparedStatement p = c.prepareStatement("INSERT INTO offers ("
        + String.join(", ", columns) + ") SELECT " + copied + " FROM offers WHERE id = ?")) {
      for (int i = 0; i < n; i++) {
        p.setLong(1, -1 - i);
        p.setLong(2, likeOffer);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void clean(String... statements) throws Exception {
    for (Connection c : opened) {
      c.close();
    }
    opened.clear();
    idle.clear();
    try (Connection c = connect();
        var s = c.createStatement()) {
      for (String sql : statements) {
        s.executeUpdate(sql);
      }
    }
  }
}
