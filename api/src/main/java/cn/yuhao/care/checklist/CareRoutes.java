package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.Idempotency;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for the 6+1 checklist, care records, follow-ups and compliance. */
public final class CareRoutes {
  private final CareService care;
  private final FollowUpService followUps;
  private final ComplianceService compliance;
  private final ObjectMapper json;

  public CareRoutes(
      CareService care,
      FollowUpService followUps,
      ComplianceService compliance,
      ObjectMapper json) {
    this.care = care;
    this.followUps = followUps;
    this.compliance = compliance;
    this.json = json;
  }

  public record ShareInput(String fromPairingId) {}

  public record ResolveInput(String resolution) {}

  public void tasks(Context ctx) {
    ctx.json(care.tasks(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void createRecord(Context ctx) {
    var in = Json.read(ctx, json, CareRecords.RecordInput.class);
    var idem = Idempotency.read(ctx, json, in);
    Idempotency.respond(ctx, care.create(AuthFilter.caller(ctx), Params.id(ctx, "id"), in, idem));
  }

  public void listRecords(Context ctx) {
    ctx.json(care.list(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.before(ctx), Params.limit(ctx)));
  }

  public void getRecord(Context ctx) {
    ctx.json(care.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void correctRecord(Context ctx) {
    var in = Json.read(ctx, json, CareRecords.RecordInput.class);
    ctx.json(care.correct(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void shareHistory(Context ctx) {
    var in = Json.read(ctx, json, ShareInput.class);
    ctx.json(Map.of(
        "sharedFrom",
        care.shareHistory(
            AuthFilter.caller(ctx), Params.id(ctx, "id"), Ids.parseOr(in.fromPairingId(), -1))));
  }

  public void requestFollowUp(Context ctx) {
    var in = Json.read(ctx, json, FollowUpService.RequestInput.class);
    ctx.status(201).json(followUps.request(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void pairingFollowUps(Context ctx) {
    ctx.json(followUps.ofPairing(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.before(ctx), Params.limit(ctx)));
  }

  public void myFollowUps(Context ctx) {
    ctx.json(Map.of("items", followUps.mine(AuthFilter.caller(ctx))));
  }

  public void resolveFollowUp(Context ctx) {
    var in = Json.read(ctx, json, ResolveInput.class);
    ctx.json(followUps.resolve(AuthFilter.caller(ctx), Params.id(ctx, "id"), in.resolution()));
  }

  public void compliance(Context ctx) {
    String district = AuthFilter.districtInScope(ctx);
    ctx.json(compliance.compliance(
        AuthFilter.caller(ctx),
        district,
        AuthFilter.streetInScope(ctx, district),
        Params.optional(ctx, "period", 12)));
  }
}
