package cn.yuhao.care.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL for login sessions, looked up by the SHA-256 of the bearer token. */
public final class SessionDao {
  /** purpose: APP (a mini-program login) or DASHBOARD (a web dashboard session from scan-to-login). */
  public record ActiveSession(
      long id,
      long userId,
      Instant lastSeenAt,
      Instant expiresAt,
      String userStatus,
      String purpose) {}

  private final Handle h;

  public SessionDao(Handle h) {
    this.h = h;
  }

  public void insert(
      long id,
      byte[] tokenHash,
      long userId,
      String sessionKeyEnc,
      Instant now,
      Instant expiresAt) {
    h.createUpdate("""
            INSERT INTO login_sessions (id, token_hash, user_id, session_key_enc, created_at, last_seen_at, expires_at)
            VALUES (:id, :tokenHash, :userId, :sessionKeyEnc, :now, :now, :expiresAt)
            """)
        .bind("id", id)
        .bind("tokenHash", tokenHash)
        .bind("userId", userId)
        .bind("sessionKeyEnc", sessionKeyEnc)
        .bind("now", now)
        .bind("expiresAt", expiresAt)
        .execute();
  }

  /** A session with its user's grants (oldest first). */
  public record WithGrants(ActiveSession session, List<RoleGrant> grants) {}

  private static final RowMapper<ActiveSession> SESSION = ConstructorMapper.of(ActiveSession.class);
  private static final RowMapper<RoleGrant> GRANT = ConstructorMapper.of(RoleGrant.class, "g_");

  /**
   * The token's unrevoked session, its user's status and her grants in one round trip: every request whose
   * session is not cached makes it.
   */
  public Optional<WithGrants> findUnrevokedWithGrants(byte[] tokenHash) {
    List<Object[]> rows = h.createQuery("""
            SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, u.status AS user_status, s.purpose, <grants>
            FROM login_sessions s JOIN users u ON u.id = s.user_id
            LEFT JOIN role_grants g ON g.user_id = s.user_id
            WHERE s.token_hash = :tokenHash AND s.revoked_at IS NULL
            ORDER BY g.granted_at, g.id
            """)
        .define("grants", GrantDao.JOINED_COLUMNS)
        .bind("tokenHash", tokenHash)
        .map((rs, ctx) -> new Object[] {
          SESSION.map(rs, ctx), rs.getObject("g_id") == null ? null : GRANT.map(rs, ctx)
        })
        .list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<RoleGrant> grants = new ArrayList<>();
    rows.stream().filter(r -> r[1] != null).forEach(r -> grants.add((RoleGrant) r[1]));
    return Optional.of(new WithGrants((ActiveSession) rows.get(0)[0], grants));
  }

  public void touch(long id, Instant now) {
    h.createUpdate(
            "UPDATE login_sessions SET last_seen_at = :now WHERE id = :id AND revoked_at IS NULL")
        .bind("id", id)
        .bind("now", now)
        .execute();
  }

  public int revoke(long id, Instant now, String reason) {
    h.getConfig(SessionCache.class).forgetSession(id);
    return h.createUpdate("""
            UPDATE login_sessions SET revoked_at = :now, revoke_reason = :reason
            WHERE id = :id AND revoked_at IS NULL
            """)
        .bind("id", id)
        .bind("now", now)
        .bind("reason", reason)
        .execute();
  }

  public int revokeAllOfUser(long userId, Instant now, String reason) {
    h.getConfig(SessionCache.class).forgetUser(userId);
    return h.createUpdate("""
            UPDATE login_sessions SET revoked_at = :now, revoke_reason = :reason
            WHERE user_id = :userId AND revoked_at IS NULL
            """)
        .bind("userId", userId)
        .bind("now", now)
        .bind("reason", reason)
        .execute();
  }
}
