-- Who did what to which record, and every read of a sensitive field. Append-only: the application
-- has no UPDATE or DELETE statement for this table.
CREATE TABLE audit_log (
  id            BIGINT       NOT NULL,
  at            DATETIME(3)  NOT NULL,
  actor_user_id BIGINT       NULL,
  actor_role    VARCHAR(32)  NULL,
  action        VARCHAR(64)  NOT NULL,
  target_type   VARCHAR(32)  NOT NULL,
  target_id     VARCHAR(64)  NULL,
  request_id    VARCHAR(64)  NULL,
  detail        VARCHAR(500) NULL,
  PRIMARY KEY (id),
  KEY ix_audit_target (target_type, target_id, at),
  KEY ix_audit_actor (actor_user_id, at),
  KEY ix_audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
