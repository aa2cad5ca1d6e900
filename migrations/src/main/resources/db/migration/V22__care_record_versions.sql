-- Earlier versions of corrected care records, as they were before each correction.
CREATE TABLE care_record_versions (
  record_id            BIGINT        NOT NULL,
  version              INT           NOT NULL,
  kind                 VARCHAR(32)   NOT NULL,
  occurred_at          DATETIME(3)   NOT NULL,
  way                  VARCHAR(16)   NOT NULL,
  summary_enc          TEXT          NOT NULL,
  follow_up_needed     BOOLEAN       NOT NULL,
  follow_up_note_enc   TEXT          NULL,
  content_check        VARCHAR(16)   NOT NULL,
  written_at           DATETIME(3)   NOT NULL,
  replaced_at          DATETIME(3)   NOT NULL,
  replaced_by          BIGINT        NOT NULL,
  PRIMARY KEY (record_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
