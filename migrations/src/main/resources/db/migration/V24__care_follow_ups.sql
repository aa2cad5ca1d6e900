-- A supervisor's follow-up request (督导跟进) on a pairing or one of its records, which the volunteer resolves.
CREATE TABLE care_follow_ups (
  id              BIGINT        NOT NULL,
  pairing_id      BIGINT        NOT NULL,
  record_id       BIGINT        NULL,
  district_code   CHAR(6)       NOT NULL,
  street          VARCHAR(64)   NULL,
  request         VARCHAR(500)  NOT NULL,
  requested_by    BIGINT        NOT NULL,
  requested_at    DATETIME(3)   NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  resolution      VARCHAR(500)  NULL,
  resolved_by     BIGINT        NULL,
  resolved_at     DATETIME(3)   NULL,
  PRIMARY KEY (id),
  KEY ix_care_follow_ups_pairing (pairing_id, status),
  KEY ix_care_follow_ups_district (district_code, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
