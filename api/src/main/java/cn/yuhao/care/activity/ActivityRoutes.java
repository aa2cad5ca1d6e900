package cn.yuhao.care.activity;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/**
 * HTTP for activities: the organisers' publishing, decisions and the children who took part; the volunteers'
 * browsing, sign-ups and check-ins.
 */
public final class ActivityRoutes {
  private final ActivityService activities;
  private final SignupService signups;
  private final CheckinService checkins;
  private final ParticipantService participants;
  private final ObjectMapper json;

  public ActivityRoutes(
      ActivityService activities,
      SignupService signups,
      CheckinService checkins,
      ParticipantService participants,
      ObjectMapper json) {
    this.activities = activities;
    this.signups = signups;
    this.checkins = checkins;
    this.participants = participants;
    this.json = json;
  }

  public void create(Context ctx) {
    var in = Json.read(ctx, json, ActivityService.ActivityInput.class);
    ctx.status(201).json(activities.create(AuthFilter.caller(ctx), in));
  }

  public void list(Context ctx) {
    ctx.json(activities.list(
        AuthFilter.caller(ctx),
        AuthFilter.districtInScope(ctx),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void signups(Context ctx) {
    ctx.json(Map.of("items", activities.signups(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }

  public void approve(Context ctx) {
    ctx.json(signups.approve(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "volunteerId")));
  }

  public void reject(Context ctx) {
    ctx.json(signups.reject(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "volunteerId")));
  }

  public void open(Context ctx) {
    ctx.json(signups.open(
        AuthFilter.caller(ctx), cn.yuhao.care.http.TimeCursor.from(ctx), Params.limit(ctx)));
  }

  public void signUp(Context ctx) {
    ctx.status(201).json(signups.signUp(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void cancel(Context ctx) {
    ctx.json(signups.cancel(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void checkinCode(Context ctx) {
    ctx.json(checkins.code(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void checkIn(Context ctx) {
    var in = Json.read(ctx, json, CheckinService.CodeInput.class);
    ctx.status(201).json(checkins.checkIn(AuthFilter.caller(ctx), in));
  }

  public void checkOut(Context ctx) {
    var in = Json.read(ctx, json, CheckinService.CodeInput.class);
    ctx.json(checkins.checkOut(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void myCheckins(Context ctx) {
    ctx.json(checkins.mine(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void addChildren(Context ctx) {
    var in = Json.read(ctx, json, ParticipantService.ChildrenInput.class);
    ctx.json(participants.add(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void children(Context ctx) {
    ctx.json(Map.of("items", participants.of(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }

  public void ofPairing(Context ctx) {
    ctx.json(Map.of("items", participants.ofPairing(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }

  public void addPhotos(Context ctx) {
    var in = Json.read(ctx, json, ActivityService.PhotosInput.class);
    ctx.json(
        Map.of("items", activities.addPhotos(AuthFilter.caller(ctx), Params.id(ctx, "id"), in)));
  }

  public void photos(Context ctx) {
    ctx.json(Map.of("items", activities.photos(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }
}
