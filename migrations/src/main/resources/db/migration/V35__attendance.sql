-- A child's attendance at a session: one row per child and session (the key makes a second scan count once).
-- late_sync: an offline scan that reached the server more than 72 h after it was made.
CREATE TABLE attendance (
  session_id      BIGINT        NOT NULL,
  child_id        BIGINT        NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  scanned_at      DATETIME(3)   NULL,
  recorded_at     DATETIME(3)   NOT NULL,
  recorded_by     BIGINT        NOT NULL,
  late_sync       BOOLEAN       NOT NULL,
  note            VARCHAR(200)  NULL,
  PRIMARY KEY (session_id, child_id),
  KEY ix_attendance_child (child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
