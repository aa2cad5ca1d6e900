-- A volunteer's request to pair with a child she saw (anonymised) among her suggestions; the district admin
-- approves (which creates the pairing) or declines. pending_key is set only while PENDING, so a volunteer
-- cannot ask twice for the same child at once.
CREATE TABLE pairing_requests (
  id              BIGINT        NOT NULL,
  child_id        BIGINT        NOT NULL,
  volunteer_id    BIGINT        NOT NULL,
  district_code   CHAR(6)       NOT NULL,
  street          VARCHAR(64)   NULL,
  status          VARCHAR(16)   NOT NULL,
  pending_key     VARCHAR(40)   NULL,
  message         VARCHAR(200)  NULL,
  created_at      DATETIME(3)   NOT NULL,
  decided_at      DATETIME(3)   NULL,
  decided_by      BIGINT        NULL,
  decline_reason  VARCHAR(500)  NULL,
  pairing_id      BIGINT        NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_pairing_requests_pending (pending_key),
  KEY ix_pairing_requests_volunteer (volunteer_id, id),
  KEY ix_pairing_requests_district (district_code, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
