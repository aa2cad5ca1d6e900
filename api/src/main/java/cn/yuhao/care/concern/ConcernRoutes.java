package cn.yuhao.care.concern;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** HTTP for harm reports. There is no route that deletes one, for any role. */
public final class ConcernRoutes {
  private final ConcernService concerns;
  private final ConcernHandling handling;
  private final ObjectMapper json;

  public ConcernRoutes(ConcernService concerns, ConcernHandling handling, ObjectMapper json) {
    this.concerns = concerns;
    this.handling = handling;
    this.json = json;
  }

  /** Idempotency-Key is optional here: a report must never be refused for a missing header. */
  public void report(Context ctx) {
    var in = Json.read(ctx, json, ConcernService.ReportInput.class);
    var idem = ctx.header(Idempotency.HEADER) == null ? null : Idempotency.read(ctx, json, in);
    Idempotency.respond(ctx, concerns.report(AuthFilter.caller(ctx), in, idem));
  }

  public void mine(Context ctx) {
    ctx.json(concerns.mine(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void list(Context ctx) {
    String overdue = Params.optional(ctx, "overdue", 5);
    if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
      throw AppException.invalid("overdue", "应为 true 或 false");
    }
    ctx.json(concerns.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "status", 16),
        overdue == null ? null : Boolean.valueOf(overdue),
        Params.optional(ctx, "severity", 8),
        AuthFilter.districtInScope(ctx),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void get(Context ctx) {
    ctx.json(concerns.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void acknowledge(Context ctx) {
    var in = Json.read(ctx, json, ConcernService.NoteInput.class);
    ctx.json(handling.acknowledge(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void resolve(Context ctx) {
    var in = Json.read(ctx, json, ConcernService.ResolveInput.class);
    ctx.json(handling.resolve(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void close(Context ctx) {
    var in = Json.read(ctx, json, ConcernService.NoteInput.class);
    ctx.json(handling.close(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }
}
