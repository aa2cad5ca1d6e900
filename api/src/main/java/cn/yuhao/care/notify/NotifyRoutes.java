package cn.yuhao.care.notify;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for the subscribe-message grants a user gave. */
public final class NotifyRoutes {
  private final SubscriptionService subscriptions;
  private final ObjectMapper json;

  public NotifyRoutes(SubscriptionService subscriptions, ObjectMapper json) {
    this.subscriptions = subscriptions;
    this.json = json;
  }

  public void record(Context ctx) {
    var in = Json.read(ctx, json, SubscriptionService.GrantsInput.class);
    ctx.json(Map.of("items", subscriptions.record(AuthFilter.caller(ctx), in)));
  }

  public void list(Context ctx) {
    ctx.json(Map.of("items", subscriptions.list(AuthFilter.caller(ctx))));
  }
}
