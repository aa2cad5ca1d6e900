package cn.yuhao.care.troupe;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.ReasonRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for troupes, rosters, badges, sessions, attendance, check-ins and progress. */
public final class TroupeRoutes {
  private final TroupeService troupes;
  private final RosterService rosters;
  private final SessionService sessions;
  private final CheckinService checkins;
  private final ProgressService progress;
  private final AssessmentService assessments;
  private final AnnualReportService reports;
  private final SelfCheckService selfChecks;
  private final ObjectMapper json;

  public TroupeRoutes(
      TroupeService troupes,
      RosterService rosters,
      SessionService sessions,
      CheckinService checkins,
      ProgressService progress,
      AssessmentService assessments,
      AnnualReportService reports,
      SelfCheckService selfChecks,
      ObjectMapper json) {
    this.troupes = troupes;
    this.rosters = rosters;
    this.sessions = sessions;
    this.checkins = checkins;
    this.progress = progress;
    this.assessments = assessments;
    this.reports = reports;
    this.selfChecks = selfChecks;
    this.json = json;
  }

  public record CoachInput(String userId) {}

  public record MarkInput(String childId, String status, String note) {}

  public void apply(Context ctx) {
    var in = Json.read(ctx, json, TroupeService.Application.class);
    ctx.status(201).json(troupes.apply(AuthFilter.caller(ctx), in));
  }

  public void resubmit(Context ctx) {
    var in = Json.read(ctx, json, TroupeService.Application.class);
    ctx.json(troupes.resubmit(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void list(Context ctx) {
    ctx.json(troupes.list(
        AuthFilter.caller(ctx),
        Params.optional(ctx, "status", 16),
        Params.optional(ctx, "kind", 8),
        AuthFilter.districtInScope(ctx),
        Params.before(ctx),
        Params.limit(ctx)));
  }

  public void get(Context ctx) {
    ctx.json(troupes.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void approve(Context ctx) {
    ctx.json(troupes.approve(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void returnApplication(Context ctx) {
    String reason = Json.read(ctx, json, ReasonRequest.class).reason();
    ctx.json(troupes.returnApplication(AuthFilter.caller(ctx), Params.id(ctx, "id"), reason));
  }

  public void addCoach(Context ctx) {
    var in = Json.read(ctx, json, CoachInput.class);
    TroupeService.CoachOutcome outcome = troupes.addCoach(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Ids.parseOr(in.userId(), -1));
    if (outcome.invitation() != null) {
      ctx.status(202).json(outcome.invitation());
    } else {
      ctx.json(outcome.troupe());
    }
  }

  public void removeCoach(Context ctx) {
    ctx.json(troupes.removeCoach(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "userId")));
  }

  public void addMember(Context ctx) {
    var in = Json.read(ctx, json, RosterService.MemberInput.class);
    ctx.status(201).json(rosters.addMember(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void removeMember(Context ctx) {
    ctx.json(rosters.removeMember(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "childId")));
  }

  public void roster(Context ctx) {
    ctx.json(rosters.roster(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void badges(Context ctx) {
    ctx.json(Map.of("items", rosters.badges(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }

  public void badgeSheet(Context ctx) {
    byte[] pdf = rosters.badgeSheet(AuthFilter.caller(ctx), Params.id(ctx, "id"));
    ctx.contentType("application/pdf")
        .header(
            "Content-Disposition",
            "attachment; filename=\"badges-" + Params.id(ctx, "id") + ".pdf\"")
        .result(pdf);
  }

  public void badgePng(Context ctx) {
    byte[] png =
        rosters.badgePng(AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "childId"));
    ctx.contentType("image/png").header("Cache-Control", "no-store").result(png);
  }

  public void reissueBadge(Context ctx) {
    ctx.json(rosters.reissueBadge(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "childId")));
  }

  public void createSessions(Context ctx) {
    var in = Json.read(ctx, json, SessionService.SessionInput.class);
    ctx.status(201)
        .json(Map.of("items", sessions.create(AuthFilter.caller(ctx), Params.id(ctx, "id"), in)));
  }

  public void listSessions(Context ctx) {
    ctx.json(sessions.list(
        AuthFilter.caller(ctx),
        Params.id(ctx, "id"),
        Params.instant(ctx, "from"),
        Params.instant(ctx, "to"),
        cn.yuhao.care.http.TimeCursor.from(ctx),
        Params.limit(ctx)));
  }

  public void cancelSession(Context ctx) {
    String reason = Json.read(ctx, json, ReasonRequest.class).reason();
    ctx.json(sessions.cancel(AuthFilter.caller(ctx), Params.id(ctx, "id"), reason));
  }

  public void scan(Context ctx) {
    var in = Json.read(ctx, json, SessionService.Scan.class);
    SessionService.ScanResult r = sessions.scan(AuthFilter.caller(ctx), Params.id(ctx, "id"), in);
    ctx.status("RECORDED".equals(r.result()) ? 201 : 200).json(r);
  }

  public void batch(Context ctx) {
    var in = Json.read(ctx, json, SessionService.Batch.class);
    ctx.json(Map.of("results", sessions.batch(AuthFilter.caller(ctx), Params.id(ctx, "id"), in)));
  }

  public void attendance(Context ctx) {
    ctx.json(Map.of("items", sessions.attendance(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }

  public void mark(Context ctx) {
    var in = Json.read(ctx, json, MarkInput.class);
    if (in.childId() == null) {
      throw AppException.invalid("childId", "不能为空");
    }
    ctx.json(sessions.mark(
        AuthFilter.caller(ctx),
        Params.id(ctx, "id"),
        Ids.parseOr(in.childId(), -1),
        new SessionService.Mark(in.status(), in.note())));
  }

  public void progress(Context ctx) {
    ctx.json(progress.progress(AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.year(ctx)));
  }

  public void recordAssessment(Context ctx) {
    var in = Json.read(ctx, json, AssessmentService.AssessmentInput.class);
    ctx.json(assessments.record(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void assessmentSummary(Context ctx) {
    ctx.json(assessments.summary(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.optional(ctx, "instrument", 32)));
  }

  public void growthArchive(Context ctx) {
    ctx.json(assessments.archive(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  /** JSON by default; ?format=xlsx for the spreadsheet. */
  public void annualReport(Context ctx) {
    String format = Params.optional(ctx, "format", 4);
    if (format != null && !format.equals("json") && !format.equals("xlsx")) {
      throw AppException.invalid("format", "应为 json 或 xlsx");
    }
    AnnualReportService.Report r =
        reports.report(AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.year(ctx));
    if ("xlsx".equals(format)) {
      ctx.contentType(cn.yuhao.care.child.ChildRoutes.XLSX)
          .header(
              "Content-Disposition",
              "attachment; filename=\"troupe-" + r.troupeId() + "-" + r.year() + ".xlsx\"")
          .result(reports.xlsx(r));
    } else {
      ctx.json(r);
    }
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

  public void closeCheckin(Context ctx) {
    ctx.json(checkins.closeByCoach(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void myCheckins(Context ctx) {
    ctx.json(checkins.mine(AuthFilter.caller(ctx), Params.before(ctx), Params.limit(ctx)));
  }

  public void sessionCheckins(Context ctx) {
    ctx.json(Map.of("items", checkins.ofSession(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }

  public void submitSelfCheck(Context ctx) {
    var in = Json.read(ctx, json, SelfCheckService.SelfCheckInput.class);
    ctx.json(selfChecks.submit(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.pathYear(ctx, "year"), in));
  }

  public void selfChecks(Context ctx) {
    ctx.json(Map.of("items", selfChecks.list(AuthFilter.caller(ctx), Params.id(ctx, "id"))));
  }
}
