package cn.yuhao.care.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Request count and latency by route template (never the raw path, which carries ids). */
final class HttpMetrics {
  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(Context ctx, float millis) {
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("route", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram(false)
        .register(registry)
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
  }

  static String route(Context ctx) {
    try {
      String path = ctx.endpointHandlerPath();
      return path == null || path.isEmpty() ? "unmatched" : path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
