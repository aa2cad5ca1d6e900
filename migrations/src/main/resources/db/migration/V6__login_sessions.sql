-- Bearer sessions. Only the SHA-256 of the token is stored; the WeChat session_key is kept
-- encrypted and never leaves the server.
CREATE TABLE login_sessions (
  id              BIGINT       NOT NULL,
  token_hash      BINARY(32)   NOT NULL,
  user_id         BIGINT       NOT NULL,
  session_key_enc VARCHAR(255) NULL,
  created_at      DATETIME(3)  NOT NULL,
  last_seen_at    DATETIME(3)  NOT NULL,
  expires_at      DATETIME(3)  NOT NULL,
  revoked_at      DATETIME(3)  NULL,
  revoke_reason   VARCHAR(32)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_login_sessions_token (token_hash),
  KEY ix_login_sessions_user (user_id, revoked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
