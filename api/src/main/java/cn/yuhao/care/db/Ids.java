package cn.yuhao.care.db;

import com.github.f4b6a3.tsid.TsidCreator;

/**
 * Row ids: time-ordered 64-bit TSIDs, so inserts stay B-tree friendly (and TiDB-safe) while ids are not
 * guessable sequence numbers. Exposed to clients as strings.
 */
public final class Ids {
  private Ids() {}

  public static long next() {
    return TsidCreator.getTsid().toLong();
  }

  /** Parses a client-supplied id; anything that is not a positive long is treated as not found. */
  public static long parseOr(String raw, long fallback) {
    if (raw == null || raw.isEmpty() || raw.length() > 19) {
      return fallback;
    }
    for (int i = 0; i < raw.length(); i++) {
      if (!Character.isDigit(raw.charAt(i))) {
        return fallback;
      }
    }
    try {
      long v = Long.parseLong(raw);
      return v > 0 ? v : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
