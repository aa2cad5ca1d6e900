-- 爱心妈妈 volunteers: one application row per user, moved through recruit → admit → serve → exit.
-- The phone is encrypted with a blind index; the home location is kept for matching and never answered
-- to anyone but the volunteer herself.
CREATE TABLE volunteers (
  id                BIGINT        NOT NULL,
  user_id           BIGINT        NOT NULL,
  real_name         VARCHAR(32)   NOT NULL,
  phone_enc         VARCHAR(255)  NOT NULL,
  phone_index       CHAR(64)      NOT NULL,
  district_code     CHAR(6)       NOT NULL,
  street            VARCHAR(64)   NULL,
  lat               DECIMAL(9,6)  NOT NULL,
  lng               DECIMAL(9,6)  NOT NULL,
  specialties       VARCHAR(255)  NOT NULL,
  max_children      INT           NOT NULL,
  availability      VARCHAR(200)  NULL,
  pledge_version    VARCHAR(16)   NOT NULL,
  agreed_at         DATETIME(3)   NOT NULL,
  status            VARCHAR(16)   NOT NULL,
  status_reason     VARCHAR(500)  NULL,
  applied_at        DATETIME(3)   NOT NULL,
  decided_at        DATETIME(3)   NULL,
  decided_by        BIGINT        NULL,
  check_by          VARCHAR(64)   NULL,
  check_at          DATETIME(3)   NULL,
  check_result      VARCHAR(16)   NULL,
  admission_note    VARCHAR(500)  NULL,
  updated_at        DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_volunteers_user (user_id),
  KEY ix_volunteers_district_status (district_code, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
