-- The outbox of subscribe messages: written in the transaction of what caused it, sent later by the scheduler,
-- so WeChat never blocks a request. dedupe_key makes a reminder for the same thing and period exist once.
-- status: PENDING → SENDING → SENT, or back to PENDING with backoff, FAILED after the last attempt,
-- NO_QUOTA when the user had no grant left (nothing is sent without one).
CREATE TABLE notifications (
  id               BIGINT         NOT NULL,
  user_id          BIGINT         NOT NULL,
  template         VARCHAR(32)    NOT NULL,
  dedupe_key       VARCHAR(128)   NOT NULL,
  page             VARCHAR(128)   NULL,
  data_json        VARCHAR(2000)  NOT NULL,
  urgent           BOOLEAN        NOT NULL,
  status           VARCHAR(16)    NOT NULL,
  attempts         INT            NOT NULL,
  next_attempt_at  DATETIME(3)    NOT NULL,
  last_error       VARCHAR(64)    NULL,
  created_at       DATETIME(3)    NOT NULL,
  sent_at          DATETIME(3)    NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_notifications_dedupe (dedupe_key),
  KEY ix_notifications_due (status, next_attempt_at),
  KEY ix_notifications_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
