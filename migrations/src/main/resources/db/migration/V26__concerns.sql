-- Harm reports (强制报告). Never deleted: every change of status is an event in concern_events. The description
-- and the outcome are encrypted. ack_due_at is the acknowledgement deadline (SLA by severity); escalated_at is
-- set when it passed unacknowledged and the city was alerted. district_code/street are the child's.
CREATE TABLE concerns (
  id                BIGINT        NOT NULL,
  child_id          BIGINT        NOT NULL,
  district_code     CHAR(6)       NOT NULL,
  street            VARCHAR(64)   NULL,
  reporter_user_id  BIGINT        NOT NULL,
  reporter_role     VARCHAR(24)   NOT NULL,
  category          VARCHAR(24)   NOT NULL,
  severity          VARCHAR(8)    NOT NULL,
  description_enc   TEXT          NOT NULL,
  occurred_at       DATETIME(3)   NOT NULL,
  status            VARCHAR(16)   NOT NULL,
  ack_due_at        DATETIME(3)   NOT NULL,
  escalated_at      DATETIME(3)   NULL,
  acknowledged_at   DATETIME(3)   NULL,
  referral_agency   VARCHAR(24)   NULL,
  referral_unit     VARCHAR(100)  NULL,
  referral_contact  VARCHAR(64)   NULL,
  referral_ref      VARCHAR(64)   NULL,
  referred_at       DATETIME(3)   NULL,
  outcome_enc       TEXT          NULL,
  resolved_at       DATETIME(3)   NULL,
  closed_at         DATETIME(3)   NULL,
  created_at        DATETIME(3)   NOT NULL,
  updated_at        DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_concerns_district (district_code, status, id),
  KEY ix_concerns_due (status, ack_due_at),
  KEY ix_concerns_child (child_id),
  KEY ix_concerns_reporter (reporter_user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
