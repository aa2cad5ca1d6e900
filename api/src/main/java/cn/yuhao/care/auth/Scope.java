package cn.yuhao.care.auth;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of the city an administrator may see: everything (CITY_ADMIN), whole districts
 * (DISTRICT_ADMIN, and EVALUATOR for reading) and single streets (STREET_SUPERVISOR). DAOs apply it in SQL with {@link ScopeFilter},
 * so a record outside the scope is simply not found.
 */
public record Scope(boolean all, Set<String> districts, Set<DistrictStreet> streets) {

  public record DistrictStreet(String districtCode, String street)
      implements Comparable<DistrictStreet> {
    @Override
    public int compareTo(DistrictStreet o) {
      int c = districtCode.compareTo(o.districtCode);
      return c != 0 ? c : street.compareTo(o.street);
    }
  }

  public static final Scope NONE = new Scope(false, Set.of(), Set.of());
  public static final Scope ALL = new Scope(true, Set.of(), Set.of());

  static Scope of(List<RoleGrant> grants) {
    Set<String> districts = new TreeSet<>();
    Set<DistrictStreet> streets = new TreeSet<>();
    for (RoleGrant g : grants) {
      switch (g.role()) {
        case CITY_ADMIN -> {
          return ALL;
        }
        // An evaluator reads whole districts; AuthFilter keeps her grants off every route she may
        // not read.
        case DISTRICT_ADMIN, EVALUATOR -> districts.add(g.districtCode());
        case STREET_SUPERVISOR -> streets.add(new DistrictStreet(g.districtCode(), g.street()));
        default -> {}
      }
    }
    // A street inside a district already seen whole adds nothing.
    streets.removeIf(s -> districts.contains(s.districtCode()));
    return new Scope(false, Set.copyOf(districts), Set.copyOf(streets));
  }

  public boolean isEmpty() {
    return !all && districts.isEmpty() && streets.isEmpty();
  }

  public boolean coversDistrict(String districtCode) {
    return all || districts.contains(districtCode);
  }

  /** Whether any of the district is hers: all of it, or one of its streets. */
  public boolean reaches(String districtCode) {
    return coversDistrict(districtCode)
        || streets.stream().anyMatch(s -> s.districtCode().equals(districtCode));
  }

  public boolean covers(String districtCode, String street) {
    return coversDistrict(districtCode)
        || streets.contains(new DistrictStreet(districtCode, street));
  }
}
