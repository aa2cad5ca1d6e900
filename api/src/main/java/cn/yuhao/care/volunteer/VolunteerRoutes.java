package cn.yuhao.care.volunteer;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.ReasonRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** HTTP for volunteers: her own application and exit, admins' review (admit, reject, suspend, exit), and teams. */
public final class VolunteerRoutes {
  private final VolunteerService volunteers;
  private final TeamService teams;
  private final ProfileService profiles;
  private final ObjectMapper json;

  public VolunteerRoutes(
      VolunteerService volunteers, TeamService teams, ProfileService profiles, ObjectMapper json) {
    this.volunteers = volunteers;
    this.teams = teams;
    this.profiles = profiles;
    this.json = json;
  }

  public void apply(Context ctx) {
    VolunteerService.Application a = Json.read(ctx, json, VolunteerService.Application.class);
    ctx.status(201).json(volunteers.apply(AuthFilter.caller(ctx), a));
  }

  public void mine(Context ctx) {
    ctx.json(volunteers.mine(AuthFilter.caller(ctx)));
  }

  public void exitSelf(Context ctx) {
    ctx.json(volunteers.exitSelf(
        AuthFilter.caller(ctx), Json.read(ctx, json, ReasonRequest.class).reason()));
  }

  public void list(Context ctx) {
    ctx.json(volunteers.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "status", 16),
        AuthFilter.districtInScope(ctx),
        Params.optional(ctx, "tag", 24),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void get(Context ctx) {
    ctx.json(volunteers.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void admit(Context ctx) {
    VolunteerService.Admission a = Json.read(ctx, json, VolunteerService.Admission.class);
    ctx.json(volunteers.admit(AuthFilter.caller(ctx), Params.id(ctx, "id"), a));
  }

  public void reject(Context ctx) {
    ctx.json(volunteers.reject(AuthFilter.caller(ctx), Params.id(ctx, "id"), reason(ctx)));
  }

  public void suspend(Context ctx) {
    ctx.json(volunteers.suspend(AuthFilter.caller(ctx), Params.id(ctx, "id"), reason(ctx)));
  }

  public void exit(Context ctx) {
    ctx.json(volunteers.exit(AuthFilter.caller(ctx), Params.id(ctx, "id"), reason(ctx)));
  }

  public void createTeam(Context ctx) {
    TeamService.TeamRequest r = Json.read(ctx, json, TeamService.TeamRequest.class);
    ctx.status(201).json(teams.create(AuthFilter.caller(ctx), r));
  }

  public void listTeams(Context ctx) {
    ctx.json(teams.list(
        AuthFilter.caller(ctx),
        AuthFilter.districtInScope(ctx),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void getTeam(Context ctx) {
    ctx.json(teams.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void addTeamMember(Context ctx) {
    TeamService.MemberRequest r = Json.read(ctx, json, TeamService.MemberRequest.class);
    ctx.json(teams.addMember(AuthFilter.caller(ctx), Params.id(ctx, "id"), r));
  }

  public void removeTeamMember(Context ctx) {
    ctx.json(teams.removeMember(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "volunteerId")));
  }

  private String reason(Context ctx) {
    return Json.read(ctx, json, ReasonRequest.class).reason();
  }

  public void setTags(Context ctx) {
    var in = Json.read(ctx, json, ProfileService.TagsInput.class);
    ctx.json(profiles.setTags(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void addHonour(Context ctx) {
    var in = Json.read(ctx, json, ProfileService.HonourInput.class);
    ctx.status(201).json(profiles.addHonour(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }
}
