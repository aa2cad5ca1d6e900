-- One-time consent invitations (小程序码): the admin issues one for a child, the guardian opens it in the
-- mini-program, reads what will be shared and with whom, and agrees or refuses. The scene in the code is the
-- link id with an HMAC tag, so nothing secret is stored here. An agreement becomes a child_consents row.
CREATE TABLE consent_links (
  id              BIGINT        NOT NULL,
  child_id        BIGINT        NOT NULL,
  district_code   CHAR(6)       NOT NULL,
  street          VARCHAR(64)   NULL,
  text_version    VARCHAR(16)   NOT NULL,
  expires_at      DATETIME(3)   NOT NULL,
  created_by      BIGINT        NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  answered_at     DATETIME(3)   NULL,
  answered_by     BIGINT        NULL,
  outcome         VARCHAR(16)   NULL,
  guardian_name   VARCHAR(32)   NULL,
  relation        VARCHAR(16)   NULL,
  consent_id      BIGINT        NULL,
  PRIMARY KEY (id),
  KEY ix_consent_links_child (child_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
