package cn.yuhao.care.evaluation;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Params;
import io.javalin.http.Context;

/** HTTP for what only evaluators read. */
public final class EvaluationRoutes {
  private final EvaluationService evaluation;

  public EvaluationRoutes(EvaluationService evaluation) {
    this.evaluation = evaluation;
  }

  public void childSample(Context ctx) {
    ctx.json(
        evaluation.childSample(AuthFilter.caller(ctx), Params.optional(ctx, "districtCode", 6)));
  }
}
