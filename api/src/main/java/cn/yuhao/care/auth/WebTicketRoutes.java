package cn.yuhao.care.auth;

import io.javalin.http.Context;

/** HTTP for scan-to-login to the web dashboard. */
public final class WebTicketRoutes {
  private final WebTicketService tickets;

  public WebTicketRoutes(WebTicketService tickets) {
    this.tickets = tickets;
  }

  public void issue(Context ctx) {
    ctx.status(201).json(tickets.issue(ctx.ip()));
  }

  public void poll(Context ctx) {
    ctx.json(tickets.poll(ctx.pathParam("ticket"), ctx.header("X-Poll-Secret")));
  }

  public void confirm(Context ctx) {
    ctx.json(tickets.confirm(AuthFilter.caller(ctx), ctx.pathParam("ticket")));
  }
}
