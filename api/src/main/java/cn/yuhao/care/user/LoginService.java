package cn.yuhao.care.user;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.AuthService;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.wechat.WeChatGateway;
import cn.yuhao.care.wechat.WeChatSession;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** WeChat login: the code becomes an openid, the openid a user (made at the first login), the user a session. */
public final class LoginService {
  private final Jdbi jdbi;
  private final WeChatGateway wechat;
  private final AuthService sessions;
  private final AuditLog audit;
  private final Clock clock;
  private final RateLimiter perIp;
  private final RateLimiter perOpenid;

  public LoginService(
      Jdbi jdbi,
      WeChatGateway wechat,
      AuthService sessions,
      AuditLog audit,
      Clock clock,
      RateLimiter perIp,
      RateLimiter perOpenid) {
    this.jdbi = jdbi;
    this.wechat = wechat;
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
    this.perIp = perIp;
    this.perOpenid = perOpenid;
  }

  public AuthService.LoginResult login(String code, String clientIp) {
    perIp.acquire("ip:" + clientIp);
    WeChatSession session = wechat.code2Session(code);
    perOpenid.acquire("openid:" + session.openid());
    UserRow user = findOrCreateUser(session, clock.instant());
    if (!"ACTIVE".equals(user.status())) {
      throw new AppException(ErrorCode.ACCOUNT_DISABLED, "账号已停用，如有疑问请联系所在区县妇联");
    }
    return sessions.openSession(user.id(), session.sessionKey());
  }

  private UserRow findOrCreateUser(WeChatSession session, Instant now) {
    return jdbi.inTransaction(h -> {
      UserDao users = new UserDao(h);
      var existing = users.findByOpenid(session.openid());
      if (existing.isPresent()) {
        UserRow u = existing.get();
        if (session.unionid() != null && !session.unionid().equals(u.unionid())) {
          users.updateUnionid(u.id(), session.unionid(), now);
        }
        return u;
      }
      long id = Ids.next();
      users.insert(id, session.openid(), session.unionid(), now);
      audit.record(h, null, "user.create", "user", Long.toString(id), "首次微信登录");
      return users.findById(id).orElseThrow();
    });
  }
}
