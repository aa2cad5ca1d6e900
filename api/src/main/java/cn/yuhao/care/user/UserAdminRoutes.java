package cn.yuhao.care.user;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.ReasonRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** HTTP for admins managing users: view, list, grant and revoke roles, disable and enable. */
public final class UserAdminRoutes {
  private final UserService users;
  private final ObjectMapper json;

  public UserAdminRoutes(UserService users, ObjectMapper json) {
    this.users = users;
    this.json = json;
  }

  public void list(Context ctx) {
    ctx.json(users.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "role", 32),
        AuthFilter.districtInScope(ctx),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void get(Context ctx) {
    ctx.json(users.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void revealPhone(Context ctx) {
    ctx.json(java.util.Collections.singletonMap(
        "phone", users.revealPhone(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }

  public void grant(Context ctx) {
    GrantRequest req = Json.read(ctx, json, GrantRequest.class);
    UserService.GrantOutcome outcome =
        users.grant(AuthFilter.caller(ctx), Params.id(ctx, "id"), req);
    if (outcome.grant() != null) {
      ctx.status(201).json(outcome.grant());
    } else {
      ctx.status(202).json(outcome.invitation());
    }
  }

  public void revoke(Context ctx) {
    GrantRequest req = new GrantRequest(
        Params.optional(ctx, "role", 32),
        Params.optional(ctx, "districtCode", 6),
        Params.optional(ctx, "street", 64),
        Params.optional(ctx, "troupeId", 20),
        Params.optional(ctx, "merchantId", 20));
    users.revoke(AuthFilter.caller(ctx), Params.id(ctx, "id"), req);
    ctx.status(204);
  }

  public void disable(Context ctx) {
    ReasonRequest req = Json.read(ctx, json, ReasonRequest.class);
    ctx.json(users.setDisabled(AuthFilter.caller(ctx), Params.id(ctx, "id"), true, req.reason()));
  }

  public void enable(Context ctx) {
    ReasonRequest req = Json.read(ctx, json, ReasonRequest.class);
    ctx.json(users.setDisabled(AuthFilter.caller(ctx), Params.id(ctx, "id"), false, req.reason()));
  }
}
