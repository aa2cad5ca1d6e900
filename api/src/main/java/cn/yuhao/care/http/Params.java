package cn.yuhao.care.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Path and query parameters read the same way everywhere, with 422 for values out of range. */
public final class Params {
  private Params() {}

  /**
   * A resource id from the path. Anything that is not a positive id is -1, which no row has: the service answers
   * 404 for it as for an id that does not exist, so a malformed id teaches a caller nothing more.
   */
  public static long id(Context ctx, String name) {
    return cn.yuhao.care.db.Ids.parseOr(ctx.pathParam(name), -1);
  }

  public static int limit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null) {
      return 20;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v >= 1 && v <= 100) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the validation error
    }
    throw AppException.invalid("limit", "每页条数应为 1 到 100 之间的整数");
  }

  /** An ascending keyset cursor (the last id of the previous page): rows with a larger id come next; 0 first. */
  public static long after(Context ctx) {
    long before = before(ctx);
    return before == Long.MAX_VALUE ? 0 : before;
  }

  /** The keyset cursor (the last id of the previous page): rows with a smaller id come next. */
  public static long before(Context ctx) {
    String raw = optional(ctx, "cursor", 20);
    if (raw == null) {
      return Long.MAX_VALUE;
    }
    long id = cn.yuhao.care.db.Ids.parseOr(raw, -1);
    if (id < 0) {
      throw AppException.invalid("cursor", "分页游标无效");
    }
    return id;
  }

  public static String optional(Context ctx, String name, int maxLength) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (raw.length() > maxLength) {
      throw AppException.invalid(name, "不能超过 " + maxLength + " 个字");
    }
    return raw.trim();
  }

  /** {@code ?year=}, null when absent. */
  public static Integer year(Context ctx) {
    String year = optional(ctx, "year", 4);
    if (year == null) {
      return null;
    }
    try {
      int y = Integer.parseInt(year);
      if (y >= 2000 && y <= 2100) {
        return y;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw AppException.invalid("year", "年份应为 2000 到 2100 之间的 4 位数字");
  }

  private static final Pattern PATH_YEAR = Pattern.compile("20\\d\\d|2100");

  /** A year in the path ({@code /…/{year}}): 2000 to 2100, else 404 as for any path that names nothing. */
  public static int pathYear(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    if (!PATH_YEAR.matcher(raw).matches()) {
      throw AppException.notFound("年度");
    }
    return Integer.parseInt(raw);
  }

  /** {@code ?name=2026-09-01T00:00:00Z} as an instant, null when absent. */
  public static Instant instant(Context ctx, String name) {
    String raw = optional(ctx, name, 40);
    if (raw == null) {
      return null;
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw AppException.invalid(name, "应为 ISO-8601 时间，如 2026-09-01T00:00:00Z");
    }
  }

  /** {@code ?name=2026-11-22} as a date, null when absent. */
  public static LocalDate date(Context ctx, String name) {
    String raw = optional(ctx, name, 10);
    if (raw == null) {
      return null;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw AppException.invalid(name, "日期格式应为 2026-11-22");
    }
  }

  /** A decimal query parameter within [-max, max], null when absent. */
  public static Double decimal(Context ctx, String name, double max) {
    String raw = optional(ctx, name, 20);
    if (raw == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(raw);
      if (Double.isFinite(v) && Math.abs(v) <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw AppException.invalid(name, "应为 -" + (int) max + " 到 " + (int) max + " 之间的数");
  }
}
