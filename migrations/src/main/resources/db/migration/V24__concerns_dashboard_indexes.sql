-- The dashboard counts overdue acknowledgements and closing times by district. With the district (and, for
-- closing times, the filing time) in these indexes it reads no concern row: each count read ~1 000 and ~5 000
-- rows of the table at the benchmark's size. The escalation job still finds overdue reports by status and due time.
ALTER TABLE `concerns`
  DROP INDEX `ix_concerns_due`,
  ADD INDEX `ix_concerns_due` (`status`, `ack_due_at`, `district_code`),
  ADD INDEX `ix_concerns_closed` (`closed_at`, `district_code`, `created_at`);
