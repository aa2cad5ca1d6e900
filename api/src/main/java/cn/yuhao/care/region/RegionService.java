package cn.yuhao.care.region;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Districts (fixed, cached) and their streets, which district admins maintain. */
public final class RegionService {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  /** The 41 districts change by migration only; a short cache spares the database on every validation. */
  private final LoadingCache<String, List<Region>> districts;

  private final LoadingCache<String, List<Street>> streets;

  public RegionService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.districts = Caffeine.newBuilder()
        .expireAfterWrite(Duration.ofMinutes(10))
        .build(k -> jdbi.withHandle(h -> new RegionDao(h).districts()));
    this.streets = Caffeine.newBuilder()
        .expireAfterWrite(Duration.ofSeconds(30))
        .maximumSize(100)
        .build(code -> jdbi.withHandle(h -> new RegionDao(h).streets(code)));
  }

  public List<Region> districts() {
    return districts.get("all");
  }

  /** The district's Chinese name, or the code itself when it names no district. */
  public String districtName(String code) {
    return districts().stream()
        .filter(r -> r.code().equals(code))
        .map(Region::name)
        .findFirst()
        .orElse(code);
  }

  public boolean isDistrict(String code) {
    return code != null && districts().stream().anyMatch(r -> r.code().equals(code));
  }

  public List<Street> streets(String districtCode) {
    requireDistrict(districtCode);
    return streets.get(districtCode);
  }

  public boolean hasStreet(String districtCode, String name) {
    return jdbi.withHandle(h -> new RegionDao(h).countStreet(districtCode, name)) > 0;
  }

  public Street addStreet(Caller admin, String districtCode, String name) {
    requireDistrict(districtCode);
    if (!admin.adminScope().coversDistrict(districtCode)) {
      throw new AppException(ErrorCode.FORBIDDEN, "只能为本区县添加街道");
    }
    String trimmed = name == null ? null : name.trim();
    new Fields().require("name", trimmed).maxLength("name", trimmed, 64).throwIfAny();
    if (hasStreet(districtCode, trimmed)) {
      throw new AppException(ErrorCode.DUPLICATE, "该区县已有同名街道");
    }
    long id = Ids.next();
    jdbi.useTransaction(h -> {
      new RegionDao(h).insertStreet(id, districtCode, trimmed, clock.instant());
      audit.record(
          h, admin, "street.create", "street", Long.toString(id), districtCode + " " + trimmed);
    });
    streets.invalidate(districtCode);
    return new Street(id, districtCode, trimmed);
  }

  private void requireDistrict(String code) {
    if (!isDistrict(code)) {
      throw AppException.notFound("区县");
    }
  }
}
