package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for child directors (儿童主任): named by the admin; her children and her records. */
public final class DirectorRoutes {
  private final DirectorService directors;
  private final ObjectMapper json;

  public DirectorRoutes(DirectorService directors, ObjectMapper json) {
    this.directors = directors;
    this.json = json;
  }

  public void name(Context ctx) {
    var in = Json.read(ctx, json, DirectorService.NameInput.class);
    ctx.json(directors.name(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void mine(Context ctx) {
    ctx.json(Map.of("items", directors.mine(AuthFilter.caller(ctx))));
  }

  public void record(Context ctx) {
    var in = Json.read(ctx, json, DirectorService.RecordInput.class);
    ctx.status(201).json(directors.record(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }
}
