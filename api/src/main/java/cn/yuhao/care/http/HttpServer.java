package cn.yuhao.care.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.config.SizeUnit;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Javalin set up the same way for the service, the tests and the benchmark. */
public final class HttpServer {
  private static final Logger access = LoggerFactory.getLogger("access");
  /** The body cap for JSON endpoints; file uploads get their own limit where they are added. */
  public static final long MAX_BODY_BYTES = 64 * 1024;
  /** The largest upload of any purpose (file.FilePurpose.MAX_MEGABYTES) and a margin for the form. */
  public static final int MAX_UPLOAD_MEGABYTES = 21;

  private static final String DASHBOARD = "/dashboard";
  private static final String WEBJARS = "/webjars/";

  private HttpServer() {}

  private static boolean isStaticAsset(io.javalin.http.Context ctx) {
    String path = ctx.path();
    return (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD)
        && (path.equals(DASHBOARD) || path.startsWith(DASHBOARD + "/") || path.startsWith(WEBJARS));
  }

  /** Loads Javalin's, Jetty's and Jackson's classes (for start-up on a second thread); creates nothing lasting. */
  public static void preload() {
    Json.mapper().valueToTree(Problem.of(ErrorCode.NOT_FOUND, null, java.util.List.of(), "-"));
    Javalin.create(config -> config.showJavalinBanner = false);
  }

  public static Javalin create(
      ObjectMapper mapper,
      MeterRegistry registry,
      Handler authorize,
      QueryRules queryRules,
      EndpointGroup routes) {
    HttpMetrics metrics = new HttpMetrics(registry);
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
      config.http.maxRequestSize = MAX_BODY_BYTES;
      // Uploads (POST /files) are multipart; a part over the largest purpose's limit is refused
      // while read,
      // and parts past 1 MB wait on disk rather than in memory.
      config.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_MEGABYTES, SizeUnit.MB);
      config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_MEGABYTES + 1, SizeUnit.MB);
      config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
      config.http.defaultContentType = "application/json; charset=utf-8";
      config.router.ignoreTrailingSlashes = true;
      config.router.treatMultipleSlashesAsSingleSlash = true;
      // A known path with another method is 405, not 404 (the route table stays the one source of
      // paths).
      config.http.prefer405over404 = true;
      // Graceful stop: stop accepting, let in-flight requests finish (StatisticsHandler tracks
      // them).
      config.jetty.modifyServer(server -> {
        server.setStopTimeout(10_000);
        server.setErrorHandler(new JettyErrors());
      });
      config.jetty.modifyServletContextHandler(handler -> {
        handler.insertHandler(new StatisticsHandler());
        handler.setErrorHandler(new JettyErrors());
      });
      config.requestLogger.http((ctx, ms) -> {
        metrics.record(ctx, ms);
        // One line per request: no query string, no body, no headers, so no personal data.
        // The request id comes in through the MDC, like on every other line of the request.
        access
            .atInfo()
            .addKeyValue("method", ctx.method().name())
            .addKeyValue("route", HttpMetrics.route(ctx))
            .addKeyValue("status", ctx.statusCode())
            .addKeyValue("ms", Math.round(ms))
            .log("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms));
        MDC.remove("requestId");
        MDC.remove("userId");
      });
      config.router.apiBuilder(routes);
      // The web dashboard (大屏) and Apache ECharts, from the jar; the page talks only to this
      // origin.
      config.staticFiles.add(files -> {
        files.hostedPath = DASHBOARD;
        files.directory = "/web/dashboard";
        files.location = Location.CLASSPATH;
        files.mimeTypes.add("text/html; charset=utf-8", "html");
        files.mimeTypes.add("text/javascript; charset=utf-8", "js");
        files.mimeTypes.add("text/css; charset=utf-8", "css");
        files.headers = java.util.Map.of(
            "Cache-Control",
            "no-cache",
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
            "X-Content-Type-Options",
            "nosniff",
            "Referrer-Policy",
            "no-referrer");
      });
      config.staticFiles.enableWebjars();
    });
    app.before(ctx -> {
      RequestIds.assign(ctx);
      MDC.put("requestId", RequestIds.of(ctx));
      MDC.remove("userId"); // set by the access check; never a previous request's on this thread
      if (!isStaticAsset(ctx)) {
        SecurityHeaders.apply(ctx::header);
      }
    });
    // Javalin runs before-matched handlers for static files too; those are public files from the
    // jar (the data
    // behind the dashboard page is not), so the access check is for routes only.
    app.beforeMatched(ctx -> {
      if (!isStaticAsset(ctx)) {
        authorize.handle(ctx);
        queryRules.check(ctx);
      }
    });
    ErrorMapper.register(app);
    return app;
  }
}
