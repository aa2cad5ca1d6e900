-- Admitted volunteers by source tag (one volunteer counts under each of hers) and admitted volunteers who have
-- completed pre-service training, per district, kept by VolunteerCounts with dash_volunteer_state. Counted from
-- the existing rows once here; CounterRebuild recounts them the same way.
CREATE TABLE `dash_tag_counts` (
  `district_code` char(6) NOT NULL,
  `tag` varchar(32) NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`,`tag`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `dash_trained_counts` (
  `district_code` char(6) NOT NULL,
  `n` int NOT NULL,
  PRIMARY KEY (`district_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

UPDATE `dash_volunteer_state` s JOIN `volunteers` v ON v.`id` = s.`volunteer_id`
   SET s.`source_tags` = v.`source_tags`,
       s.`trained` = EXISTS (SELECT 1 FROM `course_completions` cc JOIN `courses` c ON c.`id` = cc.`course_id`
                              WHERE cc.`volunteer_id` = v.`id` AND c.`kind` = 'PRE_SERVICE');

INSERT INTO `dash_tag_counts` (`district_code`, `tag`, `n`)
  SELECT s.`district_code`, t.`tag`, COUNT(*) FROM `dash_volunteer_state` s
    JOIN (SELECT 'EXEC_COMMITTEE' AS `tag` UNION ALL SELECT 'PARTY_MEMBER' UNION ALL SELECT 'RED_BANNER'
          UNION ALL SELECT 'WOMEN_VOLUNTEER' UNION ALL SELECT 'FIVE_ELDERS' UNION ALL SELECT 'SOCIAL_ORG') t
      ON FIND_IN_SET(t.`tag`, s.`source_tags`) > 0
   WHERE s.`status` = 'ADMITTED'
   GROUP BY s.`district_code`, t.`tag`;

INSERT INTO `dash_trained_counts` (`district_code`, `n`)
  SELECT `district_code`, COUNT(*) FROM `dash_volunteer_state` WHERE `status` = 'ADMITTED' AND `trained`
   GROUP BY `district_code`;
