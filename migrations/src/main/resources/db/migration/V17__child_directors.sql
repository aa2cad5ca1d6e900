-- The child director (儿童主任, 民政 2号) named for a child by the district admin: one a child, replaced by naming
-- another. Her contacts (monthly) and home visits (quarterly) are records of their own kinds, counted in the
-- care compliance beside the volunteers' 6+1. district_code/street are the child's, for the scope filter.
CREATE TABLE `child_directors` (
  `child_id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `named_by` bigint NOT NULL,
  `named_at` datetime(3) NOT NULL,
  PRIMARY KEY (`child_id`),
  KEY `ix_child_directors_user` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a child director did: CONTACT (monthly) or HOME_VISIT (quarterly; it counts as that month's contact too).
-- The summary is encrypted. Never deleted.
CREATE TABLE `director_records` (
  `id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `kind` varchar(16) NOT NULL,
  `occurred_at` datetime(3) NOT NULL,
  `summary_enc` text NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_director_records_child` (`child_id`,`occurred_at`),
  KEY `ix_director_records_district` (`district_code`,`occurred_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
