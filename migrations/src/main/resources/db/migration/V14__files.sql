-- Uploaded files: photos of care visits and activities, paper consents scanned, evidence for a harm report, a
-- troupe's year-end self-check, an agency's answer to a referral. The bytes are in the file store (encrypted
-- files under DATA_DIR, or an S3-compatible bucket), sealed with the data key and this row's id as associated
-- data; photos are stored re-encoded from their pixels, so no EXIF, GPS or other metadata survives upload.
-- A file is attached once, to one thing (owner_kind, owner_id); district_code and street are that thing's, so
-- the scope filter reads files as it reads their owners. An upload not attached within a day is removed by the
-- scheduler; an attached file is never deleted.
CREATE TABLE `files` (
  `id` bigint NOT NULL,
  `purpose` varchar(24) NOT NULL,
  `content_type` varchar(40) NOT NULL,
  `size` int NOT NULL,
  `sha256` char(64) NOT NULL,
  `storage_key` varchar(80) NOT NULL,
  `uploaded_by` bigint DEFAULT NULL,
  `uploaded_at` datetime(3) NOT NULL,
  `owner_kind` varchar(24) DEFAULT NULL,
  `owner_id` bigint DEFAULT NULL,
  `district_code` char(6) DEFAULT NULL,
  `street` varchar(64) DEFAULT NULL,
  `attached_at` datetime(3) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_files_owner` (`owner_kind`,`owner_id`),
  KEY `ix_files_unattached` (`attached_at`,`uploaded_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A troupe's year-end self-check (年度自查): what the troupe did, with its photos as attached files. One a
-- year per troupe; written by its coach or an admin, never deleted (a second submission replaces the text and
-- keeps the earlier photos).
CREATE TABLE `troupe_self_checks` (
  `id` bigint NOT NULL,
  `troupe_id` bigint NOT NULL,
  `year` int NOT NULL,
  `district_code` char(6) NOT NULL,
  `summary` varchar(2000) NOT NULL,
  `submitted_by` bigint NOT NULL,
  `submitted_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_troupe_self_checks` (`troupe_id`,`year`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
