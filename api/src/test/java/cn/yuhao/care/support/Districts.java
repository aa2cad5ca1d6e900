package cn.yuhao.care.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which test class owns which district. The suite shares one database, so a class that asserts counts, lists or
 * dashboard figures of a district must be the only one writing there: it claims the district here, and a second
 * class claiming it fails at once, naming both.
 */
public final class Districts {
  /**
   * Districts many classes write to for records whose numbers they do not assert (the fixtures' defaults and a
   * few "somewhere else" districts of scope tests); they cannot be claimed.
   */
  public static final Set<String> SHARED =
      Set.of("500101", "500103", "500106", "500116", "500152", "500156");

  private static final Map<String, Class<?>> OWNERS = new ConcurrentHashMap<>();

  private Districts() {}

  /** The district's code, now owned by {@code owner}; fails if another class owns it or it is shared. */
  public static String claim(Class<?> owner, String code) {
    if (SHARED.contains(code)) {
      throw new IllegalStateException(
          code + " is shared by several test classes: claim another district");
    }
    Class<?> previous = OWNERS.putIfAbsent(code, owner);
    if (previous != null && previous != owner) {
      throw new IllegalStateException(
          "district " + code + " is claimed by " + previous.getSimpleName() + " and by "
              + owner.getSimpleName() + ": give one of them another district");
    }
    return code;
  }
}
