package cn.yuhao.care.region;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for districts and streets. */
public final class RegionDao {
  private final Handle h;

  public RegionDao(Handle h) {
    this.h = h;
  }

  public List<Region> districts() {
    return h.createQuery("SELECT code, name, kind FROM regions ORDER BY sort_order")
        .mapTo(Region.class)
        .list();
  }

  public List<Street> streets(String districtCode) {
    return h.createQuery(
            "SELECT id, district_code, name FROM streets WHERE district_code = :d ORDER BY name")
        .bind("d", districtCode)
        .mapTo(Street.class)
        .list();
  }

  public int countStreet(String districtCode, String name) {
    return h.createQuery("SELECT COUNT(*) FROM streets WHERE district_code = :d AND name = :n")
        .bind("d", districtCode)
        .bind("n", name)
        .mapTo(Integer.class)
        .one();
  }

  public void insertStreet(long id, String districtCode, String name, Instant now) {
    h.createUpdate(
            "INSERT INTO streets (id, district_code, name, created_at) VALUES (:id, :d, :n, :now)")
        .bind("id", id)
        .bind("d", districtCode)
        .bind("n", name)
        .bind("now", now)
        .execute();
  }
}
