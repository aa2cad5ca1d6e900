package cn.yuhao.care.volunteer;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** HTTP for the hours of care visits: asked by the volunteer, confirmed by the guardian or a supervisor. */
public final class VisitHoursRoutes {
  private final VisitHoursService visits;
  private final ObjectMapper json;

  public VisitHoursRoutes(VisitHoursService visits, ObjectMapper json) {
    this.visits = visits;
    this.json = json;
  }

  public void request(Context ctx) {
    var in = Json.read(ctx, json, VisitHoursService.HoursInput.class);
    ctx.status(201).json(visits.request(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void open(Context ctx) {
    ctx.json(visits.open(AuthFilter.caller(ctx), ctx.pathParam("code")));
  }

  public void confirm(Context ctx) {
    ctx.json(visits.confirm(AuthFilter.caller(ctx), ctx.pathParam("code")));
  }

  public void confirmBySupervisor(Context ctx) {
    ctx.json(visits.confirmBySupervisor(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void list(Context ctx) {
    ctx.json(visits.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "status", 16),
        Params.before(ctx),
        Params.limit(ctx)));
  }
}
