package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.ReasonRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** HTTP for children's plans (一策): the volunteers write, supervisors and admins decide, everyone in scope reads. */
public final class PlanRoutes {
  private final PlanService plans;
  private final PlanAttention attention;
  private final ObjectMapper json;

  public PlanRoutes(PlanService plans, PlanAttention attention, ObjectMapper json) {
    this.plans = plans;
    this.attention = attention;
    this.json = json;
  }

  public void get(Context ctx) {
    ctx.json(plans.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void write(Context ctx) {
    var in = Json.read(ctx, json, Plans.PlanInput.class);
    ctx.json(plans.write(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void submit(Context ctx) {
    ctx.json(plans.submit(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void review(Context ctx) {
    var in = Json.read(ctx, json, Plans.ReviewInput.class);
    ctx.status(201).json(plans.review(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void approve(Context ctx) {
    ctx.json(plans.approve(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void giveBack(Context ctx) {
    var in = Json.read(ctx, json, ReasonRequest.class);
    ctx.json(plans.giveBack(AuthFilter.caller(ctx), Params.id(ctx, "id"), in.reason()));
  }

  public void attention(Context ctx) {
    ctx.json(attention.list(
        AuthFilter.caller(ctx),
        AuthFilter.districtInScope(ctx),
        Params.after(ctx),
        Params.limit(ctx)));
  }
}
