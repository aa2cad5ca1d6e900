-- Who a volunteer is: the source tags the programme counts (执委, 党员, 三八红旗手, 巾帼志愿者, 五老, 社会组织),
-- comma-separated, set by an admin; and the honours she received (最美爱心妈妈 and the like), with the year.
ALTER TABLE `volunteers` ADD COLUMN `source_tags` varchar(255) NOT NULL DEFAULT '' AFTER `specialties`;

CREATE TABLE `volunteer_honours` (
  `id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `title` varchar(64) NOT NULL,
  `year` int NOT NULL,
  `awarded_by` varchar(64) DEFAULT NULL,
  `recorded_by` bigint NOT NULL,
  `recorded_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_volunteer_honours` (`volunteer_id`,`title`,`year`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
