-- Every scan a device sent, by its clientScanId, with the answer it got: an offline batch sent again finds
-- its scans here and gets the same answers without touching attendance.
CREATE TABLE attendance_scans (
  session_id      BIGINT        NOT NULL,
  client_scan_id  VARCHAR(64)   NOT NULL,
  result          VARCHAR(24)   NOT NULL,
  child_id        BIGINT        NULL,
  scanned_at      DATETIME(3)   NOT NULL,
  received_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (session_id, client_scan_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
