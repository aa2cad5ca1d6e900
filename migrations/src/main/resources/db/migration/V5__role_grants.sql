-- A role with its scope. scope_key is the scope columns joined, so one user cannot hold the same
-- role twice for the same scope (NULLs would defeat a plain unique key on the columns themselves).
CREATE TABLE role_grants (
  id            BIGINT       NOT NULL,
  user_id       BIGINT       NOT NULL,
  role          VARCHAR(32)  NOT NULL,
  district_code CHAR(6)      NULL,
  street        VARCHAR(64)  NULL,
  troupe_id     BIGINT       NULL,
  merchant_id   BIGINT       NULL,
  scope_key     VARCHAR(160) NOT NULL,
  granted_by    BIGINT       NULL,
  granted_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_role_grants_scope (user_id, role, scope_key),
  KEY ix_role_grants_district (district_code, role)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
