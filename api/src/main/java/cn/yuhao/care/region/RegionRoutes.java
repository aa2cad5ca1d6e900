package cn.yuhao.care.region;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** HTTP for districts and streets. */
public final class RegionRoutes {
  record StreetRequest(String name) {}

  record StreetView(String id, String districtCode, String name) {
    static StreetView of(Street s) {
      return new StreetView(Long.toString(s.id()), s.districtCode(), s.name());
    }
  }

  private final RegionService regions;
  private final ObjectMapper json;

  public RegionRoutes(RegionService regions, ObjectMapper json) {
    this.regions = regions;
    this.json = json;
  }

  public void districts(Context ctx) {
    ctx.json(Map.of("items", regions.districts()));
  }

  public void streets(Context ctx) {
    List<StreetView> items =
        regions.streets(ctx.pathParam("code")).stream().map(StreetView::of).toList();
    ctx.json(Map.of("items", items));
  }

  public void addStreet(Context ctx) {
    StreetRequest req = Json.read(ctx, json, StreetRequest.class);
    Street s = regions.addStreet(AuthFilter.caller(ctx), ctx.pathParam("code"), req.name());
    ctx.status(201).json(StreetView.of(s));
  }
}
