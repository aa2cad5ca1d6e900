package cn.yuhao.care.dashboard;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Params;
import io.javalin.http.Context;

/** HTTP for the dashboard (看板). */
public final class DashboardRoutes {
  private final DashboardService dashboard;

  public DashboardRoutes(DashboardService dashboard) {
    this.dashboard = dashboard;
  }

  public void dashboard(Context ctx) {
    ctx.json(dashboard.dashboard(AuthFilter.caller(ctx), Params.optional(ctx, "districtCode", 6),
        Params.optional(ctx, "from", 10), Params.optional(ctx, "to", 10)));
  }
}
