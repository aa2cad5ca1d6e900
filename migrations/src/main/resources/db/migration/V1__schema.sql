-- The schema, created in one step: the SQL subset MySQL 8, MariaDB 10.11+ and TiDB all accept, with no
-- triggers, functions, procedures or events (the service keeps every derived row itself).
-- Generated once from the migration chain it replaced (V1–V62 before the squash) and proven equal to it
-- column by column and index by index (scripts/compare-baseline.sh); from here on, change it only by new
-- migrations. Ids are TSIDs made by the service; times are UTC DATETIME(3).

-- A child's assessment in a troupe: PRE (前测) or POST (后测) on a configured instrument, the item scores as
-- JSON and their mean. One per child, troupe, instrument and phase; a correction is a new version by update,
-- audited.
CREATE TABLE `assessments` (
  `id` bigint NOT NULL,
  `troupe_id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `phase` varchar(8) NOT NULL,
  `instrument` varchar(32) NOT NULL,
  `assessed_on` date NOT NULL,
  `scores_json` varchar(1000) NOT NULL,
  `mean_score` decimal(4,2) NOT NULL,
  `recorded_by` bigint NOT NULL,
  `recorded_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_assessments` (`troupe_id`,`child_id`,`instrument`,`phase`),
  KEY `ix_assessments_child` (`child_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A child's attendance at a session: one row per child and session (the key makes a second scan count once).
-- late_sync: an offline scan that reached the server more than 72 h after it was made.
CREATE TABLE `attendance` (
  `session_id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `status` varchar(16) NOT NULL,
  `scanned_at` datetime(3) DEFAULT NULL,
  `recorded_at` datetime(3) NOT NULL,
  `recorded_by` bigint NOT NULL,
  `late_sync` tinyint(1) NOT NULL,
  `note` varchar(200) DEFAULT NULL,
  PRIMARY KEY (`session_id`,`child_id`),
  KEY `ix_attendance_child` (`child_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every scan a device sent, by its clientScanId, with the answer it got: an offline batch sent again finds
-- its scans here and gets the same answers without touching attendance.
CREATE TABLE `attendance_scans` (
  `session_id` bigint NOT NULL,
  `client_scan_id` varchar(64) NOT NULL,
  `result` varchar(24) NOT NULL,
  `child_id` bigint DEFAULT NULL,
  `scanned_at` datetime(3) NOT NULL,
  `received_at` datetime(3) NOT NULL,
  PRIMARY KEY (`session_id`,`client_scan_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what to which record, and every read of a sensitive field. Append-only: the application
-- has no UPDATE or DELETE statement for this table.
CREATE TABLE `audit_log` (
  `id` bigint NOT NULL,
  `at` datetime(3) NOT NULL,
  `actor_user_id` bigint DEFAULT NULL,
  `actor_role` varchar(32) DEFAULT NULL,
  `action` varchar(64) NOT NULL,
  `target_type` varchar(32) NOT NULL,
  `target_id` varchar(64) DEFAULT NULL,
  `request_id` varchar(64) DEFAULT NULL,
  `detail` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_audit_target` (`target_type`,`target_id`,`at`),
  KEY `ix_audit_actor` (`actor_user_id`,`at`),
  KEY `ix_audit_at` (`at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A supervisor's follow-up request (督导跟进) on a pairing or one of its records, which the volunteer resolves.
CREATE TABLE `care_follow_ups` (
  `id` bigint NOT NULL,
  `pairing_id` bigint NOT NULL,
  `record_id` bigint DEFAULT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `request` varchar(500) NOT NULL,
  `requested_by` bigint NOT NULL,
  `requested_at` datetime(3) NOT NULL,
  `status` varchar(16) NOT NULL,
  `resolution` varchar(500) DEFAULT NULL,
  `resolved_by` bigint DEFAULT NULL,
  `resolved_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_care_follow_ups_pairing` (`pairing_id`,`status`),
  KEY `ix_care_follow_ups_district` (`district_code`,`status`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An admin let the volunteers of a new pairing read the records (with private follow-up notes) of an earlier
-- pairing of the same child. Without a row here a new volunteer sees nothing of her predecessor's records.
CREATE TABLE `care_history_shares` (
  `pairing_id` bigint NOT NULL,
  `from_pairing_id` bigint NOT NULL,
  `shared_by` bigint NOT NULL,
  `shared_at` datetime(3) NOT NULL,
  PRIMARY KEY (`pairing_id`,`from_pairing_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Earlier versions of corrected care records, as they were before each correction.
CREATE TABLE `care_record_versions` (
  `record_id` bigint NOT NULL,
  `version` int NOT NULL,
  `kind` varchar(32) NOT NULL,
  `occurred_at` datetime(3) NOT NULL,
  `way` varchar(16) NOT NULL,
  `summary_enc` text NOT NULL,
  `follow_up_needed` tinyint(1) NOT NULL,
  `follow_up_note_enc` text DEFAULT NULL,
  `content_check` varchar(16) NOT NULL,
  `written_at` datetime(3) NOT NULL,
  `replaced_at` datetime(3) NOT NULL,
  `replaced_by` bigint NOT NULL,
  PRIMARY KEY (`record_id`,`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Care records (关爱记录): what a volunteer did for a paired child. Never deleted; a correction copies the old
-- version into care_record_versions first. Summary and follow-up note are encrypted (FieldCipher). district_code
-- and street are the pairing's, so the scope filter reads records as it reads pairings.
CREATE TABLE `care_records` (
  `id` bigint NOT NULL,
  `pairing_id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `author_user_id` bigint NOT NULL,
  `author_volunteer_id` bigint NOT NULL,
  `kind` varchar(32) NOT NULL,
  `occurred_at` datetime(3) NOT NULL,
  `way` varchar(16) NOT NULL,
  `summary_enc` text NOT NULL,
  `follow_up_needed` tinyint(1) NOT NULL,
  `follow_up_note_enc` text DEFAULT NULL,
  `content_check` varchar(16) NOT NULL,
  `version` int NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_care_records_pairing` (`pairing_id`,`occurred_at`),
  KEY `ix_care_records_district` (`district_code`,`occurred_at`),
  KEY `ix_care_records_dash` (`district_code`,`occurred_at`,`author_volunteer_id`),
  KEY `ix_care_records_author` (`author_volunteer_id`,`occurred_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each rotating check-in code works once per volunteer: a second use of the same code is a replay.
CREATE TABLE `checkin_code_uses` (
  `nonce` char(16) NOT NULL,
  `user_id` bigint NOT NULL,
  `used_at` datetime(3) NOT NULL,
  PRIMARY KEY (`nonce`,`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Volunteers' check-in and check-out at sessions, once per volunteer and session. status: OPEN, CLOSED (checked out with a code: verified),
-- COACH_CLOSED or AUTO_CLOSED (unverified). hours: rounded service hours, capped at the session + 1 h.
CREATE TABLE `checkins` (
  `id` bigint NOT NULL,
  `session_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `checked_in_at` datetime(3) NOT NULL,
  `checked_out_at` datetime(3) DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `verified` tinyint(1) NOT NULL,
  `minutes` int DEFAULT NULL,
  `hours` decimal(5,1) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_checkins_session_volunteer` (`session_id`,`volunteer_id`),
  KEY `ix_checkins_session` (`session_id`,`status`),
  KEY `ix_checkins_user` (`user_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Guardian consent (征得监护人同意) to pair a child. A consent is never deleted: withdrawal is recorded on it.
-- A child has current consent while one of hers is not withdrawn.
CREATE TABLE `child_consents` (
  `id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `guardian_name` varchar(32) NOT NULL,
  `relation` varchar(16) NOT NULL,
  `method` varchar(16) NOT NULL,
  `signed_at` datetime(3) NOT NULL,
  `scope` varchar(200) DEFAULT NULL,
  `version` varchar(16) NOT NULL,
  `recorded_by` bigint NOT NULL,
  `recorded_at` datetime(3) NOT NULL,
  `withdrawn_at` datetime(3) DEFAULT NULL,
  `withdrawn_by` bigint DEFAULT NULL,
  `withdraw_reason` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_child_consents_child` (`child_id`,`withdrawn_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A child's guardians (监护人); phones encrypted with a blind index.
CREATE TABLE `child_guardians` (
  `id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `name` varchar(32) NOT NULL,
  `relation` varchar(16) NOT NULL,
  `phone_enc` varchar(255) NOT NULL,
  `phone_index` char(64) NOT NULL,
  `sort_order` int NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_child_guardians_child` (`child_id`,`sort_order`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The child ledger (台账). ID number and address are encrypted; the ID number has a blind index: unique within a
-- district; a registration in another district is kept and flagged (duplicate_of). Age and grade are derived
-- (birth date, school entry year).
CREATE TABLE `children` (
  `id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `name` varchar(32) NOT NULL,
  `gender` varchar(8) NOT NULL,
  `birth_date` date NOT NULL,
  `id_number_enc` varchar(255) NOT NULL,
  `id_number_index` char(64) NOT NULL,
  `category` varchar(32) NOT NULL,
  `needs` varchar(255) NOT NULL,
  `care_level` varchar(16) NOT NULL,
  `risk_flags` varchar(255) NOT NULL,
  `school` varchar(64) DEFAULT NULL,
  `school_entry_year` int DEFAULT NULL,
  `address_enc` varchar(700) DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  `geohash` char(8) DEFAULT NULL,
  `location_enc` varchar(255) DEFAULT NULL,
  `duplicate_of` bigint DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_children_district_id_number` (`district_code`,`id_number_index`),
  KEY `ix_children_district_status` (`district_code`,`status`,`id`),
  KEY `ix_children_geohash` (`district_code`,`status`,`geohash`),
  KEY `ix_children_dash` (`district_code`,`status`,`category`,`care_level`),
  KEY `ix_children_id_number` (`id_number_index`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every step of a harm report: who (NULL actor = the system, e.g. SLA escalation), when, from and to which
-- status, and a note. Append-only.
CREATE TABLE `concern_events` (
  `id` bigint NOT NULL,
  `concern_id` bigint NOT NULL,
  `action` varchar(16) NOT NULL,
  `from_status` varchar(16) DEFAULT NULL,
  `to_status` varchar(16) NOT NULL,
  `actor_user_id` bigint DEFAULT NULL,
  `actor_role` varchar(24) NOT NULL,
  `note` varchar(1000) DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_concern_events_concern` (`concern_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Harm reports (强制报告). Never deleted: every change of status is an event in concern_events. The description
-- and the outcome are encrypted. ack_due_at is the acknowledgement deadline (SLA by severity); escalated_at is
-- set when it passed unacknowledged and the city was alerted. district_code/street are the child's.
CREATE TABLE `concerns` (
  `id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `reporter_user_id` bigint NOT NULL,
  `reporter_role` varchar(24) NOT NULL,
  `category` varchar(24) NOT NULL,
  `severity` varchar(8) NOT NULL,
  `description_enc` text NOT NULL,
  `occurred_at` datetime(3) NOT NULL,
  `status` varchar(16) NOT NULL,
  `ack_due_at` datetime(3) NOT NULL,
  `escalated_at` datetime(3) DEFAULT NULL,
  `acknowledged_at` datetime(3) DEFAULT NULL,
  `referral_agency` varchar(24) DEFAULT NULL,
  `referral_unit` varchar(100) DEFAULT NULL,
  `referral_contact` varchar(64) DEFAULT NULL,
  `referral_ref` varchar(64) DEFAULT NULL,
  `referred_at` datetime(3) DEFAULT NULL,
  `outcome_enc` text DEFAULT NULL,
  `resolved_at` datetime(3) DEFAULT NULL,
  `closed_at` datetime(3) DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_concerns_district` (`district_code`,`status`,`id`),
  KEY `ix_concerns_due` (`status`,`ack_due_at`),
  KEY `ix_concerns_child` (`child_id`),
  KEY `ix_concerns_reporter` (`reporter_user_id`,`id`),
  KEY `ix_concerns_dash` (`district_code`,`created_at`),
  KEY `ix_concerns_created` (`created_at`,`district_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One-time consent invitations (小程序码): the admin issues one for a child, the guardian opens it in the
-- mini-program, reads what will be shared and with whom, and agrees or refuses. The scene in the code is the
-- link id with an HMAC tag, so nothing secret is stored here. An agreement becomes a child_consents row.
CREATE TABLE `consent_links` (
  `id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `text_version` varchar(16) NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `answered_at` datetime(3) DEFAULT NULL,
  `answered_by` bigint DEFAULT NULL,
  `outcome` varchar(16) DEFAULT NULL,
  `guardian_name` varchar(32) DEFAULT NULL,
  `relation` varchar(16) DEFAULT NULL,
  `consent_id` bigint DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_consent_links_child` (`child_id`,`created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Attendance marks by the session's district, the week of the session and the status.
CREATE TABLE `dash_attendance_weekly` (
  `district_code` char(6) NOT NULL,
  `week` date NOT NULL,
  `status` varchar(16) NOT NULL,
  `marks` int NOT NULL,
  PRIMARY KEY (`district_code`,`week`,`status`),
  KEY `ix_dash_attendance_weekly_week` (`week`,`district_code`,`status`,`marks`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Care records by the pairing's district, the Chongqing week they happened in and their kind.
CREATE TABLE `dash_care_weekly` (
  `district_code` char(6) NOT NULL,
  `week` date NOT NULL,
  `kind` varchar(32) NOT NULL,
  `records` int NOT NULL,
  PRIMARY KEY (`district_code`,`week`,`kind`),
  KEY `ix_dash_care_weekly_week` (`week`,`district_code`,`kind`,`records`),
  KEY `ix_dash_care_weekly_kind` (`district_code`,`kind`,`week`,`records`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `dash_child_counts` (
  `district_code` char(6) NOT NULL,
  `category` varchar(32) NOT NULL,
  `care_level` varchar(16) NOT NULL,
  `status` varchar(16) NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`,`status`,`category`,`care_level`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per child: does she need a pairing (active, ONE_TO_ONE or CASE_TEAM), has she an active primary pairing, a
-- standing guardian consent, and since when she waits (her last pairing's end, or her registration).
CREATE TABLE `dash_child_state` (
  `child_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `category` varchar(32) NOT NULL DEFAULT '',
  `care_level` varchar(16) NOT NULL DEFAULT '',
  `status` varchar(16) NOT NULL DEFAULT '',
  `needing` tinyint(1) NOT NULL,
  `paired` tinyint(1) NOT NULL,
  `consented` tinyint(1) NOT NULL,
  `waiting_since` datetime(3) NOT NULL,
  PRIMARY KEY (`child_id`),
  KEY `ix_dash_child_state` (`needing`,`paired`,`district_code`,`consented`,`waiting_since`),
  KEY `ix_dash_child_waiting` (`needing`,`paired`,`waiting_since`,`district_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `dash_contact_days` (
  `district_code` char(6) NOT NULL,
  `day` date NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`,`day`),
  KEY `ix_dash_contact_days` (`day`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `dash_done_counts` (
  `district_code` char(6) NOT NULL,
  `kind` varchar(32) NOT NULL,
  `period_start` date NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`kind`,`period_start`,`district_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `dash_pairing_counts` (
  `district_code` char(6) NOT NULL,
  `status` varchar(16) NOT NULL,
  `purpose` varchar(16) NOT NULL,
  `mode` varchar(16) NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`,`status`,`purpose`,`mode`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The latest record of each kind per pairing (kind ANY_CONTACT: the latest contact with the child, as the
-- checklist counts it), with the pairing's district and whether it is an active 6+1 pairing, so "done this
-- period" and "no contact for two weeks" are range counts on one index.
CREATE TABLE `dash_pairing_latest` (
  `pairing_id` bigint NOT NULL,
  `kind` varchar(32) NOT NULL,
  `district_code` char(6) NOT NULL,
  `counted` tinyint(1) NOT NULL,
  `started_at` datetime(3) NOT NULL,
  `last_at` datetime(3) NOT NULL,
  PRIMARY KEY (`pairing_id`,`kind`),
  KEY `ix_dash_pairing_latest` (`kind`,`counted`,`last_at`,`district_code`,`started_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which periods of each 6+1 item a pairing has a record in (period named by its first day), and per district how
-- many active 6+1 pairings have one: the "done this period" figure in one row.
CREATE TABLE `dash_pairing_periods` (
  `pairing_id` bigint NOT NULL,
  `kind` varchar(32) NOT NULL,
  `period_start` date NOT NULL,
  PRIMARY KEY (`pairing_id`,`kind`,`period_start`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `dash_pairing_state` (
  `pairing_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `status` varchar(16) NOT NULL,
  `purpose` varchar(16) NOT NULL,
  `mode` varchar(16) NOT NULL,
  `started_at` datetime(3) NOT NULL,
  PRIMARY KEY (`pairing_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions and class-hours by district, the week they start in and status.
CREATE TABLE `dash_session_weekly` (
  `district_code` char(6) NOT NULL,
  `week` date NOT NULL,
  `status` varchar(16) NOT NULL,
  `sessions` int NOT NULL,
  `class_hours` int NOT NULL,
  PRIMARY KEY (`district_code`,`week`,`status`),
  KEY `ix_dash_session_weekly_week` (`week`,`status`,`district_code`,`sessions`,`class_hours`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Admitted volunteers by specialty (one volunteer counts under each of hers).
CREATE TABLE `dash_specialty_counts` (
  `district_code` char(6) NOT NULL,
  `specialty` varchar(32) NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`,`specialty`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Children waiting for a pairing, by district and consent, kept with dash_child_state by the service: the
-- city dashboard counted 40 000 index entries for it on every request. "Waiting more than 14 days" is then the
-- waiting children less the few who started waiting recently (a range on waiting_since).
CREATE TABLE `dash_unpaired_counts` (
  `district_code` char(6) NOT NULL,
  `consented` tinyint(1) NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`,`consented`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Active in the last 30 days" and "contacted in the last 14 days" were range scans over every recent volunteer
-- and pairing (35 000 and 14 000 index entries at bench scale, on every city dashboard). These counters hold, per
-- district and Chongqing day, how many volunteers wrote their latest care record that day, and how many active
-- 6+1 pairings had their latest contact with the child that day; the dashboard sums the last days' rows. The
-- service moves them whenever it moves the per-volunteer and per-pairing "latest" rows.
CREATE TABLE `dash_volunteer_active_days` (
  `district_code` char(6) NOT NULL,
  `day` date NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`,`day`),
  KEY `ix_dash_volunteer_active_days` (`day`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The latest care record each volunteer wrote, with her own district.
CREATE TABLE `dash_volunteer_activity` (
  `volunteer_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `last_care_at` datetime(3) NOT NULL,
  PRIMARY KEY (`volunteer_id`),
  KEY `ix_dash_volunteer_activity` (`last_care_at`,`district_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Volunteers by district, status and star level (lifetime verified hours: 100, 300, 600, 1000, 1500).
CREATE TABLE `dash_volunteer_counts` (
  `district_code` char(6) NOT NULL,
  `status` varchar(16) NOT NULL,
  `stars` tinyint NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`,`status`,`stars`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Lifetime verified service hours per volunteer, for the star levels.
CREATE TABLE `dash_volunteer_hours` (
  `volunteer_id` bigint NOT NULL,
  `hours` decimal(9,1) NOT NULL,
  PRIMARY KEY (`volunteer_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `dash_volunteer_state` (
  `volunteer_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `status` varchar(16) NOT NULL,
  `stars` tinyint NOT NULL,
  `specialties` varchar(255) NOT NULL,
  PRIMARY KEY (`volunteer_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotency keys (Stripe's design): written in the same transaction as the effect, so a retried request
-- finds the key and answers with the same resource; the same key with a different body is refused. Only the
-- resource id is kept, never the response, which may hold decrypted personal data.
CREATE TABLE `idempotency_keys` (
  `user_id` bigint NOT NULL,
  `scope` varchar(32) NOT NULL,
  `idem_key` varchar(64) NOT NULL,
  `request_hash` char(64) NOT NULL,
  `resource_id` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`user_id`,`scope`,`idem_key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per scheduled job: the instance holding it and until when. Taking the lease is one guarded UPDATE,
-- so with several instances running, a job runs on one of them at a time.
CREATE TABLE `job_leases` (
  `name` varchar(32) NOT NULL,
  `holder` varchar(64) NOT NULL,
  `lease_until` datetime(3) NOT NULL,
  `last_run_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Bearer sessions. Only the SHA-256 of the token is stored; the WeChat session_key is kept
-- encrypted and never leaves the server.
CREATE TABLE `login_sessions` (
  `id` bigint NOT NULL,
  `token_hash` binary(32) NOT NULL,
  `user_id` bigint NOT NULL,
  `session_key_enc` varchar(255) DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  `last_seen_at` datetime(3) NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  `revoked_at` datetime(3) DEFAULT NULL,
  `revoke_reason` varchar(32) DEFAULT NULL,
  `purpose` varchar(16) NOT NULL DEFAULT 'APP',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_login_sessions_token` (`token_hash`),
  KEY `ix_login_sessions_user` (`user_id`,`revoked_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One-time staff invitations (小程序码 scene = id + HMAC tag).
CREATE TABLE `merchant_invites` (
  `id` bigint NOT NULL,
  `merchant_id` bigint NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `used_by` bigint DEFAULT NULL,
  `used_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_merchant_invites_merchant` (`merchant_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Partner merchants (礼遇商家). street is always NULL (merchants belong to a district) but present so the scope
-- filter reads merchants like other scoped tables. The contact phone is encrypted (FieldCipher).
CREATE TABLE `merchants` (
  `id` bigint NOT NULL,
  `name` varchar(64) NOT NULL,
  `category` varchar(16) NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `address` varchar(200) NOT NULL,
  `latitude` decimal(9,6) DEFAULT NULL,
  `longitude` decimal(9,6) DEFAULT NULL,
  `geohash` char(8) DEFAULT NULL,
  `contact_name` varchar(32) NOT NULL,
  `contact_phone_enc` varchar(255) NOT NULL,
  `status` varchar(16) NOT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_merchants_district` (`district_code`,`status`),
  KEY `ix_merchants_geohash` (`status`,`geohash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The outbox of subscribe messages: written in the transaction of what caused it, sent later by the scheduler,
-- so WeChat never blocks a request. dedupe_key makes a reminder for the same thing and period exist once.
-- status: PENDING → SENDING → SENT, or back to PENDING with backoff, FAILED after the last attempt,
-- NO_QUOTA when the user had no grant left (nothing is sent without one).
CREATE TABLE `notifications` (
  `id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `template` varchar(32) NOT NULL,
  `dedupe_key` varchar(128) NOT NULL,
  `page` varchar(128) DEFAULT NULL,
  `data_json` varchar(2000) NOT NULL,
  `urgent` tinyint(1) NOT NULL,
  `status` varchar(16) NOT NULL,
  `attempts` int NOT NULL,
  `next_attempt_at` datetime(3) NOT NULL,
  `last_error` varchar(64) DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  `sent_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_notifications_dedupe` (`dedupe_key`),
  KEY `ix_notifications_due` (`status`,`next_attempt_at`),
  KEY `ix_notifications_user` (`user_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Offers. stock_left is taken with a guarded UPDATE (stock_left > 0), so it never goes below zero.
-- limit_period: DAY, WEEK, MONTH (Chongqing time) or OFFER (over the offer's whole life); per_volunteer_limit NULL = none.
CREATE TABLE `offers` (
  `id` bigint NOT NULL,
  `merchant_id` bigint NOT NULL,
  `title` varchar(64) NOT NULL,
  `description` varchar(500) NOT NULL,
  `points_cost` int NOT NULL,
  `stock_total` int NOT NULL,
  `stock_left` int NOT NULL,
  `per_volunteer_limit` int DEFAULT NULL,
  `limit_period` varchar(8) NOT NULL,
  `valid_from` datetime(3) NOT NULL,
  `valid_to` datetime(3) NOT NULL,
  `min_stars` tinyint NOT NULL,
  `status` varchar(16) NOT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_offers_merchant` (`merchant_id`,`status`),
  KEY `ix_offers_status` (`status`,`valid_to`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The members of a CASE_TEAM (多对一 专班) besides its lead volunteer, each with the role she plays. A member who
-- leaves (or exits the program) keeps her row with removed_at, so the team's history stays.
CREATE TABLE `pairing_members` (
  `pairing_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `role` varchar(24) NOT NULL,
  `added_at` datetime(3) NOT NULL,
  `removed_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`pairing_id`,`volunteer_id`),
  KEY `ix_pairing_members_volunteer` (`volunteer_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A volunteer's request to pair with a child she saw (anonymised) among her suggestions; the district admin
-- approves (which creates the pairing) or declines. pending_key is set only while PENDING, so a volunteer
-- cannot ask twice for the same child at once.
CREATE TABLE `pairing_requests` (
  `id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `pending_key` varchar(40) DEFAULT NULL,
  `message` varchar(200) DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  `decided_at` datetime(3) DEFAULT NULL,
  `decided_by` bigint DEFAULT NULL,
  `decline_reason` varchar(500) DEFAULT NULL,
  `pairing_id` bigint DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_pairing_requests_pending` (`pending_key`),
  KEY `ix_pairing_requests_volunteer` (`volunteer_id`,`id`),
  KEY `ix_pairing_requests_district` (`district_code`,`status`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "1+1+N" pairings (结对). A pairing is never deleted: ending it records when, who and why, and the history
-- stays. primary_child_id is the child's id while a ONE_TO_ONE or CASE_TEAM pairing is active and NULL
-- otherwise, so the unique key lets a child have only one active primary pairing, even under races.
-- district_code and street are the child's, so the scope filter reads pairings as it reads children.
CREATE TABLE `pairings` (
  `id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `volunteer_id` bigint DEFAULT NULL,
  `team_id` bigint DEFAULT NULL,
  `mode` varchar(16) NOT NULL,
  `purpose` varchar(16) NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `primary_child_id` bigint DEFAULT NULL,
  `consent_id` bigint DEFAULT NULL,
  `note` varchar(500) DEFAULT NULL,
  `started_at` datetime(3) NOT NULL,
  `started_by` bigint NOT NULL,
  `ended_at` datetime(3) DEFAULT NULL,
  `ended_by` bigint DEFAULT NULL,
  `end_reason` varchar(32) DEFAULT NULL,
  `end_note` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_pairings_primary_child` (`primary_child_id`),
  KEY `ix_pairings_volunteer` (`volunteer_id`,`status`),
  KEY `ix_pairings_child` (`child_id`,`status`),
  KEY `ix_pairings_team` (`team_id`,`status`),
  KEY `ix_pairings_district` (`district_code`,`status`,`id`),
  KEY `ix_pairings_dash` (`district_code`,`status`,`purpose`,`mode`,`started_at`),
  KEY `ix_pairings_started` (`started_at`,`district_code`,`status`,`purpose`,`mode`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Points (积分) as an append-only double-entry ledger. Every transaction has a unique business key (the event it
-- books, e.g. checkin:{id}, redeem:{id}:hold) and entries summing to zero; mistakes are fixed by reversing
-- transactions, never by changing entries. balance is a cache of the account's entries, updated in the same
-- database transaction with a guarded statement, so it never goes below zero unless allow_negative (the
-- program's issuance account, whose balance is minus everything it ever issued).
-- Accounts: ISSUANCE, EXPIRY and HELD (held for redemption) are the program's, with fixed ids 1–3;
-- VOLUNTEER (spendable) and PENDING (earned, not yet spendable) belong to a user; MERCHANT to a merchant.
CREATE TABLE `points_accounts` (
  `id` bigint NOT NULL,
  `kind` varchar(16) NOT NULL,
  `owner_id` bigint NOT NULL,
  `balance` bigint NOT NULL DEFAULT 0,
  `allow_negative` tinyint(1) NOT NULL DEFAULT 0,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_points_accounts_owner` (`kind`,`owner_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Admin grants and claw-backs with their reason; above the threshold a second admin approves before it is booked.
-- district_code is the volunteer's, for the scope filter (street always NULL: adjustments are district business).
CREATE TABLE `points_adjustments` (
  `id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `amount` bigint NOT NULL,
  `reason` varchar(200) NOT NULL,
  `status` varchar(16) NOT NULL,
  `requested_by` bigint NOT NULL,
  `requested_at` datetime(3) NOT NULL,
  `decided_by` bigint DEFAULT NULL,
  `decided_at` datetime(3) DEFAULT NULL,
  `decision_note` varchar(200) DEFAULT NULL,
  `transaction_id` bigint DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_points_adjustments_status` (`status`,`district_code`,`requested_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where the earning job has read each source up to (created_at); it re-reads a few minutes back each run, since
-- business keys make re-reading harmless and rows may commit out of order.
CREATE TABLE `points_cursors` (
  `source` varchar(32) NOT NULL,
  `read_until` datetime(3) NOT NULL,
  PRIMARY KEY (`source`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `points_entries` (
  `id` bigint NOT NULL,
  `transaction_id` bigint NOT NULL,
  `account_id` bigint NOT NULL,
  `amount` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_points_entries_account` (`account_id`,`id`),
  KEY `ix_points_entries_transaction` (`transaction_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which lots a spending transaction took from, so a released hold gives back exactly those points.
CREATE TABLE `points_lot_uses` (
  `transaction_id` bigint NOT NULL,
  `lot_id` bigint NOT NULL,
  `amount` bigint NOT NULL,
  PRIMARY KEY (`transaction_id`,`lot_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Earning lots: what each earning left unspent, so spending takes the points that expire first and expiry knows
-- what to take. Matured lots (available_at passed) sum to the VOLUNTEER balance, the others to PENDING.
CREATE TABLE `points_lots` (
  `id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `transaction_id` bigint NOT NULL,
  `amount` bigint NOT NULL,
  `remaining` bigint NOT NULL,
  `matured` tinyint(1) NOT NULL,
  `available_at` datetime(3) NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_points_lots_user` (`user_id`,`expires_at`),
  KEY `ix_points_lots_expiry` (`expires_at`,`user_id`),
  KEY `ix_points_lots_maturity` (`matured`,`available_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- kind: EARN, MATURE, GRANT, CLAWBACK, HOLD, CAPTURE, RELEASE, EXPIRE. user_id: the volunteer it concerns;
-- earn_day: the Chongqing day an earning counts against the daily cap; amount: points moved (0 when capped).
CREATE TABLE `points_transactions` (
  `id` bigint NOT NULL,
  `business_key` varchar(96) NOT NULL,
  `kind` varchar(16) NOT NULL,
  `user_id` bigint DEFAULT NULL,
  `redemption_id` bigint DEFAULT NULL,
  `earn_day` date DEFAULT NULL,
  `amount` bigint NOT NULL,
  `memo` varchar(200) NOT NULL,
  `created_by` bigint DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_points_transactions_key` (`business_key`),
  KEY `ix_points_transactions_user_day` (`user_id`,`earn_day`,`kind`),
  KEY `ix_points_transactions_redemption` (`redemption_id`),
  KEY `ix_points_transactions_kind_time` (`kind`,`created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Redemptions (核销). status: HELD (code live), USED, CANCELLED, EXPIRED. active_code is the 8-digit code while
-- HELD and NULL after, so codes are unique among live redemptions only; code keeps it for the record.
CREATE TABLE `redemptions` (
  `id` bigint NOT NULL,
  `offer_id` bigint NOT NULL,
  `merchant_id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `points` int NOT NULL,
  `code` char(8) NOT NULL,
  `active_code` char(8) DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `used_at` datetime(3) DEFAULT NULL,
  `used_by` bigint DEFAULT NULL,
  `released_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_redemptions_active_code` (`active_code`),
  KEY `ix_redemptions_user_offer` (`user_id`,`offer_id`,`created_at`),
  KEY `ix_redemptions_merchant_used` (`merchant_id`,`used_at`),
  KEY `ix_redemptions_status` (`status`,`expires_at`),
  KEY `ix_redemptions_code` (`code`,`merchant_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Chongqing's 41 districts and counties (区县); codes are the national administrative division codes.
CREATE TABLE `regions` (
  `code` char(6) NOT NULL,
  `name` varchar(32) NOT NULL,
  `kind` varchar(16) NOT NULL,
  `sort_order` int NOT NULL,
  PRIMARY KEY (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A role with its scope. scope_key is the scope columns joined, so one user cannot hold the same
-- role twice for the same scope (NULLs would defeat a plain unique key on the columns themselves).
CREATE TABLE `role_grants` (
  `id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `role` varchar(32) NOT NULL,
  `district_code` char(6) DEFAULT NULL,
  `street` varchar(64) DEFAULT NULL,
  `troupe_id` bigint DEFAULT NULL,
  `merchant_id` bigint DEFAULT NULL,
  `scope_key` varchar(160) NOT NULL,
  `granted_by` bigint DEFAULT NULL,
  `granted_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_role_grants_scope` (`user_id`,`role`,`scope_key`),
  KEY `ix_role_grants_district` (`district_code`,`role`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A role offered to someone outside the granter's scope: it takes effect only when she accepts it in the
-- mini-program, so nobody gets a role silently and no admin brings a stranger into what she may read.
CREATE TABLE `role_invitations` (
  `id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `role` varchar(32) NOT NULL,
  `district_code` char(6) DEFAULT NULL,
  `street` varchar(64) DEFAULT NULL,
  `troupe_id` bigint DEFAULT NULL,
  `merchant_id` bigint DEFAULT NULL,
  `scope_key` varchar(160) NOT NULL,
  `invited_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  `status` varchar(16) NOT NULL,
  `decided_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_role_invitations_user` (`user_id`,`status`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Service hours, one row per closed check-in (business key checkin:{id}), for the points module to consume
-- idempotently. Only verified hours (checked out with a code) earn points.
CREATE TABLE `service_hours` (
  `id` bigint NOT NULL,
  `business_key` varchar(64) NOT NULL,
  `user_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `session_id` bigint NOT NULL,
  `hours` decimal(5,1) NOT NULL,
  `verified` tinyint(1) NOT NULL,
  `served_on` date NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_service_hours_key` (`business_key`),
  KEY `ix_service_hours_user` (`user_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Townships and streets (乡镇/街道) inside a district; street supervisors are scoped to one of them.
CREATE TABLE `streets` (
  `id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `name` varchar(64) NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_streets_district_name` (`district_code`,`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Attendance badges: an opaque random token per rostered child, printed as a QR card. Looked up by its
-- SHA-256; the token itself is kept encrypted only to print the sheet again. Re-issuing revokes the old one.
CREATE TABLE `troupe_badges` (
  `token_hash` char(64) NOT NULL,
  `troupe_id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `token_enc` varchar(255) NOT NULL,
  `alias` varchar(16) NOT NULL,
  `issued_at` datetime(3) NOT NULL,
  `revoked_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`token_hash`),
  KEY `ix_troupe_badges_child` (`troupe_id`,`child_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A troupe's roster. A child who leaves keeps her row with left_at (attendance history stays meaningful).
-- override_reason: why a child outside grades 2–4, or a 36th child, was admitted anyway.
CREATE TABLE `troupe_members` (
  `troupe_id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `joined_at` datetime(3) NOT NULL,
  `left_at` datetime(3) DEFAULT NULL,
  `override_reason` varchar(200) DEFAULT NULL,
  `added_by` bigint NOT NULL,
  PRIMARY KEY (`troupe_id`,`child_id`),
  KEY `ix_troupe_members_child` (`child_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions (活动): training, performances, races, public service, camps. ends_at = starts_at + class hours.
CREATE TABLE `troupe_sessions` (
  `id` bigint NOT NULL,
  `troupe_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `kind` varchar(16) NOT NULL,
  `title` varchar(64) NOT NULL,
  `starts_at` datetime(3) NOT NULL,
  `ends_at` datetime(3) NOT NULL,
  `class_hours` int NOT NULL,
  `place` varchar(100) NOT NULL,
  `series_id` bigint DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `cancel_reason` varchar(200) DEFAULT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_troupe_sessions_troupe` (`troupe_id`,`starts_at`),
  KEY `ix_troupe_sessions_dash` (`district_code`,`starts_at`,`status`,`class_hours`),
  KEY `ix_troupe_sessions_start` (`starts_at`,`status`,`district_code`,`class_hours`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 欢唱团 / 欢跑团: the district's application (申报表) and, once the city approved it, the troupe itself.
-- street is always NULL (troupes belong to a district) but present so the scope filter reads troupes like
-- every other scoped table. plan_override_reason: why a second troupe of a kind was filed in one district.
CREATE TABLE `troupes` (
  `id` bigint NOT NULL,
  `kind` varchar(8) NOT NULL,
  `name` varchar(64) NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `host_unit` varchar(100) NOT NULL,
  `host_kind` varchar(16) NOT NULL,
  `address` varchar(200) NOT NULL,
  `leader_name` varchar(32) NOT NULL,
  `leader_contact` varchar(32) NOT NULL,
  `project_leader_name` varchar(32) NOT NULL,
  `project_leader_contact` varchar(32) NOT NULL,
  `feature` varchar(100) NOT NULL,
  `introduction` varchar(300) NOT NULL,
  `recommendation` varchar(300) NOT NULL,
  `plan_override_reason` varchar(200) DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `decision_reason` varchar(300) DEFAULT NULL,
  `submitted_by` bigint NOT NULL,
  `submitted_at` datetime(3) NOT NULL,
  `decided_by` bigint DEFAULT NULL,
  `decided_at` datetime(3) DEFAULT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_troupes_district` (`district_code`,`kind`,`status`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- People who signed in with WeChat. openid is case-sensitive, hence the binary collation.
-- The phone is stored encrypted (AES-GCM, key id prefixed) with an HMAC blind index for look-ups.
CREATE TABLE `users` (
  `id` bigint NOT NULL,
  `openid` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `unionid` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,
  `phone_enc` varchar(255) DEFAULT NULL,
  `phone_index` char(64) DEFAULT NULL,
  `volunteer_status` varchar(16) NOT NULL DEFAULT 'NONE',
  `status` varchar(16) NOT NULL DEFAULT 'ACTIVE',
  `created_at` datetime(3) NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_users_openid` (`openid`),
  KEY `ix_users_unionid` (`unionid`),
  KEY `ix_users_phone_index` (`phone_index`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Team membership; a volunteer may belong to several teams, once each.
CREATE TABLE `volunteer_team_members` (
  `team_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `role` varchar(16) NOT NULL,
  `joined_at` datetime(3) NOT NULL,
  PRIMARY KEY (`team_id`,`volunteer_id`),
  KEY `ix_volunteer_team_members_volunteer` (`volunteer_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 爱心妈妈团队 / 工作室: named groups of volunteers in a district, for group care (多对多).
CREATE TABLE `volunteer_teams` (
  `id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `name` varchar(40) NOT NULL,
  `description` varchar(300) DEFAULT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_volunteer_teams_name` (`district_code`,`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 爱心妈妈 volunteers: one application row per user, moved through recruit → admit → serve → exit.
-- The phone is encrypted with a blind index; the home location is kept for matching and never answered
-- to anyone but the volunteer herself.
CREATE TABLE `volunteers` (
  `id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `real_name` varchar(32) NOT NULL,
  `phone_enc` varchar(255) NOT NULL,
  `phone_index` char(64) NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `specialties` varchar(255) NOT NULL,
  `max_children` int NOT NULL,
  `availability` varchar(200) DEFAULT NULL,
  `pledge_version` varchar(16) NOT NULL,
  `agreed_at` datetime(3) NOT NULL,
  `status` varchar(16) NOT NULL,
  `status_reason` varchar(500) DEFAULT NULL,
  `applied_at` datetime(3) NOT NULL,
  `decided_at` datetime(3) DEFAULT NULL,
  `decided_by` bigint DEFAULT NULL,
  `check_by` varchar(64) DEFAULT NULL,
  `check_at` datetime(3) DEFAULT NULL,
  `check_result` varchar(16) DEFAULT NULL,
  `admission_note` varchar(500) DEFAULT NULL,
  `updated_at` datetime(3) NOT NULL,
  `geohash` char(8) DEFAULT NULL,
  `location_enc` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_volunteers_user` (`user_id`),
  KEY `ix_volunteers_district_status` (`district_code`,`status`,`id`),
  KEY `ix_volunteers_geohash` (`district_code`,`status`,`geohash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Scan-to-login (扫码登录) for the web dashboard. The page asks for a ticket and shows it as a 小程序码; an admin
-- scans it in the mini-program and confirms; the page, polling with its secret, receives a session of purpose
-- DASHBOARD (read-only: the dashboard, /me and logout) once. Ticket and secret are stored as SHA-256 only.
-- status: PENDING → CONFIRMED (by an admin) → USED (token handed to the page); expired tickets stay PENDING.
CREATE TABLE `web_tickets` (
  `id` bigint NOT NULL,
  `ticket_hash` binary(32) NOT NULL,
  `secret_hash` binary(32) NOT NULL,
  `status` varchar(16) NOT NULL,
  `client_ip` varchar(45) NOT NULL,
  `created_at` datetime(3) NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  `confirmed_by` bigint DEFAULT NULL,
  `confirmed_at` datetime(3) DEFAULT NULL,
  `session_id` bigint DEFAULT NULL,
  `used_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_web_tickets_ticket` (`ticket_hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- How many subscribe messages of each template a user still allows: every one-time grant the mini-program
-- reports adds one, every message sent takes one (guarded so it never goes below zero).
CREATE TABLE `wechat_subscriptions` (
  `user_id` bigint NOT NULL,
  `template` varchar(32) NOT NULL,
  `remaining` int NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`user_id`,`template`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
