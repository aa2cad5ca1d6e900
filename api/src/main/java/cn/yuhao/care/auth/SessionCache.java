package cn.yuhao.care.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * A short-lived cache of authenticated sessions (the token cache DESIGN §4 names): token hash → session and
 * grants, so a request does not pay two queries to learn who is calling. It lives in Jdbi's configuration, so
 * every DAO that changes grants or sessions (GrantDao, SessionDao) forgets the user at once on this instance;
 * other instances see the change within {@code TOKEN_CACHE_SECONDS} (default 2). Disabled when 0.
 */
public final class SessionCache implements JdbiConfig<SessionCache> {
  record Entry(SessionDao.ActiveSession session, List<RoleGrant> grants) {}

  private Cache<String, Entry> cache;

  public SessionCache() {}

  public void enable(Duration ttl) {
    cache = ttl.isZero()
        ? null
        : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).build();
  }

  Entry get(String tokenHash) {
    return cache == null ? null : cache.getIfPresent(tokenHash);
  }

  void put(String tokenHash, Entry e) {
    if (cache != null) {
      cache.put(tokenHash, e);
    }
  }

  /** The user's grants, status or sessions changed: her cached sessions are dropped. */
  public void forgetUser(long userId) {
    if (cache != null) {
      cache.asMap().values().removeIf(e -> e.session().userId() == userId);
    }
  }

  public void forgetSession(long sessionId) {
    if (cache != null) {
      cache.asMap().values().removeIf(e -> e.session().id() == sessionId);
    }
  }

  /** Shared, not copied: every handle must see (and clear) the same cache. */
  @Override
  public SessionCache createCopy() {
    return this;
  }
}
