package cn.yuhao.care.user;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.auth.AuthService;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.http.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.regex.Pattern;

/** HTTP for login, logout, phone binding and "who am I". */
public final class LoginRoutes {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");

  record LoginRequest(String code) {}

  record LoginResponse(String token, Instant expiresAt, UserView user) {}

  record PhoneRequest(String phoneCode) {}

  private final LoginService logins;
  private final AuthService auth;
  private final UserService users;
  private final ObjectMapper json;

  public LoginRoutes(LoginService logins, AuthService auth, UserService users, ObjectMapper json) {
    this.logins = logins;
    this.auth = auth;
    this.users = users;
    this.json = json;
  }

  public void login(Context ctx) {
    LoginRequest req = Json.read(ctx, json, LoginRequest.class);
    new Fields()
        .require("code", req.code())
        .check(
            req.code(),
            req.code() != null && CODE.matcher(req.code()).matches(),
            "code",
            "登录凭证格式不正确")
        .throwIfAny();
    AuthService.LoginResult result = logins.login(req.code(), ctx.ip());
    ctx.json(new LoginResponse(result.token(), result.expiresAt(), users.view(result.userId())));
  }

  public void logout(Context ctx) {
    auth.logout(AuthFilter.caller(ctx));
    ctx.status(204);
  }

  public void bindPhone(Context ctx) {
    PhoneRequest req = Json.read(ctx, json, PhoneRequest.class);
    new Fields()
        .require("phoneCode", req.phoneCode())
        .check(
            req.phoneCode(),
            req.phoneCode() != null && CODE.matcher(req.phoneCode()).matches(),
            "phoneCode",
            "手机号授权凭证格式不正确")
        .throwIfAny();
    ctx.json(users.bindPhone(AuthFilter.caller(ctx), req.phoneCode()));
  }

  public void me(Context ctx) {
    ctx.json(users.me(AuthFilter.caller(ctx)));
  }
}
