-- A harm report referred to several agencies (公安, 民政, 教育 …), each referral with its own status and
-- deadlines: its receipt is due within the report's acknowledgement SLA, its outcome within
-- REFERRAL_OUTCOME_DAYS. The report is resolved only when every referral has an outcome (DONE) or the district
-- admin recorded why not (WAIVED). Never deleted. district_code/street are the report's, for the scope filter.
CREATE TABLE `concern_referrals` (
  `id` bigint NOT NULL,
  `concern_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `agency` varchar(24) NOT NULL,
  `unit` varchar(100) NOT NULL,
  `contact` varchar(64) DEFAULT NULL,
  `reference_no` varchar(64) DEFAULT NULL,
  `referred_at` datetime(3) NOT NULL,
  `referred_by` bigint DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `receipt_due_at` datetime(3) NOT NULL,
  `outcome_due_at` datetime(3) NOT NULL,
  `received_at` datetime(3) DEFAULT NULL,
  `outcome_enc` text DEFAULT NULL,
  `outcome_at` datetime(3) DEFAULT NULL,
  `waive_reason` varchar(500) DEFAULT NULL,
  `waived_by` bigint DEFAULT NULL,
  `receipt_escalated_at` datetime(3) DEFAULT NULL,
  `outcome_escalated_at` datetime(3) DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_concern_referrals_concern` (`concern_id`,`id`),
  KEY `ix_concern_referrals_receipt` (`status`,`receipt_due_at`),
  KEY `ix_concern_referrals_outcome` (`status`,`outcome_due_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One-time links for an agency's contact, who has no account: a 小程序码 or URL carrying a random token (only
-- its SHA-256 is kept). Opening it once spends it and starts a session (its hash kept too) that lasts until the
-- link's end; with it the contact reads that referral's facts and answers. A spent or expired link opens nothing.
CREATE TABLE `referral_links` (
  `id` bigint NOT NULL,
  `referral_id` bigint NOT NULL,
  `token_hash` char(64) NOT NULL,
  `issued_by` bigint NOT NULL,
  `issued_at` datetime(3) NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  `opened_at` datetime(3) DEFAULT NULL,
  `session_hash` char(64) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_referral_links_token` (`token_hash`),
  UNIQUE KEY `uk_referral_links_session` (`session_hash`),
  KEY `ix_referral_links_referral` (`referral_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What an agency answered, step by step (RECEIVED, ACTION, OUTCOME), through which link. Append-only; the
-- note is encrypted.
CREATE TABLE `referral_feedback` (
  `id` bigint NOT NULL,
  `referral_id` bigint NOT NULL,
  `link_id` bigint DEFAULT NULL,
  `stage` varchar(16) NOT NULL,
  `note_enc` text DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_referral_feedback_referral` (`referral_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The one referral a report could have had becomes its first row here. A report already resolved counts its
-- referral as answered (the outcome stays on the report, sealed under its own column).
INSERT INTO `concern_referrals` (`id`, `concern_id`, `district_code`, `street`, `agency`, `unit`, `contact`,
    `reference_no`, `referred_at`, `status`, `receipt_due_at`, `outcome_due_at`, `received_at`, `outcome_at`,
    `created_at`, `updated_at`)
SELECT `id`, `id`, `district_code`, `street`, `referral_agency`, `referral_unit`, `referral_contact`,
       `referral_ref`, `referred_at`,
       CASE WHEN `status` IN ('RESOLVED', 'CLOSED') THEN 'DONE' ELSE 'SENT' END,
       `referred_at`, DATE_ADD(`referred_at`, INTERVAL 15 DAY),
       CASE WHEN `status` IN ('RESOLVED', 'CLOSED') THEN `resolved_at` END,
       CASE WHEN `status` IN ('RESOLVED', 'CLOSED') THEN `resolved_at` END,
       `referred_at`, `updated_at`
  FROM `concerns` WHERE `referral_agency` IS NOT NULL;

ALTER TABLE `concerns`
  DROP COLUMN `referral_agency`,
  DROP COLUMN `referral_unit`,
  DROP COLUMN `referral_contact`,
  DROP COLUMN `referral_ref`,
  DROP COLUMN `referred_at`;

-- Room for the referral steps among a report's events (REFERRAL_FEEDBACK, REFERRAL_WAIVE).
ALTER TABLE `concern_events` MODIFY `action` varchar(24) NOT NULL;
