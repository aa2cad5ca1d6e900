-- The child's plan (一策): the needs found, goals, actions with who and by when, and a review date. Written by
-- the volunteers of the child's pairing (its lead or case team), approved by the street supervisor or the
-- district admin, reviewed each semester. A new version of an approved plan is a new row; the approved one
-- stays in force until the new one is approved (then SUPERSEDED). The body (needs, goals, actions) is encrypted
-- JSON. Never deleted.
CREATE TABLE `care_plans` (
  `id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `pairing_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `body_enc` text NOT NULL,
  `review_due` date NOT NULL,
  `written_by` bigint NOT NULL,
  `written_at` datetime(3) NOT NULL,
  `submitted_at` datetime(3) DEFAULT NULL,
  `decided_by` bigint DEFAULT NULL,
  `decided_at` datetime(3) DEFAULT NULL,
  `return_reason` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_care_plans_child` (`child_id`,`status`),
  KEY `ix_care_plans_due` (`district_code`,`status`,`review_due`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A review of an approved plan: progress per goal (encrypted JSON) and the next review date. Append-only.
CREATE TABLE `care_plan_reviews` (
  `id` bigint NOT NULL,
  `plan_id` bigint NOT NULL,
  `reviewed_by` bigint NOT NULL,
  `reviewed_at` datetime(3) NOT NULL,
  `progress_enc` text NOT NULL,
  `next_review` date NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_care_plan_reviews_plan` (`plan_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- When a child was last flagged HIGH_RISK (NULL when she is not): an approved plan is due HIGH_RISK_PLAN_DAYS
-- after it.
ALTER TABLE `children` ADD COLUMN `high_risk_since` datetime(3) DEFAULT NULL;
UPDATE `children` SET `high_risk_since` = `updated_at` WHERE FIND_IN_SET('HIGH_RISK', `risk_flags`) > 0;
