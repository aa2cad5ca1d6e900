-- A training activity (kind TRAINING) may be a session of a course: checking out of it with the organiser's code
-- records the volunteer's completion of the course.
ALTER TABLE `activities` ADD COLUMN `course_id` bigint DEFAULT NULL AFTER `team_id`;
