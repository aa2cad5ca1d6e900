package cn.yuhao.care.merchant;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.TimeCursor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for partner merchants, their staff and offers. */
public final class MerchantRoutes {
  private final MerchantService merchants;
  private final OfferService offers;
  private final ObjectMapper json;

  public MerchantRoutes(MerchantService merchants, OfferService offers, ObjectMapper json) {
    this.merchants = merchants;
    this.offers = offers;
    this.json = json;
  }

  public void create(Context ctx) {
    var in = Json.read(ctx, json, MerchantService.MerchantInput.class);
    ctx.status(201).json(merchants.create(AuthFilter.caller(ctx), in));
  }

  public void list(Context ctx) {
    ctx.json(merchants.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "districtCode", 6),
        Params.optional(ctx, "status", 16),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void get(Context ctx) {
    ctx.json(merchants.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void update(Context ctx) {
    var in = Json.read(ctx, json, MerchantService.MerchantInput.class);
    ctx.json(merchants.update(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void invite(Context ctx) {
    ctx.status(201).json(merchants.invite(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void invitePng(Context ctx) {
    byte[] png = merchants.invitePng(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "inviteId"));
    ctx.header("Cache-Control", "private, no-store").contentType("image/png").result(png);
  }

  public void acceptInvite(Context ctx) {
    ctx.json(merchants.accept(AuthFilter.caller(ctx), ctx.pathParam("scene")));
  }

  public void staff(Context ctx) {
    ctx.json(Map.of("items", merchants.staff(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }

  public void removeStaff(Context ctx) {
    merchants.removeStaff(AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "userId"));
    ctx.status(204);
  }

  public void createOffer(Context ctx) {
    var in = Json.read(ctx, json, OfferService.OfferInput.class);
    ctx.status(201).json(offers.create(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void merchantOffers(Context ctx) {
    ctx.json(offers.ofMerchant(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.before(ctx), Params.limit(ctx)));
  }

  public void updateOffer(Context ctx) {
    var in = Json.read(ctx, json, OfferService.OfferInput.class);
    ctx.json(offers.update(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void available(Context ctx) {
    Double lat = Params.decimal(ctx, "lat", 90);
    Double lng = Params.decimal(ctx, "lng", 180);
    if ((lat == null) != (lng == null)) {
      throw AppException.invalid(lat == null ? "lat" : "lng", "经纬度须同时提供");
    }
    ctx.json(offers.available(
        AuthFilter.caller(ctx), lat, lng, TimeCursor.from(ctx), Params.limit(ctx)));
  }
}
