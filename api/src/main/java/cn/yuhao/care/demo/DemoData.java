package cn.yuhao.care.demo;

import cn.yuhao.care.App;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.region.RegionDao;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small, idempotent data set so a newcomer sees the product working: 沙坪坝区 with five streets and one
 * user per admin role, each logging in through the simulator with the code after "dev_".
 * Later features add their own demo rows here (children, volunteers, a troupe, a merchant).
 */
public final class DemoData {
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  public static final String DISTRICT = "500106";
  static final List<String> STREETS = List.of("小龙坎街道", "沙坪坝街道", "磁器口街道", "渝碧路街道", "井口街道");

  private DemoData() {}

  public static void load(App.Services s, Clock clock) {
    Instant now = clock.instant();
    s.jdbi().useTransaction(h -> {
      RegionDao regions = new RegionDao(h);
      for (String street : STREETS) {
        if (regions.countStreet(DISTRICT, street) == 0) {
          regions.insertStreet(Ids.next(), DISTRICT, street, now);
        }
      }
      grant(s, h, "dev_admin", Role.CITY_ADMIN, null, null, now);
      grant(s, h, "dev_district_admin", Role.DISTRICT_ADMIN, DISTRICT, null, now);
      grant(s, h, "dev_supervisor", Role.STREET_SUPERVISOR, DISTRICT, STREETS.get(0), now);
      grant(s, h, "dev_coach", Role.COACH, DISTRICT, null, now);
    });
    log.info("demo data ready: 沙坪坝区 ({} streets); log in with code admin, district_admin, supervisor or coach",
        STREETS.size());
  }

  private static void grant(App.Services s, org.jdbi.v3.core.Handle h, String openid, Role role, String district,
                            String street, Instant now) {
    s.users().ensureGrant(h, s.users().ensureUser(h, openid, now).id(), role, district, street, now);
  }
}
