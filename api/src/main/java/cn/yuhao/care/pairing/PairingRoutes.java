package cn.yuhao.care.pairing;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.ReasonRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for pairings, matching and pairing requests. */
public final class PairingRoutes {
  private final PairingService pairings;
  private final MyPairings mine;
  private final PairingQueue queue;
  private final ComingOfAge comingOfAge;
  private final MatchingService matching;
  private final ProposalService proposals;
  private final PairingRequestService requests;
  private final ObjectMapper json;

  public PairingRoutes(
      PairingService pairings,
      MyPairings mine,
      PairingQueue queue,
      ComingOfAge comingOfAge,
      MatchingService matching,
      ProposalService proposals,
      PairingRequestService requests,
      ObjectMapper json) {
    this.pairings = pairings;
    this.mine = mine;
    this.queue = queue;
    this.comingOfAge = comingOfAge;
    this.matching = matching;
    this.proposals = proposals;
    this.requests = requests;
    this.json = json;
  }

  public void create(Context ctx) {
    var in = Json.read(ctx, json, PairingService.PairingInput.class);
    ctx.status(201).json(pairings.create(AuthFilter.caller(ctx), in));
  }

  public void end(Context ctx) {
    var in = Json.read(ctx, json, PairingService.EndInput.class);
    ctx.json(pairings.end(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void comingOfAge(Context ctx) {
    var in = Json.read(ctx, json, ComingOfAge.MentorInput.class);
    ctx.status(201).json(comingOfAge.handOver(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void get(Context ctx) {
    ctx.json(pairings.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void list(Context ctx) {
    var f = new PairingService.Filter(
        Params.optional(ctx, "status", 16),
        AuthFilter.districtInScope(ctx),
        id(ctx, "childId"),
        id(ctx, "volunteerId"));
    ctx.json(pairings.list(AuthFilter.caller(ctx), f, Params.before(ctx), Params.limit(ctx)));
  }

  public void queue(Context ctx) {
    ctx.json(queue.queue(
        AuthFilter.caller(ctx),
        AuthFilter.districtInScope(ctx),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void mine(Context ctx) {
    ctx.json(Map.of("items", mine.mine(AuthFilter.caller(ctx))));
  }

  public void suggestionsForChild(Context ctx) {
    ctx.json(matching.forChild(AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.limit(ctx)));
  }

  public void suggestionsForMe(Context ctx) {
    ctx.json(Map.of("items", matching.forVolunteer(AuthFilter.caller(ctx), Params.limit(ctx))));
  }

  public void propose(Context ctx) {
    ctx.json(proposals.propose(AuthFilter.caller(ctx), Params.optional(ctx, "districtCode", 6)));
  }

  public void confirm(Context ctx) {
    var in = Json.read(ctx, json, ProposalService.Confirmation.class);
    ctx.status(201).json(Map.of("items", proposals.confirm(AuthFilter.caller(ctx), in)));
  }

  public void request(Context ctx) {
    var in = Json.read(ctx, json, PairingRequestService.RequestInput.class);
    ctx.status(201).json(requests.request(AuthFilter.caller(ctx), in));
  }

  public void myRequests(Context ctx) {
    ctx.json(requests.mine(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void listRequests(Context ctx) {
    ctx.json(requests.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "status", 16),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void approveRequest(Context ctx) {
    ctx.json(requests.approve(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void declineRequest(Context ctx) {
    String reason = Json.read(ctx, json, ReasonRequest.class).reason();
    ctx.json(requests.decline(AuthFilter.caller(ctx), Params.id(ctx, "id"), reason));
  }

  private static Long id(Context ctx, String name) {
    String raw = Params.optional(ctx, name, 20);
    if (raw == null) {
      return null;
    }
    long id = Ids.parseOr(raw, -1);
    if (id < 0) {
      throw AppException.invalid(name, "编号无效");
    }
    return id;
  }
}
