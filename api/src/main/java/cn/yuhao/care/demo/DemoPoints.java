package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.GrantDao;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.merchant.MerchantService;
import cn.yuhao.care.merchant.OfferService;
import cn.yuhao.care.points.AdjustmentService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The demo's partner merchants, offers, cashier and points. */
final class DemoPoints {
  private DemoPoints() {}

  /** Two partner merchants with offers, a cashier (dev_merchant), and points for 王芳 to redeem. */
  static void load(App.Services s, Clock clock) {
    boolean loaded = s.jdbi().withHandle(h -> new DemoDao(h).merchants(DemoData.DISTRICT)) > 0;
    if (loaded) {
      return;
    }
    Caller city = DemoData.caller(s, "dev_admin");
    Instant now = clock.instant();
    var mahua = s.merchants()
        .create(
            city,
            new MerchantService.MerchantInput(
                "磁器口陈麻花",
                "FOOD",
                DemoData.DISTRICT,
                "重庆市沙坪坝区磁器口正街 12 号",
                new java.math.BigDecimal("29.5790"),
                new java.math.BigDecimal("106.4490"),
                "陈经理",
                "13900000031",
                null));
    var museum = s.merchants()
        .create(
            city,
            new MerchantService.MerchantInput(
                "沙坪坝区文化馆",
                "CULTURE_TOURISM",
                DemoData.DISTRICT,
                "重庆市沙坪坝区天陈路 2 号",
                new java.math.BigDecimal("29.5560"),
                new java.math.BigDecimal("106.4580"),
                "李老师",
                "13900000032",
                null));
    offers(s, city, mahua.id(), museum.id(), now);
    cashier(s, Long.parseLong(mahua.id()), now);
    Caller wang = DemoData.caller(s, "dev_volunteer");
    s.adjustments()
        .request(
            city,
            new AdjustmentService.AdjustInput(
                Long.toString(wang.userId()), 200L, "2026 年六一关爱活动志愿服务（纸质签到补录）"));
    s.points().runJobs();
  }

  private static void offers(
      App.Services s, Caller city, String mahua, String museum, Instant now) {
    Instant until = now.plus(90, ChronoUnit.DAYS);
    s.offers()
        .create(
            city,
            Long.parseLong(mahua),
            new OfferService.OfferInput(
                "原味麻花一袋",
                "凭兑换码到店领取原味麻花一袋（200 克）",
                50,
                200,
                1,
                "MONTH",
                now.minus(1, ChronoUnit.DAYS),
                until,
                0,
                null));
    s.offers()
        .create(
            city,
            Long.parseLong(mahua),
            new OfferService.OfferInput(
                "麻花礼盒",
                "凭兑换码到店领取麻花礼盒一份",
                300,
                20,
                1,
                "OFFER",
                now.minus(1, ChronoUnit.DAYS),
                until,
                2,
                null));
    s.offers()
        .create(
            city,
            Long.parseLong(museum),
            new OfferService.OfferInput(
                "非遗剪纸体验课",
                "周末非遗剪纸体验课一次（亲子两人）",
                80,
                30,
                2,
                "MONTH",
                now.minus(1, ChronoUnit.DAYS),
                until,
                0,
                null));
  }

  /** dev_merchant, a cashier of the 麻花 shop, who verifies redemptions. */
  private static void cashier(App.Services s, long merchantId, Instant now) {
    s.jdbi().useTransaction(h -> {
      long cashier = s.users().ensureUser(h, "dev_merchant", now).id();
      String key = RoleGrant.scopeKey(null, null, null, merchantId);
      GrantDao grants = new GrantDao(h);
      if (grants.find(cashier, Role.MERCHANT_STAFF.name(), key).isEmpty()) {
        grants.insert(
            Ids.next(),
            cashier,
            Role.MERCHANT_STAFF.name(),
            null,
            null,
            null,
            merchantId,
            key,
            null,
            now);
      }
    });
  }
}
