package cn.yuhao.care.merchant;

import cn.yuhao.care.db.Columns;
import cn.yuhao.care.region.Geo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** SQL of merchants' offers (礼遇): writing them, and the volunteer's search for what she can redeem. */
final class OfferDao {
  private static final String SELECT = """
      SELECT o.id, o.merchant_id, m.name AS merchant_name, m.category, m.district_code, o.title, o.description,
             o.points_cost, o.stock_total, o.stock_left, o.per_volunteer_limit, o.limit_period, o.valid_from,
             o.valid_to, o.min_stars, o.status, m.address, m.latitude, m.longitude
        FROM offers o JOIN merchants m ON m.id = o.merchant_id""";

  private final Handle h;

  OfferDao(Handle h) {
    this.h = h;
  }

  void insert(long id, long merchantId, OfferService.OfferInput in, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO offers (id, merchant_id, title, description, points_cost, stock_total, stock_left,
                                per_volunteer_limit, limit_period, valid_from, valid_to, min_stars, status, created_by,
                                created_at, updated_at)
            VALUES (:id, :m, :t, :d, :cost, :stock, :stock, :lim, :period, :from, :to, :stars, 'ACTIVE', :by, :now,
                    :now)""")
        .bind("id", id)
        .bind("m", merchantId)
        .bind("t", in.title().trim())
        .bind("d", in.description().trim())
        .bind("cost", in.pointsCost())
        .bind("stock", in.stock())
        .bind("lim", in.perVolunteerLimit())
        .bind("period", in.limitPeriod() == null ? "OFFER" : in.limitPeriod())
        .bind("from", in.validFrom())
        .bind("to", in.validTo())
        .bind("stars", in.minStars() == null ? 0 : in.minStars())
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  /**
   * Changes the given fields (null: unchanged) and moves the stock by {@code stockChange}; false when that would
   * take what is left below zero.
   */
  boolean update(
      long id,
      OfferService.OfferInput in,
      int stockChange,
      Instant validFrom,
      Instant validTo,
      Instant now) {
    return h.createUpdate("""
                UPDATE offers SET title = COALESCE(:t, title), description = COALESCE(:d, description),
                       stock_total = stock_total + :ds, stock_left = stock_left + :ds,
                       per_volunteer_limit = CASE WHEN :limSet THEN :lim ELSE per_volunteer_limit END,
                       limit_period = COALESCE(:period, limit_period), valid_from = :from, valid_to = :to,
                       min_stars = COALESCE(:stars, min_stars), status = COALESCE(:st, status), updated_at = :now
                 WHERE id = :id AND stock_left + :ds >= 0""")
            .bind("id", id)
            .bind("t", trim(in.title()))
            .bind("d", trim(in.description()))
            .bind("ds", stockChange)
            .bind("limSet", in.perVolunteerLimit() != null)
            .bind("lim", in.perVolunteerLimit())
            .bind("period", in.limitPeriod())
            .bind("from", validFrom)
            .bind("to", validTo)
            .bind("stars", in.minStars())
            .bind("st", in.status())
            .bind("now", now)
            .execute()
        == 1;
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  List<OfferService.Offer> ofMerchant(long merchantId, long before, int limit) {
    return h.createQuery(
            SELECT + " WHERE o.merchant_id = :m AND o.id < :before ORDER BY o.id DESC LIMIT :n")
        .bind("m", merchantId)
        .bind("before", before)
        .bind("n", limit)
        .map((rs, ctx) -> row(rs, ctx, null, null))
        .list();
  }

  /** An offer by id (no scope: offers are public to volunteers; admin callers check the merchant's scope). */
  Optional<OfferService.Offer> find(long id) {
    return h.createQuery(SELECT + " WHERE o.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> row(rs, ctx, null, null))
        .findOne();
  }

  /**
   * Offers redeemable now by a volunteer of {@code stars} (active, of an active merchant, within their dates,
   * with stock), at most 1000; within the geohash {@code cells} when given, with the distance from (lat, lng)
   * when given, and whether {@code balance} covers each. Without cells, the next 1000 by end date after the
   * cursor {@code after} (its time is a validTo).
   */
  List<OfferService.Offer> redeemableNow(
      Instant now,
      int stars,
      List<String> cells,
      Double lat,
      Double lng,
      long balance,
      cn.yuhao.care.http.TimeCursor after) {
    List<String> terms = new ArrayList<>();
    if (cells != null) {
      for (int i = 0; i < cells.size(); i++) {
        terms.add("m.geohash LIKE :cell" + i);
      }
    }
    Query q = h.createQuery(SELECT + " " + """
         WHERE o.status = 'ACTIVE' AND m.status = 'ACTIVE' AND o.valid_from <= :now AND o.valid_to > :now
           AND o.stock_left > 0 AND o.min_stars <= :stars"""
            + (terms.isEmpty() ? "" : " AND (" + String.join(" OR ", terms) + ")")
            + (cells != null
                ? " ORDER BY o.id LIMIT 1000"
                : " AND (o.valid_to > :afterTo OR (o.valid_to = :afterTo AND o.id > :afterId))"
                    + " ORDER BY o.valid_to, o.id LIMIT 1000"))
        .bind("now", now)
        .bind("stars", stars)
        .bind("afterTo", after.at())
        .bind("afterId", after.id());
    for (int i = 0; i < terms.size(); i++) {
      q.bind("cell" + i, cells.get(i) + "%");
    }
    return q.map((rs, ctx) -> {
          Double km = lat == null || rs.getBigDecimal("latitude") == null
              ? null
              : Math.round(
                      Geo.km(lat, lng, rs.getDouble("latitude"), rs.getDouble("longitude")) * 10)
                  / 10.0;
          return row(rs, ctx, km, rs.getInt("points_cost") <= balance);
        })
        .list();
  }

  private static OfferService.Offer row(
      java.sql.ResultSet rs,
      org.jdbi.v3.core.statement.StatementContext ctx,
      Double km,
      Boolean affordable)
      throws java.sql.SQLException {
    return new OfferService.Offer(
        Long.toString(rs.getLong("id")),
        Long.toString(rs.getLong("merchant_id")),
        rs.getString("merchant_name"),
        rs.getString("category"),
        rs.getString("district_code"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getInt("points_cost"),
        rs.getInt("stock_total"),
        rs.getInt("stock_left"),
        rs.getObject("per_volunteer_limit", Integer.class),
        rs.getString("limit_period"),
        Columns.instant(rs, "valid_from", ctx),
        Columns.instant(rs, "valid_to", ctx),
        rs.getInt("min_stars"),
        rs.getString("status"),
        rs.getString("address"),
        km,
        affordable);
  }
}
