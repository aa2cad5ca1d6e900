package cn.yuhao.care.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/** X-Request-Id on every response: the client's when well-formed, else a fresh one. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "requestId";
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

  private RequestIds() {}

  static void assign(Context ctx) {
    String offered = ctx.header(HEADER);
    String id = offered != null && WELL_FORMED.matcher(offered).matches()
        ? offered
        : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "-" : id;
  }
}
