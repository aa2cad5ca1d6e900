-- Attendance badges: an opaque random token per rostered child, printed as a QR card. Looked up by its
-- SHA-256; the token itself is kept encrypted only to print the sheet again. Re-issuing revokes the old one.
CREATE TABLE troupe_badges (
  token_hash  CHAR(64)      NOT NULL,
  troupe_id   BIGINT        NOT NULL,
  child_id    BIGINT        NOT NULL,
  token_enc   VARCHAR(255)  NOT NULL,
  alias       VARCHAR(16)   NOT NULL,
  issued_at   DATETIME(3)   NOT NULL,
  revoked_at  DATETIME(3)   NULL,
  PRIMARY KEY (token_hash),
  KEY ix_troupe_badges_child (troupe_id, child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
