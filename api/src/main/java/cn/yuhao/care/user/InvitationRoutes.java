package cn.yuhao.care.user;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Params;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for the signed-in user's role invitations: list, accept, decline. */
public final class InvitationRoutes {
  private final RoleInvitations invitations;

  public InvitationRoutes(RoleInvitations invitations) {
    this.invitations = invitations;
  }

  public void list(Context ctx) {
    ctx.json(Map.of("items", invitations.pending(AuthFilter.caller(ctx))));
  }

  public void accept(Context ctx) {
    ctx.json(invitations.accept(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void decline(Context ctx) {
    ctx.json(invitations.decline(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }
}
