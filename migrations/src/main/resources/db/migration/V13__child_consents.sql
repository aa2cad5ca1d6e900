-- Guardian consent (征得监护人同意) to pair a child. A consent is never deleted: withdrawal is recorded on it.
-- A child has current consent while one of hers is not withdrawn.
CREATE TABLE child_consents (
  id              BIGINT       NOT NULL,
  child_id        BIGINT       NOT NULL,
  guardian_name   VARCHAR(32)  NOT NULL,
  relation        VARCHAR(16)  NOT NULL,
  method          VARCHAR(16)  NOT NULL,
  signed_at       DATETIME(3)  NOT NULL,
  scope           VARCHAR(200) NULL,
  version         VARCHAR(16)  NOT NULL,
  recorded_by     BIGINT       NOT NULL,
  recorded_at     DATETIME(3)  NOT NULL,
  withdrawn_at    DATETIME(3)  NULL,
  withdrawn_by    BIGINT       NULL,
  withdraw_reason VARCHAR(500) NULL,
  PRIMARY KEY (id),
  KEY ix_child_consents_child (child_id, withdrawn_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
