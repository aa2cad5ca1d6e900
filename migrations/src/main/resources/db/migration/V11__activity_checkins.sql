-- Check-in and check-out at an activity with the organiser's rotating code, once per volunteer and activity.
-- status: OPEN, CLOSED (checked out with a code: verified hours, business key activity:{id}).
CREATE TABLE `activity_checkins` (
  `id` bigint NOT NULL,
  `activity_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `checked_in_at` datetime(3) NOT NULL,
  `checked_out_at` datetime(3) DEFAULT NULL,
  `status` varchar(16) NOT NULL,
  `minutes` int DEFAULT NULL,
  `hours` decimal(5,1) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_activity_checkins` (`activity_id`,`volunteer_id`),
  KEY `ix_activity_checkins_user` (`user_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
