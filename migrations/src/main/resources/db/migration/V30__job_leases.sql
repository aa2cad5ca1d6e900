-- One row per scheduled job: the instance holding it and until when. Taking the lease is one guarded UPDATE,
-- so with several instances running, a job runs on one of them at a time.
CREATE TABLE job_leases (
  name         VARCHAR(32)   NOT NULL,
  holder       VARCHAR(64)   NOT NULL,
  lease_until  DATETIME(3)   NOT NULL,
  last_run_at  DATETIME(3)   NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
