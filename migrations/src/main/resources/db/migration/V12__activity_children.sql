-- Children taking part in a group activity (多对多: 心理团辅, 集体生日), recorded once for the activity by its
-- organiser; each paired child's record shows the activities she took part in.
CREATE TABLE `activity_children` (
  `activity_id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `recorded_by` bigint NOT NULL,
  `recorded_at` datetime(3) NOT NULL,
  PRIMARY KEY (`activity_id`,`child_id`),
  KEY `ix_activity_children_child` (`child_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
