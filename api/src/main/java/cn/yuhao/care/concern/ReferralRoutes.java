package cn.yuhao.care.concern;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.file.FileRoutes;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.RateLimiter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/**
 * HTTP for referrals: the district admin's (refer, waive, issue a link) and the agency's, which has no account
 * (open a link once, then read and answer with the X-Referral-Session header).
 */
public final class ReferralRoutes {
  static final String SESSION_HEADER = "X-Referral-Session";

  private final ReferralService referrals;
  private final AgencyReplies agencies;
  private final RateLimiter opens;
  private final ObjectMapper json;

  public ReferralRoutes(
      ReferralService referrals, AgencyReplies agencies, RateLimiter opens, ObjectMapper json) {
    this.referrals = referrals;
    this.agencies = agencies;
    this.opens = opens;
    this.json = json;
  }

  public void refer(Context ctx) {
    var in = Json.read(ctx, json, ConcernService.ReferInput.class);
    ctx.status(201).json(referrals.refer(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void waive(Context ctx) {
    var in = Json.read(ctx, json, ReferralService.WaiveInput.class);
    ctx.json(referrals.waive(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void issueLink(Context ctx) {
    ctx.status(201).json(referrals.issueLink(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  /** Opening is public: 30 tries a minute per address, so tokens cannot be guessed by trying. */
  public void open(Context ctx) {
    opens.acquire("referral-open:" + ctx.ip());
    ctx.json(agencies.open(ctx.pathParam("token")));
  }

  public void view(Context ctx) {
    ctx.json(agencies.view(ctx.header(SESSION_HEADER)));
  }

  public void answer(Context ctx) {
    var in = Json.read(ctx, json, AgencyReplies.FeedbackInput.class);
    ctx.json(agencies.answer(ctx.header(SESSION_HEADER), in));
  }

  public void upload(Context ctx) {
    String session = ctx.header(SESSION_HEADER);
    agencies.check(session); // a bad session is refused before the upload is read
    ctx.status(201).json(agencies.upload(session, FileRoutes.bytes(ctx)));
  }
}
