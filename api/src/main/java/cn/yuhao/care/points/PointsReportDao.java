package cn.yuhao.care.points;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of the points reports: the ledger's invariants as queries for violating rows, and the year's totals. */
final class PointsReportDao {
  /** A rule of the ledger, as a query for the ids of rows that break it. */
  record Rule(String name, String description, String violationsSql) {}

  static final List<Rule> RULES = List.of(
      new Rule("transactions-balance", "每笔交易的分录合计为零", """
          SELECT transaction_id FROM points_entries GROUP BY transaction_id HAVING SUM(amount) <> 0"""),
      new Rule("cached-balances", "每个账户的余额等于其分录之和", """
          SELECT a.id FROM points_accounts a
            LEFT JOIN (SELECT account_id, SUM(amount) AS s FROM points_entries GROUP BY account_id) e
                   ON e.account_id = a.id
           WHERE a.balance <> COALESCE(e.s, 0)"""),
      new Rule("no-negative-balance", "除发行账户外没有负余额", """
          SELECT id FROM points_accounts WHERE balance < 0 AND NOT allow_negative"""),
      new Rule("transaction-amounts", "交易金额等于其借方合计", """
          SELECT t.id FROM points_transactions t
            LEFT JOIN (SELECT transaction_id, SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS moved
                         FROM points_entries GROUP BY transaction_id) e ON e.transaction_id = t.id
           WHERE t.amount <> COALESCE(e.moved, 0)"""),
      new Rule("redemptions-held", "每次兑换：冻结 = 核销 + 退回 + 仍冻结，且与状态相符", """
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
              OR (r.status IN ('CANCELLED', 'EXPIRED') AND (x.released <> r.points OR x.captured <> 0))"""),
      new Rule("held-account", "冻结账户（各分片之和）等于未核销兑换的积分之和", """
          SELECT 3 FROM DUAL
           WHERE (SELECT SUM(balance) FROM points_accounts WHERE kind = 'HELD')
              <> (SELECT COALESCE(SUM(points), 0) FROM redemptions WHERE status = 'HELD')"""),
      new Rule("lots-match-balances", "每位志愿者可用与待生效积分等于其积分批次余量之和", """
          SELECT a.id FROM points_accounts a
            LEFT JOIN (SELECT user_id, SUM(CASE WHEN matured THEN remaining ELSE 0 END) AS spendable,
                              SUM(CASE WHEN matured THEN 0 ELSE remaining END) AS pending
                         FROM points_lots GROUP BY user_id) l ON l.user_id = a.owner_id
           WHERE (a.kind = 'VOLUNTEER' AND a.balance <> COALESCE(l.spendable, 0))
              OR (a.kind = 'PENDING' AND a.balance <> COALESCE(l.pending, 0))"""),
      new Rule("lots-within-bounds", "积分批次余量在 0 与原额之间", """
          SELECT id FROM points_lots WHERE remaining < 0 OR remaining > amount"""),
      new Rule("offer-stock", "礼遇库存 = 总量 − 未退回的兑换，且不为负", """
          SELECT o.id FROM offers o
            LEFT JOIN (SELECT offer_id, COUNT(*) AS n FROM redemptions WHERE status IN ('HELD', 'USED')
                        GROUP BY offer_id) r ON r.offer_id = o.id
           WHERE o.stock_left < 0 OR o.stock_left <> o.stock_total - COALESCE(r.n, 0)"""));

  private final Handle h;

  PointsReportDao(Handle h) {
    this.h = h;
  }

  /** The ids of the rows that break the rule. */
  List<Long> violations(Rule rule) {
    return h.createQuery(rule.violationsSql()).mapTo(Long.class).list();
  }

  List<PointsReports.Total> byDistrict(Instant from, Instant to) {
    return h.createQuery("""
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
  }

  List<PointsReports.Total> byMonth(Instant from, Instant to) {
    return h.createQuery("""
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
  }

  List<PointsReports.Total> byMerchant(Instant from, Instant to) {
    return h.createQuery("""
              SELECT m.id AS k, m.name AS label, 0 AS issued, SUM(t.amount) AS redeemed, 0 AS expired
                FROM points_transactions t JOIN redemptions r ON r.id = t.redemption_id
                JOIN merchants m ON m.id = r.merchant_id
               WHERE t.kind = 'CAPTURE' AND t.created_at >= :from AND t.created_at < :to
               GROUP BY m.id, m.name ORDER BY redeemed DESC""")
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> total(rs))
        .list();
  }

  List<PointsReports.Total> byCategory(Instant from, Instant to) {
    return h.createQuery("""
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
  }

  /** Points issued and not yet redeemed or expired: what the issuance account gave, less merchants' and expiry's. */
  long outstanding() {
    return -h.createQuery("SELECT balance FROM points_accounts WHERE id = 1")
            .mapTo(Long.class)
            .one()
        - h.createQuery(
                "SELECT COALESCE(SUM(balance), 0) FROM points_accounts WHERE kind IN ('MERCHANT', 'EXPIRY')")
            .mapTo(Long.class)
            .one();
  }

  long held() {
    return h.createQuery("SELECT SUM(balance) FROM points_accounts WHERE kind = 'HELD'")
        .mapTo(Long.class)
        .one();
  }

  private static PointsReports.Total total(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new PointsReports.Total(
        rs.getString("k"),
        rs.getString("label"),
        rs.getLong("issued"),
        rs.getLong("redeemed"),
        rs.getLong("expired"));
  }
}
