package cn.yuhao.care.http;

import cn.yuhao.care.db.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become responses: problem+json with a stable code and a Chinese title and detail.
 * Nothing from an exception's message reaches the client except our own AppException details.
 */
public final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
  static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

  private ErrorMapper() {}

  static void register(Javalin app) {
    java.util.concurrent.atomic.AtomicLong outageLoggedAt =
        new java.util.concurrent.atomic.AtomicLong();
    app.exception(AppException.class, (e, ctx) -> {
      if (e.retryAfterSeconds() > 0) {
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      }
      write(ctx, e.error(), e.getMessage(), e.fields());
    });
    // Javalin's own answers (no route, body too large, …); unmatched paths arrive here as
    // NotFoundResponse.
    app.exception(HttpResponseException.class, (e, ctx) -> {
      ErrorCode error = fromStatus(e.getStatus());
      write(
          ctx,
          error,
          error == ErrorCode.NOT_FOUND ? "没有这个接口：" + ctx.method() + " " + ctx.path() : null,
          List.of());
    });
    app.exception(Exception.class, (e, ctx) -> {
      if (isDuplicateKey(e)) {
        write(ctx, ErrorCode.DUPLICATE, "该记录已存在，请勿重复提交", List.of());
        return;
      }
      if (Database.isUnavailable(e)) {
        // One line per outage (and a reminder a minute while it lasts), not a stack trace per
        // request.
        long now = System.currentTimeMillis();
        long last = outageLoggedAt.get();
        if (now - last > 60_000 && outageLoggedAt.compareAndSet(last, now)) {
          log.warn("database unavailable, answering 503 until it is back: {}", rootMessage(e));
        }
        ctx.header("Retry-After", "5");
        write(ctx, ErrorCode.DB_UNAVAILABLE, null, List.of());
        return;
      }
      log.error(
          "unhandled error on {} {} (request {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
      write(
          ctx,
          ErrorCode.INTERNAL_ERROR,
          "请稍后再试；如仍有问题，请把请求编号 " + RequestIds.of(ctx) + " 告诉管理员",
          List.of());
    });
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  static ErrorCode fromStatus(int status) {
    return switch (status) {
      case 400 -> ErrorCode.BAD_REQUEST;
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 503 -> ErrorCode.NOT_READY;
      default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
    };
  }

  public static boolean isDuplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLIntegrityConstraintViolationException sql && sql.getErrorCode() == 1062) {
        return true;
      }
    }
    return false;
  }

  static void write(Context ctx, ErrorCode error, String detail, List<FieldError> fields) {
    ctx.status(error.status());
    ctx.json(Problem.of(error, detail, fields, RequestIds.of(ctx)));
    ctx.contentType(PROBLEM_JSON);
  }
}
