package cn.yuhao.care.casefile;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Params;
import io.javalin.http.Context;

/** HTTP for a child's file: as JSON, and as the printable PDF (always masked). */
public final class ChildFileRoutes {
  private final ChildFileService files;

  public ChildFileRoutes(ChildFileService files) {
    this.files = files;
  }

  public void file(Context ctx) {
    String unmask = ctx.queryParam("unmask");
    if (unmask != null && !unmask.equals("true") && !unmask.equals("false")) {
      throw AppException.invalid("unmask", "应为 true 或 false");
    }
    ctx.json(files.file(AuthFilter.caller(ctx), Params.id(ctx, "id"), "true".equals(unmask)));
  }

  public void pdf(Context ctx) {
    long id = Params.id(ctx, "id");
    byte[] pdf = ChildFileSheet.render(files.file(AuthFilter.caller(ctx), id, false));
    ctx.header("Cache-Control", "private, no-store")
        .header("Content-Disposition", "attachment; filename=\"child-file-" + id + ".pdf\"")
        .contentType("application/pdf")
        .result(pdf);
  }
}
