-- Training courses (培训): pre-service (岗前) or in-service (在岗), city-wide (district_code NULL) or a district's.
CREATE TABLE `courses` (
  `id` bigint NOT NULL,
  `district_code` char(6) DEFAULT NULL,
  `title` varchar(64) NOT NULL,
  `kind` varchar(16) NOT NULL,
  `hours` decimal(4,1) NOT NULL,
  `material_url` varchar(300) DEFAULT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_courses_district` (`district_code`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A volunteer's completion of a course, recorded by an organiser in her scope (once per course and volunteer).
CREATE TABLE `course_completions` (
  `course_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `completed_on` date NOT NULL,
  `recorded_by` bigint NOT NULL,
  `recorded_at` datetime(3) NOT NULL,
  PRIMARY KEY (`course_id`,`volunteer_id`),
  KEY `ix_course_completions_volunteer` (`volunteer_id`),
  KEY `ix_course_completions_district` (`district_code`,`course_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
