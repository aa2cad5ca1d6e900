package cn.yuhao.care.volunteer;

import cn.yuhao.care.auth.AuthFilter;
import io.javalin.http.Context;

/** HTTP for a volunteer's service record, her certificate, and the public check of a certificate. */
public final class ServiceRecordRoutes {
  private final ServiceRecordService records;

  public ServiceRecordRoutes(ServiceRecordService records) {
    this.records = records;
  }

  public void record(Context ctx) {
    ctx.json(records.record(AuthFilter.caller(ctx)));
  }

  public void certificate(Context ctx) {
    ctx.contentType("application/pdf")
        .header("Content-Disposition", "attachment; filename=\"certificate.pdf\"")
        .result(records.certificate(AuthFilter.caller(ctx)));
  }

  public void check(Context ctx) {
    ctx.json(records.check(ctx.pathParam("number"), ctx.ip()));
  }
}
