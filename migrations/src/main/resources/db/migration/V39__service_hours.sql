-- Service hours, one row per closed check-in (business key checkin:{id}), for the points module to consume
-- idempotently. Only verified hours (checked out with a code) earn points.
CREATE TABLE service_hours (
  id             BIGINT        NOT NULL,
  business_key   VARCHAR(64)   NOT NULL,
  user_id        BIGINT        NOT NULL,
  volunteer_id   BIGINT        NOT NULL,
  session_id     BIGINT        NOT NULL,
  hours          DECIMAL(5,1)  NOT NULL,
  verified       BOOLEAN       NOT NULL,
  served_on      DATE          NOT NULL,
  created_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_service_hours_key (business_key),
  KEY ix_service_hours_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
