package cn.yuhao.care.points;

import cn.yuhao.care.checklist.CarePeriods;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The ledger's invariant check, and the city's issued / redeemed / expired totals. */
public final class PointsReports {
  public record Check(String name, String description, long violations, List<String> examples) {}

  public record Invariants(boolean ok, List<Check> checks) {}

  public record Total(String key, String label, long issued, long redeemed, long expired) {}

  public record Summary(
      long issued,
      long redeemed,
      long expired,
      long outstanding,
      long held,
      List<Total> byDistrict,
      List<Total> byMonth,
      List<Total> byMerchant,
      List<Total> byCategory) {}

  private final Jdbi jdbi;

  public PointsReports(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Every check is a query for rows that break a rule; the ledger is sound when all come back empty. Run in one
   * REPEATABLE READ transaction, so the checks see one consistent snapshot while redemptions go on.
   */
  public Invariants invariants() {
    return jdbi.inTransaction(h -> {
      List<Check> checks = new ArrayList<>();
      checks.add(check(h, "transactions-balance", "每笔交易的分录合计为零", """
          SELECT transaction_id FROM points_entries GROUP BY transaction_id HAVING SUM(amount) <> 0"""));
      checks.add(check(h, "cached-balances", "每个账户的余额等于其分录之和", """
          SELECT a.id FROM points_accounts a
            LEFT JOIN (SELECT account_id, SUM(amount) AS s FROM points_entries GROUP BY account_id) e
                   ON e.account_id = a.id
           WHERE a.balance <> COALESCE(e.s, 0)"""));
      checks.add(check(h, "no-negative-balance", "除发行账户外没有负余额", """
          SELECT id FROM points_accounts WHERE balance < 0 AND NOT allow_negative"""));
      checks.add(check(h, "transaction-amounts", "交易金额等于其借方合计", """
          SELECT t.id FROM points_transactions t
            LEFT JOIN (SELECT transaction_id, SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS moved
                         FROM points_entries GROUP BY transaction_id) e ON e.transaction_id = t.id
           WHERE t.amount <> COALESCE(e.moved, 0)"""));
      checks.add(check(h, "redemptions-held", "每次兑换：冻结 = 核销 + 退回 + 仍冻结，且与状态相符", """
          SELECT r.id FROM redemptions r
            LEFT JOIN (SELECT t.redemption_id,
                              SUM(CASE WHEN t.kind = 'HOLD' THEN e.amount ELSE 0 END) AS held,
                              SUM(CASE WHEN t.kind = 'CAPTURE' THEN -e.amount ELSE 0 END) AS captured,
                              SUM(CASE WHEN t.kind = 'RELEASE' THEN -e.amount ELSE 0 END) AS released
                         FROM points_transactions t JOIN points_entries e ON e.transaction_id = t.id
                        WHERE e.account_id BETWEEN 3 AND 18 GROUP BY t.redemption_id) x ON x.redemption_id = r.id
           WHERE COALESCE(x.held, 0) <> r.points
              OR (r.status = 'HELD' AND (x.captured <> 0 OR x.released <> 0))
              OR (r.status = 'USED' AND (x.captured <> r.points OR x.released <> 0))
              OR (r.status IN ('CANCELLED', 'EXPIRED') AND (x.released <> r.points OR x.captured <> 0))"""));
      checks.add(check(h, "held-account", "冻结账户（各分片之和）等于未核销兑换的积分之和", """
          SELECT 3 FROM DUAL
           WHERE (SELECT SUM(balance) FROM points_accounts WHERE kind = 'HELD')
              <> (SELECT COALESCE(SUM(points), 0) FROM redemptions WHERE status = 'HELD')"""));
      checks.add(check(h, "lots-match-balances", "每位志愿者可用与待生效积分等于其积分批次余量之和", """
          SELECT a.id FROM points_accounts a
            LEFT JOIN (SELECT user_id, SUM(CASE WHEN matured THEN remaining ELSE 0 END) AS spendable,
                              SUM(CASE WHEN matured THEN 0 ELSE remaining END) AS pending
                         FROM points_lots GROUP BY user_id) l ON l.user_id = a.owner_id
           WHERE (a.kind = 'VOLUNTEER' AND a.balance <> COALESCE(l.spendable, 0))
              OR (a.kind = 'PENDING' AND a.balance <> COALESCE(l.pending, 0))"""));
      checks.add(check(h, "lots-within-bounds", "积分批次余量在 0 与原额之间", """
          SELECT id FROM points_lots WHERE remaining < 0 OR remaining > amount"""));
      checks.add(check(h, "offer-stock", "礼遇库存 = 总量 − 未退回的兑换，且不为负", """
          SELECT o.id FROM offers o
            LEFT JOIN (SELECT offer_id, COUNT(*) AS n FROM redemptions WHERE status IN ('HELD', 'USED')
                        GROUP BY offer_id) r ON r.offer_id = o.id
           WHERE o.stock_left < 0 OR o.stock_left <> o.stock_total - COALESCE(r.n, 0)"""));
      return new Invariants(checks.stream().allMatch(c -> c.violations() == 0), checks);
    });
  }

  private static Check check(Handle h, String name, String description, String violationsSql) {
    List<String> ids = h.createQuery(violationsSql).mapTo(Long.class).list().stream()
        .map(String::valueOf)
        .toList();
    return new Check(name, description, ids.size(), ids.subList(0, Math.min(10, ids.size())));
  }

  /**
   * Issued = earned and granted (less claw-backs) by the volunteer's district and the month it was booked;
   * redeemed = captured by merchants, by merchant, its category and month; expired = posted to the expiry account (lots that
   * expired, and the part of a released hold whose lots expired meanwhile).
   */
  public Summary summary(int year) {
    return jdbi.withHandle(h -> {
      java.time.Instant from =
          java.time.LocalDate.of(year, 1, 1).atStartOfDay(CarePeriods.CHONGQING).toInstant();
      java.time.Instant to = java.time.LocalDate.of(year + 1, 1, 1)
          .atStartOfDay(CarePeriods.CHONGQING)
          .toInstant();
      List<Total> byDistrict = h.createQuery("""
              SELECT v.district_code AS k, r.name AS label,
                     SUM(CASE WHEN t.kind IN ('EARN', 'GRANT') THEN t.amount WHEN t.kind = 'CLAWBACK' THEN -t.amount
                              ELSE 0 END) AS issued,
                     SUM(CASE WHEN t.kind = 'CAPTURE' THEN t.amount ELSE 0 END) AS redeemed,
                     SUM((SELECT COALESCE(SUM(e.amount), 0) FROM points_entries e WHERE e.transaction_id = t.id AND e.account_id = 2)) AS expired
                FROM points_transactions t JOIN volunteers v ON v.user_id = t.user_id
                JOIN regions r ON r.code = v.district_code
               WHERE t.created_at >= :from AND t.created_at < :to
               GROUP BY v.district_code, r.name ORDER BY v.district_code""")
          .bind("from", from)
          .bind("to", to)
          .map((rs, ctx) -> total(rs))
          .list();
      List<Total> byMonth = h.createQuery("""
              SELECT DATE_FORMAT(CONVERT_TZ(t.created_at, '+00:00', '+08:00'), '%Y-%m') AS k,
                     DATE_FORMAT(CONVERT_TZ(t.created_at, '+00:00', '+08:00'), '%Y-%m') AS label,
                     SUM(CASE WHEN t.kind IN ('EARN', 'GRANT') THEN t.amount WHEN t.kind = 'CLAWBACK' THEN -t.amount
                              ELSE 0 END) AS issued,
                     SUM(CASE WHEN t.kind = 'CAPTURE' THEN t.amount ELSE 0 END) AS redeemed,
                     SUM((SELECT COALESCE(SUM(e.amount), 0) FROM points_entries e WHERE e.transaction_id = t.id AND e.account_id = 2)) AS expired
                FROM points_transactions t
               WHERE t.created_at >= :from AND t.created_at < :to GROUP BY k, label ORDER BY k""")
          .bind("from", from)
          .bind("to", to)
          .map((rs, ctx) -> total(rs))
          .list();
      List<Total> byMerchant = h.createQuery("""
              SELECT m.id AS k, m.name AS label, 0 AS issued, SUM(t.amount) AS redeemed, 0 AS expired
                FROM points_transactions t JOIN redemptions r ON r.id = t.redemption_id
                JOIN merchants m ON m.id = r.merchant_id
               WHERE t.kind = 'CAPTURE' AND t.created_at >= :from AND t.created_at < :to
               GROUP BY m.id, m.name ORDER BY redeemed DESC""")
          .bind("from", from)
          .bind("to", to)
          .map((rs, ctx) -> total(rs))
          .list();
      List<Total> byCategory = h.createQuery("""
              SELECT m.category AS k,
                     CASE m.category WHEN 'FOOD' THEN '餐饮' WHEN 'SUPERMARKET' THEN '商超'
                                     WHEN 'CULTURE_TOURISM' THEN '文旅场馆' ELSE '其他' END AS label, 0 AS issued, SUM(t.amount) AS redeemed, 0 AS expired
                FROM points_transactions t JOIN redemptions r ON r.id = t.redemption_id
                JOIN merchants m ON m.id = r.merchant_id
               WHERE t.kind = 'CAPTURE' AND t.created_at >= :from AND t.created_at < :to
               GROUP BY m.category, label ORDER BY redeemed DESC""")
          .bind("from", from)
          .bind("to", to)
          .map((rs, ctx) -> total(rs))
          .list();
      long issued = byMonth.stream().mapToLong(Total::issued).sum();
      long redeemed = byMonth.stream().mapToLong(Total::redeemed).sum();
      long expired = byMonth.stream().mapToLong(Total::expired).sum();
      long outstanding = -h.createQuery("SELECT balance FROM points_accounts WHERE id = 1")
              .mapTo(Long.class)
              .one()
          - h.createQuery(
                  "SELECT COALESCE(SUM(balance), 0) FROM points_accounts WHERE kind IN ('MERCHANT', 'EXPIRY')")
              .mapTo(Long.class)
              .one();
      long held = h.createQuery("SELECT SUM(balance) FROM points_accounts WHERE kind = 'HELD'")
          .mapTo(Long.class)
          .one();
      return new Summary(
          issued,
          redeemed,
          expired,
          outstanding - held,
          held,
          byDistrict,
          byMonth,
          byMerchant,
          byCategory);
    });
  }

  private static Total total(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Total(
        rs.getString("k"),
        rs.getString("label"),
        rs.getLong("issued"),
        rs.getLong("redeemed"),
        rs.getLong("expired"));
  }
}
