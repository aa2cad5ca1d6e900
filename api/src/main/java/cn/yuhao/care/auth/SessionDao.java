package cn.yuhao.care.auth;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

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

  public Optional<ActiveSession> findUnrevoked(byte[] tokenHash) {
    return h.createQuery("""
            SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, u.status AS user_status, s.purpose
            FROM login_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = :tokenHash AND s.revoked_at IS NULL
            """)
        .bind("tokenHash", tokenHash)
        .mapTo(ActiveSession.class)
        .findOne();
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
