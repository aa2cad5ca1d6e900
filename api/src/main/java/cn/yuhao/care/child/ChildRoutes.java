package cn.yuhao.care.child;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.ReasonRequest;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** HTTP for the child ledger (台账). */
public final class ChildRoutes {
  private final ChildService children;
  private final ConsentService consents;
  private final ObjectMapper json;

  public ChildRoutes(ChildService children, ConsentService consents, ObjectMapper json) {
    this.children = children;
    this.consents = consents;
    this.json = json;
  }

  public void create(Context ctx) {
    ChildService.ChildInput in = Json.read(ctx, json, ChildService.ChildInput.class);
    ctx.status(201).json(children.create(AuthFilter.caller(ctx), in));
  }

  public void update(Context ctx) {
    ChildService.ChildInput in = Json.read(ctx, json, ChildService.ChildInput.class);
    ctx.json(children.update(AuthFilter.caller(ctx), ctx.pathParam("id"), in));
  }

  public void get(Context ctx) {
    ctx.json(children.get(AuthFilter.caller(ctx), ctx.pathParam("id")));
  }

  public void list(Context ctx) {
    ChildService.Filter f = new ChildService.Filter(Params.optional(ctx, "districtCode", 6),
        Params.optional(ctx, "street", 64), Params.optional(ctx, "status", 16), Params.optional(ctx, "category", 32),
        Params.optional(ctx, "careLevel", 16), Params.optional(ctx, "name", 32));
    ctx.json(children.list(AuthFilter.caller(ctx), f, Params.before(ctx), Params.limit(ctx)));
  }

  public void sensitive(Context ctx) {
    ctx.json(children.sensitive(AuthFilter.caller(ctx), ctx.pathParam("id")));
  }

  public void recordConsent(Context ctx) {
    ConsentService.ConsentInput in = Json.read(ctx, json, ConsentService.ConsentInput.class);
    ctx.status(201).json(consents.record(AuthFilter.caller(ctx), ctx.pathParam("id"), in));
  }

  public void listConsents(Context ctx) {
    ctx.json(consents.list(AuthFilter.caller(ctx), ctx.pathParam("id")));
  }

  public void withdrawConsent(Context ctx) {
    String reason = Json.read(ctx, json, ReasonRequest.class).reason();
    ctx.json(consents.withdraw(AuthFilter.caller(ctx), ctx.pathParam("id"), ctx.pathParam("consentId"), reason));
  }
}
