package cn.yuhao.care;

import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.checklist.CareService;
import cn.yuhao.care.child.ChildService;
import cn.yuhao.care.child.ConsentService;
import cn.yuhao.care.concern.ConcernService;
import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.db.Database;
import cn.yuhao.care.db.Migrations;
import cn.yuhao.care.http.HttpServer;
import cn.yuhao.care.http.QueryRules;
import cn.yuhao.care.merchant.MerchantService;
import cn.yuhao.care.merchant.OfferService;
import cn.yuhao.care.notify.Scheduler;
import cn.yuhao.care.pairing.MyPairings;
import cn.yuhao.care.pairing.PairingService;
import cn.yuhao.care.points.AdjustmentService;
import cn.yuhao.care.points.PointsEarning;
import cn.yuhao.care.points.PointsReports;
import cn.yuhao.care.points.PointsService;
import cn.yuhao.care.points.RedemptionService;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Keys;
import cn.yuhao.care.survey.SurveyAnswers;
import cn.yuhao.care.survey.SurveyService;
import cn.yuhao.care.troupe.AssessmentService;
import cn.yuhao.care.troupe.RosterService;
import cn.yuhao.care.troupe.SessionService;
import cn.yuhao.care.troupe.TroupeService;
import cn.yuhao.care.user.UserService;
import cn.yuhao.care.volunteer.TeamService;
import cn.yuhao.care.volunteer.VolunteerService;
import cn.yuhao.care.wechat.WeChatGateway;
import cn.yuhao.care.wechat.WeChatSimulator;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the whole service with plain constructors, in one place. Tests and the benchmark build it the
 * same way (with their own config and clock). Closing it stops in reverse order: HTTP first (in-flight
 * requests finish), then the pool, then the embedded database.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  private final Deque<AutoCloseable> resources;
  private final Javalin server;
  private final Services services;

  /** The services, for the demo loader and tests that set up data without going through HTTP. */
  public record Services(
      String jdbcUrl,
      Jdbi jdbi,
      UserService users,
      VolunteerService volunteers,
      TeamService teams,
      ChildService children,
      ConsentService consents,
      PairingService pairings,
      MyPairings myPairings,
      FieldCipher cipher,
      BlindIndex blindIndex,
      CareService care,
      ConcernService concerns,
      TroupeService troupes,
      RosterService rosters,
      SessionService sessions,
      AssessmentService assessments,
      PointsEarning earning,
      PointsService points,
      AdjustmentService adjustments,
      RedemptionService redemptions,
      PointsReports pointsReports,
      MerchantService merchants,
      OfferService offers,
      SurveyService surveys,
      SurveyAnswers surveyAnswers,
      Scheduler scheduler,
      WeChatSimulator simulator,
      CarePeriods carePeriods,
      ServiceLife serviceLife,
      CaseWork caseWork) {}

  /** Case work: files, referrals and the agencies' answers, the steps of a report, children's plans. */
  public record CaseWork(
      cn.yuhao.care.file.FileService files,
      cn.yuhao.care.concern.ReferralService referrals,
      cn.yuhao.care.concern.AgencyReplies agencies,
      cn.yuhao.care.concern.ConcernHandling concernHandling,
      cn.yuhao.care.checklist.PlanService plans) {}

  /** A volunteer's service life: activities and sign-ups, training, hours claimed and confirmed, who she is. */
  public record ServiceLife(
      cn.yuhao.care.activity.ActivityService activities,
      cn.yuhao.care.activity.SignupService signups,
      cn.yuhao.care.activity.CheckinService activityCheckins,
      cn.yuhao.care.training.TrainingService training,
      cn.yuhao.care.volunteer.HourClaimService hourClaims,
      cn.yuhao.care.volunteer.VisitHoursService visitHours,
      cn.yuhao.care.volunteer.ProfileService profiles) {}

  private App(Deque<AutoCloseable> resources, Javalin server, Services services) {
    this.resources = resources;
    this.server = server;
    this.services = services;
  }

  public static App start(AppConfig config, Clock clock) {
    return start(config, clock, services -> {});
  }

  /**
   * {@code beforeListening} runs with the services wired but before the port opens (the demo data): /ready
   * cannot answer before it is done, because nothing answers.
   */
  public static App start(
      AppConfig config, Clock clock, java.util.function.Consumer<Services> beforeListening) {
    var problems = config.productionProblems();
    if (!problems.isEmpty()) {
      throw new AppConfig.ConfigException(
          "refusing to start in production: " + String.join("; ", problems));
    }
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    CompletableFuture<WeChat> wechatReady = null;
    try {
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(meters);
      new JvmThreadMetrics().bindTo(meters);
      new ClassLoaderMetrics().bindTo(meters);
      new ProcessorMetrics().bindTo(meters);
      new UptimeMetrics().bindTo(meters);
      JvmGcMetrics gc = new JvmGcMetrics();
      gc.bindTo(meters);
      resources.push(gc);
      resources.push(meters::close);

      long t0 = System.nanoTime();
      // The second core sets up WeChat and loads the web stack's classes while this one connects
      // and
      // migrates: start-up is mostly class loading, and it parallelises.
      CompletableFuture<QueryRules> queryRules =
          CompletableFuture.supplyAsync(QueryRules::fromContract);
      wechatReady = CompletableFuture.supplyAsync(() -> {
        HttpServer.preload();
        return WeChat.start(config);
      });
      Database db = Database.open(config, meters);
      long tDb = System.nanoTime();
      resources.push(db);
      Keys keys = Keys.load(config);
      FieldCipher cipher = new FieldCipher(keys);
      BlindIndex blindIndex = new BlindIndex(keys);
      Migrations migrations = new Migrations(db.dataSource());
      int applied = migrations.migrate();
      long tMigrated = System.nanoTime();
      log.info("database migrated ({} new migrations)", applied);

      WeChat wx = wechatReady.join();
      wechatReady = null; // from here the resources own the simulator
      if (wx.simulator() != null) {
        resources.push(wx.simulator());
      }
      WeChatGateway wechat = wx.gateway();

      Wiring.Wired wired = Wiring.wire(
          config,
          clock,
          db,
          cipher,
          blindIndex,
          wechat,
          wx.simulator(),
          meters,
          queryRules.join(),
          resources);
      long tWired = System.nanoTime();
      Services services = wired.services();
      Javalin server = wired.server();
      Scheduler scheduler = wired.scheduler();
      beforeListening.accept(services);
      server.start(config.port());
      resources.push(server::stop);
      if (config.schedulerEnabled()) {
        scheduler.start(java.time.Duration.ofMinutes(1));
      }
      resources.push(scheduler);
      long tListening = System.nanoTime();
      log.info(
          "渝好关爱 api listening on port {}: {} ms after JVM start (database {} ms, migrations {} ms, "
              + "wiring {} ms, HTTP {} ms)",
          server.port(),
          ManagementFactory.getRuntimeMXBean().getUptime(),
          ms(t0, tDb),
          ms(tDb, tMigrated),
          ms(tMigrated, tWired),
          ms(tWired, tListening));
      return new App(resources, server, services);
    } catch (RuntimeException e) {
      if (wechatReady != null) {
        wechatReady.thenAccept(wx -> {
          if (wx.simulator() != null) {
            wx.simulator().close();
          }
        });
      }
      closeAll(resources);
      throw e;
    }
  }

  /** The WeChat gateway, and the simulator behind it when there are no real credentials. */
  private record WeChat(WeChatGateway gateway, WeChatSimulator simulator) {
    static WeChat start(AppConfig config) {
      if (!config.useSimulator()) {
        return new WeChat(
            new WeChatGateway(WeChatGateway.client(
                config.wechatAppId(), config.wechatSecret(), null, config.wechatTimeout())),
            null);
      }
      WeChatSimulator simulator = WeChatSimulator.start();
      log.info("WeChat simulator on {} (login code X gives openid dev_X)", simulator.baseUrl());
      return new WeChat(
          new WeChatGateway(WeChatGateway.client(
              WeChatSimulator.APP_ID,
              WeChatSimulator.SECRET,
              simulator.baseUrl(),
              config.wechatTimeout())),
          simulator);
    }
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }

  public int port() {
    return server.port();
  }

  public Services services() {
    return services;
  }

  /** The routes as served, with their roles: what the access-matrix tests walk. */
  public List<io.javalin.router.Endpoint> endpoints() {
    return server.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(io.javalin.router.ParsedEndpoint::getEndpoint)
        .toList();
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        log.warn("error while stopping {}", r, e);
      }
    }
  }
}
