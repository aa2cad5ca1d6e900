package cn.yuhao.care.auth;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.http.Access;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one access check, run before every matched route: a route with no roles is refused (deny by
 * default), PUBLIC routes pass, others need a valid bearer token and, unless AUTHENTICATED, one of the
 * route's roles. A web dashboard session passes only routes also marked DASHBOARD. An evaluator's grants count
 * only on routes open to EVALUATOR (all of them reads), and each of her requests there is audited.
 */
public final class AuthFilter implements Handler {
  /** A route open to a business role (the route table's markers; Role itself knows nothing of HTTP). */
  public record Allowed(Role role) implements RouteRole {}

  private static final Logger log = LoggerFactory.getLogger(AuthFilter.class);
  private static final String CALLER = "caller";

  private static final Allowed EVALUATOR = new Allowed(Role.EVALUATOR);

  private final AuthService auth;
  private final AuditLog audit;

  public AuthFilter(AuthService auth, AuditLog audit) {
    this.auth = auth;
    this.audit = audit;
  }

  @Override
  public void handle(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.isEmpty()) {
      log.error("route {} declares no roles; refusing", ctx.endpointHandlerPath());
      throw new AppException(ErrorCode.FORBIDDEN, "该接口未开放");
    }
    if (roles.contains(Access.PUBLIC)) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new AppException(ErrorCode.UNAUTHENTICATED, "请先登录");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new AppException(ErrorCode.TOKEN_INVALID, "登录凭证格式不正确，应为 Bearer 令牌");
    }
    Caller caller = auth.authenticate(header.substring(7).trim(), RequestIds.of(ctx));
    if (!roles.contains(EVALUATOR)) {
      // Her reading grant must not widen what another role of hers may do here.
      caller = caller.without(Role.EVALUATOR);
    }
    ctx.attribute(CALLER, caller);
    org.slf4j.MDC.put(
        "userId",
        Long.toString(caller.userId())); // an id, never a name: logs carry no personal data
    if (caller.dashboardOnly() && !roles.contains(Access.DASHBOARD)) {
      throw new AppException(ErrorCode.FORBIDDEN, "数据看板登录只能查看看板");
    }
    if (roles.contains(Access.AUTHENTICATED)) {
      return;
    }
    Caller c = caller;
    boolean allowed = roles.stream().anyMatch(r -> r instanceof Allowed a && c.hasRole(a.role()));
    if (!allowed) {
      throw new AppException(ErrorCode.FORBIDDEN, "您的角色无权执行此操作");
    }
    if (caller.evaluating()) {
      String query = ctx.queryString();
      audit.recordRead(
          caller,
          "evaluator.read",
          "route",
          ctx.endpointHandlerPath(),
          ctx.method() + " " + ctx.path() + (query == null ? "" : "?" + query));
    }
  }

  /** The caller of an authenticated route (the filter guarantees it is there). */
  public static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new AppException(ErrorCode.UNAUTHENTICATED, "请先登录");
    }
    return caller;
  }

  /**
   * {@code ?districtCode=} of an admin list or statistic. One she cannot look into is not found (404), as a
   * record outside her scope is: an empty 200 with zeros would still answer a question she may not ask.
   */
  public static String districtInScope(Context ctx) {
    String district = Params.optional(ctx, "districtCode", 6);
    if (district != null && !caller(ctx).adminScope().reaches(district)) {
      throw AppException.notFound("区县");
    }
    return district;
  }

  /** {@code ?street=} beside {@link #districtInScope}: a street outside her scope is not found either. */
  public static String streetInScope(Context ctx, String district) {
    String street = Params.optional(ctx, "street", 64);
    if (street == null) {
      return null;
    }
    Scope scope = caller(ctx).adminScope();
    // Without a district, a supervisor's street filter must name one of her streets; admins of
    // whole districts
    // filter by a street name within what they see anyway.
    boolean visible = district != null
        ? scope.covers(district, street)
        : scope.all()
            || !scope.districts().isEmpty()
            || scope.streets().stream().anyMatch(s -> s.street().equals(street));
    if (!visible) {
      throw AppException.notFound("街道");
    }
    return street;
  }
}
