package cn.yuhao.care.training;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for training: courses, completions, her training, and coverage. */
public final class TrainingRoutes {
  private final TrainingService training;
  private final ObjectMapper json;

  public TrainingRoutes(TrainingService training, ObjectMapper json) {
    this.training = training;
    this.json = json;
  }

  public void create(Context ctx) {
    var in = Json.read(ctx, json, TrainingService.CourseInput.class);
    ctx.status(201).json(training.create(AuthFilter.caller(ctx), in));
  }

  public void courses(Context ctx) {
    ctx.json(training.courses(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void complete(Context ctx) {
    var in = Json.read(ctx, json, TrainingService.CompletionInput.class);
    ctx.json(training.complete(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void mine(Context ctx) {
    ctx.json(Map.of("items", training.mine(AuthFilter.caller(ctx))));
  }

  public void coverage(Context ctx) {
    ctx.json(training.coverage(AuthFilter.caller(ctx), AuthFilter.districtInScope(ctx)));
  }
}
