package cn.yuhao.care;

import cn.yuhao.care.activity.ActivityReminders;
import cn.yuhao.care.activity.ActivityRoutes;
import cn.yuhao.care.activity.ActivityService;
import cn.yuhao.care.activity.ParticipantService;
import cn.yuhao.care.activity.SignupService;
import cn.yuhao.care.audit.AuditEntry;
import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.audit.AuditRoutes;
import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.auth.AuthService;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.auth.SessionCache;
import cn.yuhao.care.auth.SessionDao;
import cn.yuhao.care.auth.WebTicketRoutes;
import cn.yuhao.care.auth.WebTicketService;
import cn.yuhao.care.checklist.CareDao;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.checklist.CareReminders;
import cn.yuhao.care.checklist.CareRoutes;
import cn.yuhao.care.checklist.CareService;
import cn.yuhao.care.checklist.ComplianceService;
import cn.yuhao.care.checklist.FollowUpService;
import cn.yuhao.care.child.ChildImportService;
import cn.yuhao.care.child.ChildRoutes;
import cn.yuhao.care.child.ChildRow;
import cn.yuhao.care.child.ChildService;
import cn.yuhao.care.child.ConsentLinkService;
import cn.yuhao.care.child.ConsentRow;
import cn.yuhao.care.child.ConsentService;
import cn.yuhao.care.child.GuardianRow;
import cn.yuhao.care.concern.ConcernAlerts;
import cn.yuhao.care.concern.ConcernDao;
import cn.yuhao.care.concern.ConcernRoutes;
import cn.yuhao.care.concern.ConcernService;
import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.dashboard.ActivityCounts;
import cn.yuhao.care.dashboard.ChildCounts;
import cn.yuhao.care.dashboard.DashboardRoutes;
import cn.yuhao.care.dashboard.DashboardService;
import cn.yuhao.care.dashboard.ExportService;
import cn.yuhao.care.dashboard.PairingCounts;
import cn.yuhao.care.dashboard.VolunteerCounts;
import cn.yuhao.care.db.Database;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.db.Migrations;
import cn.yuhao.care.evaluation.EvaluationRoutes;
import cn.yuhao.care.evaluation.EvaluationService;
import cn.yuhao.care.http.HttpServer;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.QueryRules;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.merchant.MerchantRoutes;
import cn.yuhao.care.merchant.MerchantService;
import cn.yuhao.care.merchant.OfferService;
import cn.yuhao.care.notify.JobLease;
import cn.yuhao.care.notify.NotifyRoutes;
import cn.yuhao.care.notify.Outbox;
import cn.yuhao.care.notify.Scheduler;
import cn.yuhao.care.notify.SubscriptionService;
import cn.yuhao.care.ops.OpsRoutes;
import cn.yuhao.care.pairing.ComingOfAge;
import cn.yuhao.care.pairing.MatchingService;
import cn.yuhao.care.pairing.MyPairings;
import cn.yuhao.care.pairing.PairingEndings;
import cn.yuhao.care.pairing.PairingQueue;
import cn.yuhao.care.pairing.PairingRequestService;
import cn.yuhao.care.pairing.PairingRoutes;
import cn.yuhao.care.pairing.PairingRow;
import cn.yuhao.care.pairing.PairingService;
import cn.yuhao.care.pairing.ProposalService;
import cn.yuhao.care.points.AdjustmentService;
import cn.yuhao.care.points.PointsEarning;
import cn.yuhao.care.points.PointsReports;
import cn.yuhao.care.points.PointsRoutes;
import cn.yuhao.care.points.PointsService;
import cn.yuhao.care.points.RedemptionService;
import cn.yuhao.care.points.VerificationService;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.region.RegionRoutes;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.region.Street;
import cn.yuhao.care.survey.SurveyAnswers;
import cn.yuhao.care.survey.SurveyResults;
import cn.yuhao.care.survey.SurveyRoutes;
import cn.yuhao.care.survey.SurveyService;
import cn.yuhao.care.training.TrainingRoutes;
import cn.yuhao.care.training.TrainingService;
import cn.yuhao.care.troupe.AnnualReportService;
import cn.yuhao.care.troupe.AssessmentService;
import cn.yuhao.care.troupe.CheckinService;
import cn.yuhao.care.troupe.ProgressService;
import cn.yuhao.care.troupe.RosterService;
import cn.yuhao.care.troupe.SessionService;
import cn.yuhao.care.troupe.TroupeRoutes;
import cn.yuhao.care.troupe.TroupeService;
import cn.yuhao.care.user.InvitationRoutes;
import cn.yuhao.care.user.LoginRoutes;
import cn.yuhao.care.user.LoginService;
import cn.yuhao.care.user.RoleInvitations;
import cn.yuhao.care.user.UserAdminRoutes;
import cn.yuhao.care.user.UserRow;
import cn.yuhao.care.user.UserService;
import cn.yuhao.care.volunteer.HourClaimRoutes;
import cn.yuhao.care.volunteer.HourClaimService;
import cn.yuhao.care.volunteer.ProfileService;
import cn.yuhao.care.volunteer.ServiceRecordRoutes;
import cn.yuhao.care.volunteer.ServiceRecordService;
import cn.yuhao.care.volunteer.TeamService;
import cn.yuhao.care.volunteer.VisitHoursRoutes;
import cn.yuhao.care.volunteer.VisitHoursService;
import cn.yuhao.care.volunteer.VolunteerRoutes;
import cn.yuhao.care.volunteer.VolunteerRow;
import cn.yuhao.care.volunteer.VolunteerService;
import cn.yuhao.care.wechat.WeChatGateway;
import cn.yuhao.care.wechat.WeChatSimulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Deque;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The object graph: every service built once, in the order they depend on each other, and the route table over
 * them. Only {@link App} calls it; a new service is added here and, when the demo or tests need it, to
 * {@link App.Services}.
 */
final class Wiring {
  private Wiring() {}

  /** What the app runs: the services, the HTTP server (not yet listening) and the scheduler (not yet started). */
  record Wired(App.Services services, Javalin server, Scheduler scheduler) {}

  static Wired wire(
      AppConfig config,
      Clock clock,
      Database db,
      FieldCipher cipher,
      BlindIndex blindIndex,
      WeChatGateway wechat,
      WeChatSimulator simulator,
      PrometheusMeterRegistry meters,
      QueryRules queryRules,
      Deque<AutoCloseable> resources) {
    Jdbi jdbi = db.jdbi();
    jdbi.getConfig(SessionCache.class).enable(config.tokenCacheTtl());
    // Records are mapped by constructor; registered once here rather than per query.
    for (Class<?> row : List.of(
        UserRow.class,
        RoleGrant.class,
        SessionDao.ActiveSession.class,
        Region.class,
        Street.class,
        AuditEntry.class,
        VolunteerRow.class,
        ChildRow.class,
        GuardianRow.class,
        ConsentRow.class,
        PairingRow.class,
        CareDao.Row.class,
        CareDao.Version.class,
        CareDao.FollowUp.class,
        ConcernDao.Row.class,
        ConcernDao.Event.class)) {
      jdbi.registerRowMapper(ConstructorMapper.factory(row));
    }
    ObjectMapper json = Json.mapper();
    AuditLog audit = new AuditLog(jdbi, clock);
    RegionService regions = new RegionService(jdbi, audit, clock);
    RoleInvitations invitations = new RoleInvitations(jdbi, audit, clock);
    UserService users = new UserService(
        jdbi,
        wechat,
        cipher,
        blindIndex,
        regions,
        audit,
        clock,
        new RateLimiter(config.codeEntryPerUserPerMinute()),
        invitations);
    AuthService auth = new AuthService(
        jdbi, cipher, clock, config.sessionIdleTimeout(), config.sessionAbsoluteTimeout());
    LoginService logins = new LoginService(
        jdbi,
        wechat,
        auth,
        audit,
        clock,
        new RateLimiter(config.loginPerIpPerMinute()),
        new RateLimiter(config.loginPerOpenIdPerMinute()));
    CarePeriods carePeriods = new CarePeriods(config.careRules());
    // The dashboard's counters, called by services after their writes (see dashboard/Counts).
    ChildCounts childCounts = new ChildCounts();
    PairingCounts pairingCounts = new PairingCounts(childCounts);
    VolunteerCounts volunteerCounts = new VolunteerCounts();
    ActivityCounts activityCounts = new ActivityCounts(carePeriods);
    jdbi.getConfig(cn.yuhao.care.points.LedgerConfig.class).counters(activityCounts);
    PairingEndings pairingEndings = new PairingEndings(pairingCounts);
    VolunteerService volunteers = new VolunteerService(
        jdbi,
        cipher,
        blindIndex,
        regions,
        audit,
        clock,
        volunteerCounts,
        pairingEndings,
        config.preServiceRequired());
    TeamService teams = new TeamService(jdbi, regions, audit, clock);
    ChildService children = new ChildService(
        jdbi, cipher, blindIndex, regions, audit, clock, childCounts, pairingEndings);
    ConsentService consents = new ConsentService(jdbi, audit, clock, childCounts, pairingEndings);
    PairingService pairings = new PairingService(jdbi, audit, clock, pairingCounts);
    MyPairings myPairings = new MyPairings(jdbi, cipher, audit, clock);
    MatchingService matching =
        new MatchingService(jdbi, cipher, blindIndex, config.matchWeights(), clock);
    CareService care =
        new CareService(jdbi, cipher, wechat, audit, carePeriods, clock, activityCounts);
    ComplianceService compliance = new ComplianceService(jdbi, carePeriods, clock);
    Outbox outbox = new Outbox(jdbi, wechat, config.wechatTemplates(), config.careRules(), clock);
    ConcernAlerts alerts = new ConcernAlerts(outbox, config.careRules());
    ConcernService concerns =
        new ConcernService(jdbi, cipher, audit, config.careRules(), alerts, clock);
    CareReminders reminders = new CareReminders(jdbi, carePeriods, compliance, outbox, clock);
    TroupeService troupes = new TroupeService(jdbi, regions, users, audit, clock);
    RosterService rosters = new RosterService(jdbi, cipher, audit, clock);
    SessionService sessions =
        new SessionService(jdbi, audit, config.troupeRules(), clock, activityCounts);
    resources.push(sessions); // closed after the server stops: the scans still waiting are written
    CheckinService checkins =
        new CheckinService(jdbi, blindIndex, audit, config.troupeRules(), clock, volunteerCounts);
    ProgressService progress = new ProgressService(jdbi, clock);
    AssessmentService assessments = new AssessmentService(jdbi, audit, clock);
    PointsEarning earning = new PointsEarning(jdbi, config.pointsRules(), carePeriods, clock);
    PointsService points = new PointsService(jdbi, earning, config.pointsRules(), outbox, clock);
    AdjustmentService adjustments =
        new AdjustmentService(jdbi, earning, config.pointsRules(), audit, clock);
    RedemptionService redemptions = new RedemptionService(jdbi, audit, clock);
    // Wrong redemption codes: 10 per staff member, refilled over 15 minutes.
    VerificationService verifications = new VerificationService(
        jdbi, audit, new RateLimiter(10, java.time.Duration.ofMinutes(15)), clock);
    PointsReports pointsReports = new PointsReports(jdbi);
    MerchantService merchants =
        new MerchantService(jdbi, cipher, blindIndex, wechat, regions, audit, clock);
    OfferService offers = new OfferService(jdbi, merchants, audit, clock);
    CaseWiring.Built cases = CaseWiring.wire(
        config, jdbi, cipher, wechat, audit, alerts, json, clock, care, children, consents);
    Scheduler scheduler = new Scheduler(
            new JobLease(jdbi, ProcessHandle.current().pid() + "@" + Ids.next(), clock))
        .job("concern-escalation", cases.concernHandling()::escalateOverdue)
        .job("referral-escalation", cases.referrals()::escalateOverdue)
        .job("care-weekly-reminders", reminders::weeklyContact)
        .job("care-overdue-summaries", reminders::overdueSummaries)
        .job("checkin-auto-close", checkins::autoClose)
        .job("points", points::runJobs)
        .job("redemption-expiry", redemptions::expireHeld)
        .job("activity-reminders", new ActivityReminders(jdbi, outbox, clock)::dayBefore)
        .job("outbox", () -> outbox.deliver(100))
        .job("unattached-files", cases.files()::purgeUnattached);
    SurveyService surveys = new SurveyService(jdbi, regions, wechat, blindIndex, audit, clock);
    SurveyAnswers surveyAnswers = new SurveyAnswers(jdbi, blindIndex, cipher, clock);
    ProfileService profiles = new ProfileService(jdbi, volunteers, volunteerCounts, audit, clock);
    TrainingService training = new TrainingService(jdbi, regions, volunteerCounts, audit, clock);
    DashboardService dashboard =
        new DashboardService(jdbi, regions, carePeriods, cases.attention(), json, clock);
    users.bootstrapCityAdmins(config.bootstrapAdminOpenIds());
    App.ServiceLife life = new App.ServiceLife(
        new ActivityService(jdbi, regions, audit, clock),
        new SignupService(jdbi, audit, clock),
        new cn.yuhao.care.activity.CheckinService(
            jdbi, blindIndex, config.troupeRules().codeValidity(), volunteerCounts, audit, clock),
        training,
        new HourClaimService(jdbi, config.serviceDayCap(), volunteerCounts, audit, clock),
        new VisitHoursService(
            jdbi, config.serviceDayCap(), blindIndex, volunteerCounts, audit, clock),
        profiles);
    Javalin server = HttpServer.create(
        json,
        meters,
        new AuthFilter(auth, audit),
        queryRules,
        ApiRoutes.table(
            new OpsRoutes(
                jdbi,
                meters,
                Migrations.applied(jdbi),
                config.metricsToken(),
                queryRules.dictionaries()),
            new LoginRoutes(logins, auth, users, json),
            // Dashboard login tickets: 20 per address, refilled over a minute (a page asks every
            // 2 minutes).
            new WebTicketRoutes(new WebTicketService(
                jdbi, wechat, audit, new RateLimiter(20, java.time.Duration.ofMinutes(1)), clock)),
            new UserAdminRoutes(users, json),
            new InvitationRoutes(invitations),
            new RegionRoutes(regions, json),
            new AuditRoutes(audit),
            new VolunteerRoutes(volunteers, teams, profiles, json),
            new HourClaimRoutes(life.hourClaims(), json),
            // Public certificate checks: 30 per address, refilled over a minute.
            new ServiceRecordRoutes(new ServiceRecordService(
                jdbi,
                cipher,
                regions,
                audit,
                new RateLimiter(30, java.time.Duration.ofMinutes(1)),
                config.publicUrl(),
                clock)),
            new VisitHoursRoutes(life.visitHours(), json),
            new ChildRoutes(
                children,
                consents,
                // Ledger imports: 30 an hour per admin (dry runs count), refilled over the hour.
                new ChildImportService(
                    jdbi,
                    children,
                    regions,
                    audit,
                    clock,
                    new RateLimiter(30, java.time.Duration.ofHours(1))),
                new ConsentLinkService(jdbi, blindIndex, wechat, regions, audit, clock),
                json),
            new PairingRoutes(
                pairings,
                myPairings,
                new PairingQueue(jdbi),
                new ComingOfAge(jdbi, pairings, pairingEndings, children, audit, clock),
                matching,
                new ProposalService(jdbi, pairings, regions, config.matchWeights()),
                new PairingRequestService(jdbi, pairings, matching, audit, clock),
                json),
            new CareRoutes(care, new FollowUpService(jdbi, audit, clock), compliance, json),
            new ConcernRoutes(concerns, cases.concernHandling(), json),
            new NotifyRoutes(new SubscriptionService(jdbi, config.wechatTemplates(), clock), json),
            new TroupeRoutes(
                troupes,
                rosters,
                sessions,
                checkins,
                progress,
                assessments,
                new AnnualReportService(jdbi, progress, assessments, clock),
                cases.selfChecks(),
                json),
            new PointsRoutes(
                points, adjustments, redemptions, verifications, pointsReports, json, clock),
            new MerchantRoutes(merchants, offers, json),
            new DashboardRoutes(
                dashboard, new ExportService(jdbi, regions, compliance, cipher, audit, clock)),
            new SurveyRoutes(surveys, surveyAnswers, new SurveyResults(jdbi, regions, audit), json),
            new EvaluationRoutes(new EvaluationService(jdbi, audit, clock)),
            new ActivityRoutes(
                life.activities(),
                life.signups(),
                life.activityCheckins(),
                new ParticipantService(jdbi, audit, clock),
                json),
            new TrainingRoutes(life.training(), json),
            cases.routes()));
    App.Services services = new App.Services(
        db.url(),
        jdbi,
        users,
        volunteers,
        teams,
        children,
        consents,
        pairings,
        myPairings,
        cipher,
        blindIndex,
        care,
        concerns,
        troupes,
        rosters,
        sessions,
        assessments,
        earning,
        points,
        adjustments,
        redemptions,
        pointsReports,
        merchants,
        offers,
        surveys,
        surveyAnswers,
        scheduler,
        simulator,
        carePeriods,
        life,
        cases.caseWork());
    return new Wired(services, server, scheduler);
  }
}
