package cn.yuhao.care.survey;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.child.ChildRoutes;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** HTTP for surveys: the admins' surveys, links and results, and answering through a link. */
public final class SurveyRoutes {
  private final SurveyService surveys;
  private final SurveyAnswers answers;
  private final SurveyResults results;
  private final ObjectMapper json;

  public SurveyRoutes(
      SurveyService surveys, SurveyAnswers answers, SurveyResults results, ObjectMapper json) {
    this.surveys = surveys;
    this.answers = answers;
    this.results = results;
    this.json = json;
  }

  public void create(Context ctx) {
    var in = Json.read(ctx, json, SurveyService.SurveyInput.class);
    ctx.status(201).json(surveys.create(AuthFilter.caller(ctx), in));
  }

  public void list(Context ctx) {
    ctx.json(surveys.list(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void get(Context ctx) {
    ctx.json(surveys.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void close(Context ctx) {
    ctx.json(surveys.close(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void linkPng(Context ctx) {
    byte[] png =
        surveys.linkPng(AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "linkId"));
    ctx.header("Cache-Control", "private, no-store").contentType("image/png").result(png);
  }

  public void issueLink(Context ctx) {
    var in = Json.read(ctx, json, SurveyService.LinkInput.class);
    ctx.status(201).json(surveys.issueLink(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  /** JSON by default; ?format=xlsx for the spreadsheet. */
  public void results(Context ctx) {
    String format = Params.optional(ctx, "format", 4);
    if (format != null && !format.equals("json") && !format.equals("xlsx")) {
      throw AppException.invalid("format", "应为 json 或 xlsx");
    }
    var caller = AuthFilter.caller(ctx);
    long id = Params.id(ctx, "id");
    SurveyResults.Results r = results.results(caller, id, Params.optional(ctx, "groupBy", 16));
    if ("xlsx".equals(format)) {
      ctx.contentType(ChildRoutes.XLSX)
          .header("Content-Disposition", "attachment; filename=\"survey-" + id + ".xlsx\"")
          .result(SurveySheet.of(r, surveys.get(caller, id).questions()));
    } else {
      ctx.json(r);
    }
  }

  public void open(Context ctx) {
    ctx.json(answers.form(AuthFilter.caller(ctx), ctx.pathParam("scene")));
  }

  public void answer(Context ctx) {
    var in = Json.read(ctx, json, SurveyAnswers.Response.class);
    ctx.status(201).json(answers.answer(AuthFilter.caller(ctx), ctx.pathParam("scene"), in));
  }
}
