package cn.yuhao.care.volunteer;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.ReasonRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** HTTP for hour claims (补录): hers, and her supervisors' decisions. */
public final class HourClaimRoutes {
  private final HourClaimService claims;
  private final ObjectMapper json;

  public HourClaimRoutes(HourClaimService claims, ObjectMapper json) {
    this.claims = claims;
    this.json = json;
  }

  public void claim(Context ctx) {
    var in = Json.read(ctx, json, HourClaimService.ClaimInput.class);
    ctx.status(201).json(claims.claim(AuthFilter.caller(ctx), in));
  }

  public void mine(Context ctx) {
    ctx.json(claims.mine(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void list(Context ctx) {
    ctx.json(claims.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "status", 16),
        AuthFilter.districtInScope(ctx),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void approve(Context ctx) {
    ctx.json(claims.approve(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void reject(Context ctx) {
    ReasonRequest req = Json.read(ctx, json, ReasonRequest.class);
    ctx.json(claims.reject(AuthFilter.caller(ctx), Params.id(ctx, "id"), req.reason()));
  }
}
