package cn.yuhao.care.auth;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for login sessions, looked up by the SHA-256 of the bearer token. */
@RegisterConstructorMapper(SessionDao.ActiveSession.class)
public interface SessionDao {

  record ActiveSession(long id, long userId, Instant lastSeenAt, Instant expiresAt, String userStatus) {}

  @SqlUpdate("""
      INSERT INTO login_sessions (id, token_hash, user_id, session_key_enc, created_at, last_seen_at, expires_at)
      VALUES (:id, :tokenHash, :userId, :sessionKeyEnc, :now, :now, :expiresAt)
      """)
  void insert(@Bind("id") long id, @Bind("tokenHash") byte[] tokenHash, @Bind("userId") long userId,
              @Bind("sessionKeyEnc") String sessionKeyEnc, @Bind("now") Instant now,
              @Bind("expiresAt") Instant expiresAt);

  @SqlQuery("""
      SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, u.status AS user_status
      FROM login_sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = :tokenHash AND s.revoked_at IS NULL
      """)
  Optional<ActiveSession> findUnrevoked(@Bind("tokenHash") byte[] tokenHash);

  @SqlUpdate("UPDATE login_sessions SET last_seen_at = :now WHERE id = :id AND revoked_at IS NULL")
  void touch(@Bind("id") long id, @Bind("now") Instant now);

  @SqlUpdate("""
      UPDATE login_sessions SET revoked_at = :now, revoke_reason = :reason
      WHERE id = :id AND revoked_at IS NULL
      """)
  int revoke(@Bind("id") long id, @Bind("now") Instant now, @Bind("reason") String reason);

  @SqlUpdate("""
      UPDATE login_sessions SET revoked_at = :now, revoke_reason = :reason
      WHERE user_id = :userId AND revoked_at IS NULL
      """)
  int revokeAllOfUser(@Bind("userId") long userId, @Bind("now") Instant now, @Bind("reason") String reason);
}
