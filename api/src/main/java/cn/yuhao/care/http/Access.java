package cn.yuhao.care.http;

import io.javalin.security.RouteRole;

/**
 * Route markers besides the business roles: open to anyone, or to any signed-in user; DASHBOARD marks the
 * read-only routes a web dashboard session (scan-to-login) may call, on top of the route's roles.
 */
public enum Access implements RouteRole {
  PUBLIC,
  AUTHENTICATED,
  DASHBOARD
}
