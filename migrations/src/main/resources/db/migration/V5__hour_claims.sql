-- Service hours may come from other than a session's check-in: a claim approved by the volunteer's supervisor
-- (补录, business key claim:{id}) has no session.
ALTER TABLE `service_hours` MODIFY `session_id` bigint DEFAULT NULL;

-- A volunteer's claim for service hours the system did not record (补录: a forgotten check-out, an activity without
-- a code): the span she served, why, and her supervisor's decision. Approved, it becomes verified service hours.
-- status: PENDING, APPROVED, REJECTED. The volunteer's district and street are copied for scope filtering.
CREATE TABLE `hour_claims` (
  `id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `starts_at` datetime(3) NOT NULL,
  `ends_at` datetime(3) NOT NULL,
  `hours` decimal(5,1) NOT NULL,
  `reason` varchar(200) NOT NULL,
  `status` varchar(16) NOT NULL,
  `decided_by` bigint DEFAULT NULL,
  `decided_at` datetime(3) DEFAULT NULL,
  `decision_reason` varchar(200) DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_hour_claims_volunteer` (`volunteer_id`,`starts_at`),
  KEY `ix_hour_claims_scope` (`district_code`,`status`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
