package cn.yuhao.care.http;

import io.javalin.security.RouteRole;

/** Route markers besides the business roles: open to anyone, or to any signed-in user. */
public enum Access implements RouteRole {
  PUBLIC,
  AUTHENTICATED
}
