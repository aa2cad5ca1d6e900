package cn.yuhao.care.points;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;

/** HTTP for points, redemptions (volunteer and merchant sides) and the admins' points pages. */
public final class PointsRoutes {
  private final PointsService points;
  private final AdjustmentService adjustments;
  private final RedemptionService redemptions;
  private final VerificationService verifications;
  private final PointsReports reports;
  private final ObjectMapper json;
  private final Clock clock;

  public PointsRoutes(
      PointsService points,
      AdjustmentService adjustments,
      RedemptionService redemptions,
      VerificationService verifications,
      PointsReports reports,
      ObjectMapper json,
      Clock clock) {
    this.points = points;
    this.adjustments = adjustments;
    this.redemptions = redemptions;
    this.verifications = verifications;
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
    ctx.json(redemptions.mine(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void redemption(Context ctx) {
    ctx.json(redemptions.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void cancel(Context ctx) {
    ctx.json(redemptions.cancel(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void verify(Context ctx) {
    var in = Json.read(ctx, json, VerificationService.VerifyInput.class);
    ctx.json(verifications.verify(AuthFilter.caller(ctx), in));
  }

  public void daily(Context ctx) {
    ctx.json(verifications.daily(
        AuthFilter.caller(ctx), Params.date(ctx, "date"), Params.optional(ctx, "merchantId", 20)));
  }

  public void requestAdjustment(Context ctx) {
    var in = Json.read(ctx, json, AdjustmentService.AdjustInput.class);
    ctx.status(201).json(adjustments.request(AuthFilter.caller(ctx), in));
  }

  public void adjustments(Context ctx) {
    ctx.json(adjustments.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "status", 16),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void approveAdjustment(Context ctx) {
    ctx.json(adjustments.approve(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void rejectAdjustment(Context ctx) {
    var in = Json.read(ctx, json, AdjustmentService.DecisionInput.class);
    ctx.json(adjustments.reject(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void invariants(Context ctx) {
    ctx.json(reports.invariants());
  }

  public void summary(Context ctx) {
    Integer year = Params.year(ctx);
    ctx.json(reports.summary(year == null ? CarePeriods.day(clock.instant()).getYear() : year));
  }
}
