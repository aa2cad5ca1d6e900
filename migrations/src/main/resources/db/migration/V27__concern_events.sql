-- Every step of a harm report: who (NULL actor = the system, e.g. SLA escalation), when, from and to which
-- status, and a note. Append-only.
CREATE TABLE concern_events (
  id             BIGINT         NOT NULL,
  concern_id     BIGINT         NOT NULL,
  action         VARCHAR(16)    NOT NULL,
  from_status    VARCHAR(16)    NULL,
  to_status      VARCHAR(16)    NOT NULL,
  actor_user_id  BIGINT         NULL,
  actor_role     VARCHAR(24)    NOT NULL,
  note           VARCHAR(1000)  NULL,
  created_at     DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  KEY ix_concern_events_concern (concern_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
