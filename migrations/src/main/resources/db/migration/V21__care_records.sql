-- Care records (关爱记录): what a volunteer did for a paired child. Never deleted; a correction copies the old
-- version into care_record_versions first. Summary and follow-up note are encrypted (FieldCipher). district_code
-- and street are the pairing's, so the scope filter reads records as it reads pairings.
CREATE TABLE care_records (
  id                   BIGINT        NOT NULL,
  pairing_id           BIGINT        NOT NULL,
  child_id             BIGINT        NOT NULL,
  district_code        CHAR(6)       NOT NULL,
  street               VARCHAR(64)   NULL,
  author_user_id       BIGINT        NOT NULL,
  author_volunteer_id  BIGINT        NOT NULL,
  kind                 VARCHAR(32)   NOT NULL,
  occurred_at          DATETIME(3)   NOT NULL,
  way                  VARCHAR(16)   NOT NULL,
  summary_enc          TEXT          NOT NULL,
  follow_up_needed     BOOLEAN       NOT NULL,
  follow_up_note_enc   TEXT          NULL,
  content_check        VARCHAR(16)   NOT NULL,
  version              INT           NOT NULL,
  created_at           DATETIME(3)   NOT NULL,
  updated_at           DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_care_records_pairing (pairing_id, occurred_at),
  KEY ix_care_records_district (district_code, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
