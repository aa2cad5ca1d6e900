package cn.yuhao.care;

import static cn.yuhao.care.http.Access.DASHBOARD;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.auth.Role;
import io.javalin.apibuilder.ApiBuilder;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;

/** The roles routes are open to, and the groups of them the route tables use. */
final class RouteRoles {
  static final RouteRole CITY_ADMIN = new AuthFilter.Allowed(Role.CITY_ADMIN);
  static final RouteRole COACH = new AuthFilter.Allowed(Role.COACH);
  static final RouteRole DISTRICT_ADMIN = new AuthFilter.Allowed(Role.DISTRICT_ADMIN);
  static final RouteRole MERCHANT_STAFF = new AuthFilter.Allowed(Role.MERCHANT_STAFF);
  static final RouteRole STREET_SUPERVISOR = new AuthFilter.Allowed(Role.STREET_SUPERVISOR);
  static final RouteRole VOLUNTEER = new AuthFilter.Allowed(Role.VOLUNTEER);
  /** The admins who write for a district: its district admins and the city's. */
  static final RouteRole[] ADMINS = {CITY_ADMIN, DISTRICT_ADMIN};
  /** Those who read a district's or street's figures: the admins and the street supervisors. */
  static final RouteRole[] READERS = {CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR};
  /** A third-party evaluator: every route open to her is a read (EvaluatorApiTest checks each route). */
  static final RouteRole EVALUATOR = new AuthFilter.Allowed(Role.EVALUATOR);
  /** The readers and the evaluators. */
  static final RouteRole[] READERS_AND_EVALUATORS = {
    CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR, EVALUATOR
  };
  /** The readers and the evaluators, also from the web dashboard's session. */
  static final RouteRole[] BOARD_READERS_AND_EVALUATORS = {
    CITY_ADMIN, DISTRICT_ADMIN, STREET_SUPERVISOR, EVALUATOR, DASHBOARD
  };

  private RouteRoles() {}

  /** A GET route and HEAD on it, with the same roles: the same answer without its body (RFC 9110 §9.3.2). */
  static void get(String path, Handler handler, RouteRole... roles) {
    ApiBuilder.get(path, handler, roles);
    ApiBuilder.head(path, handler, roles);
  }
}
