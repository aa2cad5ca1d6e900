-- A role offered to someone outside the granter's scope: it takes effect only when she accepts it in the
-- mini-program, so nobody gets a role silently and no admin brings a stranger into what she may read.
CREATE TABLE role_invitations (
  id            BIGINT       NOT NULL,
  user_id       BIGINT       NOT NULL,
  role          VARCHAR(32)  NOT NULL,
  district_code CHAR(6)      NULL,
  street        VARCHAR(64)  NULL,
  troupe_id     BIGINT       NULL,
  merchant_id   BIGINT       NULL,
  scope_key     VARCHAR(160) NOT NULL,
  invited_by    BIGINT       NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  expires_at    DATETIME(3)  NOT NULL,
  status        VARCHAR(16)  NOT NULL,
  decided_at    DATETIME(3)  NULL,
  PRIMARY KEY (id),
  KEY ix_role_invitations_user (user_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
