package cn.yuhao.care.http;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The cursor of a list ordered by time then id (activities by start, sessions by start): the last item's time
 * and id, written {@code <epoch millis>_<id>}. Opaque to clients, like every cursor.
 */
public record TimeCursor(Instant at, long id) {
  /** Before every item of an ascending list. */
  public static final TimeCursor FIRST = new TimeCursor(Instant.EPOCH, 0);

  public static String of(Instant at, long id) {
    return at.toEpochMilli() + "_" + id;
  }

  /** {@code ?cursor=} as a time cursor: FIRST when absent, 422 when malformed. */
  private static final Pattern SHAPE = Pattern.compile("[0-9]{1,15}_[0-9]{1,19}");

  public static TimeCursor from(io.javalin.http.Context ctx) {
    String raw = Params.optional(ctx, "cursor", 40);
    if (raw == null) {
      return FIRST;
    }
    if (!SHAPE.matcher(raw).matches()) {
      throw AppException.invalid("cursor", "分页游标无效");
    }
    String[] parts = raw.split("_");
    return new TimeCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), Long.parseLong(parts[1]));
  }
}
