package cn.yuhao.care.ops;

import cn.yuhao.care.db.Migrations;
import cn.yuhao.care.http.AppException;
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

  public OpsRoutes(Jdbi jdbi, PrometheusMeterRegistry metrics, int shippedMigrations) {
    this.jdbi = jdbi;
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

  public void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
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
