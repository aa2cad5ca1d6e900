package cn.yuhao.care.merchant;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.http.TimeCursor;
import cn.yuhao.care.points.PointsService;
import cn.yuhao.care.points.RedemptionLimits;
import cn.yuhao.care.region.Geo;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Offers (礼遇) of partner merchants, and the list a volunteer can redeem now, nearest first. */
public final class OfferService {
  static final Set<String> PERIODS = Set.of("DAY", "WEEK", "MONTH", "OFFER");
  static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED", "ENDED");
  static final int MAX_COST = 1_000_000;
  static final int MAX_STOCK = 1_000_000;
  /** Widening searches: geohash prefixes of 5 (~5 km), 4 (~20–40 km) and 3 characters around the point. */
  private static final int[] PRECISIONS = {5, 4, 3};

  public record OfferInput(
      String title,
      String description,
      Integer pointsCost,
      Integer stock,
      Integer perVolunteerLimit,
      String limitPeriod,
      Instant validFrom,
      Instant validTo,
      Integer minStars,
      String status) {}

  public record Offer(
      String id,
      String merchantId,
      String merchantName,
      String category,
      String districtCode,
      String title,
      String description,
      int pointsCost,
      int stockTotal,
      int stockLeft,
      Integer perVolunteerLimit,
      String limitPeriod,
      Instant validFrom,
      Instant validTo,
      int minStars,
      String status,
      String address,
      Double distanceKm,
      Boolean affordable) {}

  private final Jdbi jdbi;
  private final MerchantService merchants;
  private final AuditLog audit;
  private final Clock clock;

  public OfferService(Jdbi jdbi, MerchantService merchants, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.merchants = merchants;
    this.audit = audit;
    this.clock = clock;
  }

  public Offer create(Caller admin, long merchantId, OfferInput in) {
    Fields f = new Fields()
        .require("title", in.title())
        .require("description", in.description())
        .require("pointsCost", in.pointsCost())
        .require("stock", in.stock())
        .require("validFrom", in.validFrom())
        .require("validTo", in.validTo());
    if (in.status() != null) {
      f.fail("status", "新礼遇总是 ACTIVE");
    }
    validate(f, in);
    long id = Ids.next();
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      merchants.find(h, merchantId, admin.adminScope(), false);
      new OfferDao(h).insert(id, merchantId, in, admin.userId(), now);
      audit.record(
          h, admin, "offer.create", "offer", Long.toString(id), in.title().trim());
      return find(h, id);
    });
  }

  /** Changes an offer; {@code stock} adds to (or, negative, takes from) what is left — never below zero. */
  public Offer update(Caller admin, long id, OfferInput in) {
    Fields f = new Fields();
    if (in.pointsCost() != null) {
      f.fail("pointsCost", "已发布礼遇的积分不能修改；请结束它并发布新的礼遇");
    }
    f.check(
        in.stock(), in.stock() == null || Math.abs(in.stock()) <= MAX_STOCK, "stock", "库存调整超出范围");
    validate(
        f,
        new OfferInput(
            in.title(),
            in.description(),
            null,
            null,
            in.perVolunteerLimit(),
            in.limitPeriod(),
            in.validFrom(),
            in.validTo(),
            in.minStars(),
            in.status()));
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Offer o = find(h, id);
      merchants.find(h, Long.parseLong(o.merchantId()), admin.adminScope(), false);
      Instant from = in.validFrom() == null ? o.validFrom() : in.validFrom();
      Instant to = in.validTo() == null ? o.validTo() : in.validTo();
      if (!to.isAfter(from)) {
        throw AppException.invalid("validTo", "结束时间应晚于开始时间");
      }
      int stockChange = in.stock() == null ? 0 : in.stock();
      boolean updated = new OfferDao(h).update(id, in, stockChange, from, to, now);
      if (!updated) {
        throw AppException.invalid("stock", "剩余库存只有 " + o.stockLeft() + "，不能减少 " + -stockChange);
      }
      audit.record(
          h,
          admin,
          "offer.update",
          "offer",
          Long.toString(id),
          (in.status() != null ? "status " + o.status() + " → " + in.status() + " " : "")
              + (stockChange != 0 ? "stock " + (stockChange > 0 ? "+" : "") + stockChange : ""));
      return find(h, id);
    });
  }

  private static void validate(Fields f, OfferInput in) {
    f.maxLength("title", in.title(), 64)
        .maxLength("description", in.description(), 500)
        .check(
            in.pointsCost(),
            in.pointsCost() == null || (in.pointsCost() >= 1 && in.pointsCost() <= MAX_COST),
            "pointsCost",
            "所需积分应为 1 到 " + MAX_COST + " 的整数")
        .check(
            in.stock(),
            in.stock() == null || (in.stock() >= 1 && in.stock() <= MAX_STOCK),
            "stock",
            "库存应为 1 到 " + MAX_STOCK + " 的整数")
        .check(
            in.perVolunteerLimit(),
            in.perVolunteerLimit() == null
                || (in.perVolunteerLimit() >= 1 && in.perVolunteerLimit() <= 1000),
            "perVolunteerLimit",
            "每人限兑次数应为 1 到 1000")
        .check(
            in.limitPeriod(),
            in.limitPeriod() == null || PERIODS.contains(in.limitPeriod()),
            "limitPeriod",
            "应为 DAY、WEEK、MONTH 或 OFFER")
        .check(
            in.minStars(),
            in.minStars() == null || (in.minStars() >= 0 && in.minStars() <= 5),
            "minStars",
            "星级要求应为 0 到 5")
        .check(
            in.status(),
            in.status() == null || STATUSES.contains(in.status()),
            "status",
            "应为 ACTIVE、PAUSED 或 ENDED");
    if (in.validFrom() != null && in.validTo() != null && !in.validTo().isAfter(in.validFrom())) {
      f.fail("validTo", "结束时间应晚于开始时间");
    }
    f.throwIfAny();
  }

  public cn.yuhao.care.http.Page<Offer> ofMerchant(
      Caller admin, long merchantId, long before, int limit) {
    return jdbi.withHandle(h -> {
      merchants.find(h, merchantId, admin.adminScope(), false);
      return cn.yuhao.care.http.Page.of(
          new OfferDao(h).ofMerchant(merchantId, before, limit + 1),
          limit,
          o -> o,
          o -> Long.parseLong(o.id()));
    });
  }

  /**
   * What the volunteer can redeem now: active offers of active merchants, within their dates, with stock, not
   * above her stars and not at her limit; {@code affordable} says whether her balance covers it. Paged by a
   * cursor of the last offer's sort key and id: its distance in metres when she gives a location (nearest
   * first, searching wider rings of geohash cells until a page is full), otherwise its end date (soonest first).
   */
  public cn.yuhao.care.http.Page<Offer> available(
      Caller volunteer, Double lat, Double lng, TimeCursor after, int limit) {
    Instant now = clock.instant();
    // TimeCursor carries the sort key as its "time": metres for a distance search, validTo
    // otherwise.
    ToLongFunction<Offer> key =
        lat == null ? o -> o.validTo().toEpochMilli() : o -> Math.round(o.distanceKm() * 1000);
    long afterKey = after.at().toEpochMilli();
    Predicate<Offer> beyond = o -> key.applyAsLong(o) > afterKey
        || (key.applyAsLong(o) == afterKey && Long.parseLong(o.id()) > after.id());
    List<Offer> found = jdbi.withHandle(h -> {
      long balance = PointsService.spendable(h, volunteer.userId());
      int stars = PointsService.starsOf(h, volunteer.userId());
      if (lat == null) {
        return eligible(h, volunteer.userId(), now, null, stars, balance, null, null, after);
      }
      // A ring is only sure to be complete within its radius: an offer past it may be farther than
      // one just
      // outside the ring, so a page takes the offers within the radius of the ring that fills it.
      for (int i = 0; ; i++) {
        List<Offer> ring = eligible(
            h,
            volunteer.userId(),
            now,
            Geo.cellsAround(lat, lng, PRECISIONS[i]),
            stars,
            balance,
            lat,
            lng,
            TimeCursor.FIRST);
        boolean widest = i == PRECISIONS.length - 1;
        double radius = widest ? Double.MAX_VALUE : Geo.completeRadiusKm(lat, PRECISIONS[i]);
        List<Offer> sure = ring.stream().filter(o -> o.distanceKm() <= radius).toList();
        if (widest || sure.stream().filter(beyond).count() > limit) {
          return sure;
        }
      }
    });
    List<Offer> rows = found.stream()
        .filter(beyond)
        .sorted(Comparator.comparingLong(key).thenComparingLong(o -> Long.parseLong(o.id())))
        .limit(limit + 1L)
        .toList();
    Offer last = rows.size() > limit ? rows.get(limit - 1) : null;
    return new cn.yuhao.care.http.Page<>(
        rows.subList(0, Math.min(limit, rows.size())),
        last == null
            ? null
            : TimeCursor.of(
                Instant.ofEpochMilli(key.applyAsLong(last)), Long.parseLong(last.id())));
  }

  private List<Offer> eligible(
      Handle h,
      long userId,
      Instant now,
      List<String> cells,
      int stars,
      long balance,
      Double lat,
      Double lng,
      TimeCursor after) {
    List<Offer> offers = new OfferDao(h).redeemableNow(now, stars, cells, lat, lng, balance, after);
    if (lat != null) {
      offers = offers.stream().filter(o -> o.distanceKm() != null).toList();
    }
    if (offers.stream().allMatch(o -> o.perVolunteerLimit() == null)) {
      return offers;
    }
    List<RedemptionLimits.Use> mine = RedemptionLimits.uses(h, userId);
    return offers.stream()
        .filter(o -> {
          if (o.perVolunteerLimit() == null) {
            return true;
          }
          long id = Long.parseLong(o.id());
          Instant since = RedemptionLimits.periodStart(o.limitPeriod(), now);
          return mine.stream()
                  .filter(m -> m.offerId() == id && !m.at().isBefore(since))
                  .count()
              < o.perVolunteerLimit();
        })
        .toList();
  }

  /** An offer by id (no scope: offers are public to volunteers; admin callers check the merchant's scope). */
  public static Offer find(Handle h, long id) {
    return new OfferDao(h).find(id).orElseThrow(() -> AppException.notFound("礼遇"));
  }
}
