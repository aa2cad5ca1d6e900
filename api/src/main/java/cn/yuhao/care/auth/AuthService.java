package cn.yuhao.care.auth;

import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.privacy.FieldCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Bearer sessions: opened at login, checked on every request (idle and absolute expiry), closed at logout. */
public final class AuthService {
  /** Sessions are touched at most this often, so every request is not also a write. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  public record LoginResult(String token, Instant expiresAt, long userId) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final Clock clock;
  private final Duration idleTimeout;
  private final Duration absoluteTimeout;

  public AuthService(
      Jdbi jdbi, FieldCipher cipher, Clock clock, Duration idleTimeout, Duration absoluteTimeout) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.absoluteTimeout = absoluteTimeout;
  }

  /** A new bearer session for a user who just proved who she is (WeChat login); the WeChat session key sealed. */
  public LoginResult openSession(long userId, String wechatSessionKey) {
    String token = Tokens.newToken();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(absoluteTimeout);
    jdbi.useHandle(h -> new SessionDao(h)
        .insert(
            Ids.next(),
            Tokens.hash(token),
            userId,
            cipher.encrypt(wechatSessionKey, "login_sessions.session_key"),
            now,
            expiresAt));
    return new LoginResult(token, expiresAt, userId);
  }

  /** The caller behind a bearer token, or 401. Expired sessions are revoked as they are found. */
  public Caller authenticate(String token, String requestId) {
    if (!Tokens.wellFormed(token)) {
      throw new AppException(ErrorCode.TOKEN_INVALID, "登录凭证无效，请重新登录");
    }
    Instant now = clock.instant();
    byte[] hash = Tokens.hash(token);
    String key = java.util.HexFormat.of().formatHex(hash);
    SessionCache cache = jdbi.getConfig(SessionCache.class);
    SessionCache.Entry hit = cache.get(key);
    // A hit serves only while the session was seen recently: past TOUCH_EVERY the database path
    // records use.
    if (hit != null
        && live(hit.session(), now)
        && "ACTIVE".equals(hit.session().userStatus())
        && Duration.between(hit.session().lastSeenAt(), now).compareTo(TOUCH_EVERY) <= 0) {
      return new Caller(
          hit.session().userId(),
          hit.session().id(),
          inForce(hit.grants(), now),
          requestId,
          "DASHBOARD".equals(hit.session().purpose()));
    }
    // One connection for the whole check: session, user status and grants.
    return jdbi.withHandle(h -> {
      SessionDao sessions = new SessionDao(h);
      SessionDao.WithGrants found = sessions
          .findUnrevokedWithGrants(hash)
          .orElseThrow(() -> new AppException(ErrorCode.TOKEN_INVALID, "登录已失效，请重新登录"));
      SessionDao.ActiveSession s = found.session();
      if (!live(s, now)) {
        sessions.revoke(s.id(), now, "EXPIRED");
        throw new AppException(ErrorCode.TOKEN_INVALID, "登录已过期，请重新登录");
      }
      if (!"ACTIVE".equals(s.userStatus())) {
        throw new AppException(ErrorCode.ACCOUNT_DISABLED, "账号已停用，如有疑问请联系所在区县妇联");
      }
      if (Duration.between(s.lastSeenAt(), now).compareTo(TOUCH_EVERY) > 0) {
        sessions.touch(s.id(), now);
        s = new SessionDao.ActiveSession(
            s.id(), s.userId(), now, s.expiresAt(), s.userStatus(), s.purpose());
      }
      List<RoleGrant> grants = found.grants();
      cache.put(key, new SessionCache.Entry(s, grants));
      return new Caller(
          s.userId(), s.id(), inForce(grants, now), requestId, "DASHBOARD".equals(s.purpose()));
    });
  }

  /** A period grant stops counting the moment it expires, cached or not. */
  private static List<RoleGrant> inForce(List<RoleGrant> grants, Instant now) {
    return grants.stream().allMatch(g -> g.inForce(now))
        ? grants
        : grants.stream().filter(g -> g.inForce(now)).toList();
  }

  private boolean live(SessionDao.ActiveSession s, Instant now) {
    return now.isBefore(s.expiresAt()) && now.isBefore(s.lastSeenAt().plus(idleTimeout));
  }

  public void logout(Caller caller) {
    jdbi.useHandle(h -> new SessionDao(h).revoke(caller.sessionId(), clock.instant(), "LOGOUT"));
  }
}
