-- Activities volunteers sign up for (招募/报名): 心理团辅, 集体生日, 亲子活动, 公益服务, 培训. Open to a district, one of
-- its streets, or one volunteer team; quota places, taken by confirmed and pending (awaiting approval) sign-ups.
-- status: OPEN, CANCELLED.
CREATE TABLE `activities` (
  `id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `team_id` bigint DEFAULT NULL,
  `kind` varchar(24) NOT NULL,
  `title` varchar(64) NOT NULL,
  `place` varchar(100) NOT NULL,
  `starts_at` datetime(3) NOT NULL,
  `ends_at` datetime(3) NOT NULL,
  `quota` int NOT NULL,
  `needs_approval` tinyint(1) NOT NULL,
  `specialties` varchar(255) NOT NULL DEFAULT '',
  `status` varchar(16) NOT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_activities_district` (`district_code`,`status`,`starts_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One volunteer's sign-up: CONFIRMED and PENDING hold a place; WAITLISTED wait in `queued_at` order and move up
-- when a place frees; CANCELLED and REJECTED hold nothing.
CREATE TABLE `activity_signups` (
  `activity_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `status` varchar(16) NOT NULL,
  `queued_at` datetime(3) NOT NULL,
  `updated_at` datetime(3) NOT NULL,
  PRIMARY KEY (`activity_id`,`volunteer_id`),
  KEY `ix_activity_signups_user` (`user_id`,`activity_id`),
  KEY `ix_activity_signups_queue` (`activity_id`,`status`,`queued_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
