package cn.yuhao.care.ops;

import cn.yuhao.care.db.Migrations;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.Dictionaries;
import cn.yuhao.care.http.ErrorCode;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Health, readiness, Prometheus metrics and the contract, outside /api/v1. */
public final class OpsRoutes {
  private final Jdbi jdbi;
  private final PrometheusMeterRegistry metrics;
  private final int shippedMigrations;
  private final byte[] contract;

  private final String metricsToken;

  /** {@code metricsToken}: when set, /metrics needs it as a bearer token; when not, only loopback may read. */
  private final Dictionaries dictionaries;

  public OpsRoutes(
      Jdbi jdbi,
      PrometheusMeterRegistry metrics,
      int shippedMigrations,
      String metricsToken,
      Dictionaries dictionaries) {
    this.dictionaries = dictionaries;
    this.jdbi = jdbi;
    this.metricsToken = metricsToken;
    this.metrics = metrics;
    this.shippedMigrations = shippedMigrations;
    this.contract = loadContract();
  }

  public void health(Context ctx) {
    ctx.json(Map.of("status", "UP"));
  }

  /** Ready when the database answers and still has every migration applied at start-up. */
  public void ready(Context ctx) {
    int applied;
    try {
      applied = Migrations.applied(jdbi);
    } catch (RuntimeException e) {
      throw new AppException(ErrorCode.NOT_READY, "数据库暂时无法连接");
    }
    if (applied < shippedMigrations) {
      throw new AppException(ErrorCode.NOT_READY, "数据库迁移尚未完成");
    }
    ctx.json(Map.of("status", "READY", "migrations", applied));
  }

  /**
   * Metrics tell load, error rates and timings: not for the internet. Behind a reverse proxy on the same host
   * every request comes from loopback, so production sets METRICS_TOKEN (README).
   */
  public void metrics(Context ctx) {
    if (metricsToken != null) {
      String header = ctx.header("Authorization");
      byte[] given =
          (header == null ? "" : header).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] wanted = ("Bearer " + metricsToken).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (!java.security.MessageDigest.isEqual(given, wanted)) {
        throw new AppException(ErrorCode.UNAUTHENTICATED, "读取监控指标需要 METRICS_TOKEN");
      }
    } else if (!fromLoopback(ctx)) {
      throw new AppException(ErrorCode.FORBIDDEN, "监控指标只对本机开放；远程读取请配置 METRICS_TOKEN");
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private static boolean fromLoopback(Context ctx) {
    try {
      // The remote address is an IP literal: no name is looked up.
      return java.net.InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** The Chinese labels of every code in the contract (GET /api/v1/dictionaries). */
  public void dictionaries(Context ctx) {
    dictionaries.serve(ctx);
  }

  public void contract(Context ctx) {
    ctx.contentType("application/yaml; charset=utf-8").result(contract);
  }

  private static byte[] loadContract() {
    try (InputStream in = OpsRoutes.class.getResourceAsStream("/contract/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("contract/openapi.yaml is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
