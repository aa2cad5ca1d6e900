package cn.yuhao.care.dashboard;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.child.ChildRoutes;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Params;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** HTTP for the dashboard (看板) and the ledger exports. */
public final class DashboardRoutes {
  private final DashboardService dashboard;
  private final ExportService exports;

  public DashboardRoutes(DashboardService dashboard, ExportService exports) {
    this.dashboard = dashboard;
    this.exports = exports;
  }

  public void dashboard(Context ctx) {
    byte[] json = dashboard.dashboard(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "districtCode", 6),
        Params.date(ctx, "from"),
        Params.date(ctx, "to"));
    ctx.contentType("application/json; charset=utf-8").result(json);
  }

  /** Checks everything first, then streams: once the first byte is out, an error can no longer be answered. */
  public void export(Context ctx) {
    Caller admin = AuthFilter.caller(ctx);
    String unmask = Params.optional(ctx, "unmask", 5);
    if (unmask != null && !unmask.equals("true") && !unmask.equals("false")) {
      throw AppException.invalid("unmask", "应为 true 或 false");
    }
    ExportService.Request r = exports.check(
        admin,
        ctx.pathParam("ledger"),
        Params.optional(ctx, "districtCode", 6),
        Params.year(ctx),
        Params.optional(ctx, "period", 12),
        "true".equals(unmask));
    ctx.contentType(ChildRoutes.XLSX)
        .header(
            "Content-Disposition",
            "attachment; filename=\"ledger-"
                + r.ledger().name().toLowerCase() + ".xlsx\"; filename*=UTF-8''"
                + URLEncoder.encode(r.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
    exports.export(admin, r, ctx.outputStream());
  }
}
