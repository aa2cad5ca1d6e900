-- People who signed in with WeChat. openid is case-sensitive, hence the binary collation.
-- The phone is stored encrypted (AES-GCM, key id prefixed) with an HMAC blind index for look-ups.
CREATE TABLE users (
  id               BIGINT       NOT NULL,
  openid           VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  unionid          VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  phone_enc        VARCHAR(255) NULL,
  phone_index      CHAR(64)     NULL,
  volunteer_status VARCHAR(16)  NOT NULL DEFAULT 'NONE',
  status           VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
  created_at       DATETIME(3)  NOT NULL,
  updated_at       DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_openid (openid),
  KEY ix_users_unionid (unionid),
  KEY ix_users_phone_index (phone_index)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
