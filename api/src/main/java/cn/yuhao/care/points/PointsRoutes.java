package cn.yuhao.care.points;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;

/** HTTP for points, redemptions (volunteer and merchant sides) and the admins' points pages. */
public final class PointsRoutes {
  private final PointsService points;
  private final RedemptionService redemptions;
  private final PointsReports reports;
  private final ObjectMapper json;
  private final Clock clock;

  public PointsRoutes(
      PointsService points,
      RedemptionService redemptions,
      PointsReports reports,
      ObjectMapper json,
      Clock clock) {
    this.points = points;
    this.redemptions = redemptions;
    this.reports = reports;
    this.json = json;
    this.clock = clock;
  }

  public void mine(Context ctx) {
    ctx.json(points.mine(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void redeem(Context ctx) {
    var in = Json.read(ctx, json, RedemptionService.RedeemInput.class);
    var idem = Idempotency.read(ctx, json, in);
    Idempotency.respond(ctx, redemptions.redeem(AuthFilter.caller(ctx), in, idem));
  }

  public void myRedemptions(Context ctx) {
    ctx.json(Map.of("items", redemptions.mine(AuthFilter.caller(ctx))));
  }

  public void redemption(Context ctx) {
    ctx.json(redemptions.get(AuthFilter.caller(ctx), ctx.pathParam("id")));
  }

  public void cancel(Context ctx) {
    ctx.json(redemptions.cancel(AuthFilter.caller(ctx), ctx.pathParam("id")));
  }

  public void verify(Context ctx) {
    var in = Json.read(ctx, json, RedemptionService.VerifyInput.class);
    ctx.json(redemptions.verify(AuthFilter.caller(ctx), in));
  }

  public void daily(Context ctx) {
    ctx.json(redemptions.daily(
        AuthFilter.caller(ctx), Params.date(ctx, "date"), Params.optional(ctx, "merchantId", 20)));
  }

  public void requestAdjustment(Context ctx) {
    var in = Json.read(ctx, json, PointsService.AdjustInput.class);
    ctx.status(201).json(points.requestAdjustment(AuthFilter.caller(ctx), in));
  }

  public void adjustments(Context ctx) {
    ctx.json(Map.of(
        "items", points.adjustments(AuthFilter.caller(ctx), Params.optional(ctx, "status", 16))));
  }

  public void approveAdjustment(Context ctx) {
    ctx.json(points.approve(AuthFilter.caller(ctx), ctx.pathParam("id")));
  }

  public void rejectAdjustment(Context ctx) {
    var in = Json.read(ctx, json, PointsService.DecisionInput.class);
    ctx.json(points.reject(AuthFilter.caller(ctx), ctx.pathParam("id"), in));
  }

  public void invariants(Context ctx) {
    ctx.json(reports.invariants());
  }

  public void summary(Context ctx) {
    Integer year = Params.year(ctx);
    ctx.json(reports.summary(year == null ? CarePeriods.day(clock.instant()).getYear() : year));
  }
}
