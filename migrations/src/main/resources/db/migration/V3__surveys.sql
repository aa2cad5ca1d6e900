-- Satisfaction surveys (满意度调查). A survey is a questionnaire for one audience about one kind of subject; a
-- link puts it before the respondents of one subject (a troupe, a pairing, a district's programme). Answers are
-- anonymous: a response keeps no user, only a keyed hash that stops a second answer, the day (not the time) it
-- came, and where it belongs for the results.

-- The questionnaire: its audience, the kind of subject it is about, its questions (JSON) and when it is open.
-- district_code NULL: a city-wide survey; else a district's own.
CREATE TABLE `surveys` (
  `id` bigint NOT NULL,
  `title` varchar(64) NOT NULL,
  `audience` varchar(16) NOT NULL,
  `subject_kind` varchar(16) NOT NULL,
  `district_code` char(6) DEFAULT NULL,
  `questions_json` text NOT NULL,
  `opens_at` datetime(3) NOT NULL,
  `closes_at` datetime(3) NOT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_surveys_district` (`district_code`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One survey put before one subject's respondents through a signed 小程序码 scene; the subject's place is copied
-- here so that answers are grouped and scoped without reading the subject again.
CREATE TABLE `survey_links` (
  `id` bigint NOT NULL,
  `survey_id` bigint NOT NULL,
  `subject_kind` varchar(16) NOT NULL,
  `subject_id` bigint NOT NULL,
  `subject_label` varchar(64) NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `troupe_id` bigint DEFAULT NULL,
  `created_by` bigint NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_survey_links_subject` (`survey_id`,`subject_kind`,`subject_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An anonymous response. id is random (not time-ordered), respondent_hash an HMAC of the respondent for this
-- link, submitted_on only the day.
CREATE TABLE `survey_responses` (
  `id` bigint NOT NULL,
  `survey_id` bigint NOT NULL,
  `link_id` bigint NOT NULL,
  `respondent_hash` char(64) NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `troupe_id` bigint DEFAULT NULL,
  `submitted_on` date NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_survey_responses_respondent` (`link_id`,`respondent_hash`),
  KEY `ix_survey_responses_survey` (`survey_id`,`district_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The answers of a response: one row per chosen option ('' for a rating or a text), the rating, or the text
-- (sealed: free text may name someone).
CREATE TABLE `survey_answers` (
  `response_id` bigint NOT NULL,
  `survey_id` bigint NOT NULL,
  `question_id` varchar(16) NOT NULL,
  `choice` varchar(16) NOT NULL DEFAULT '',
  `rating` tinyint DEFAULT NULL,
  `text_enc` varchar(1200) DEFAULT NULL,
  PRIMARY KEY (`response_id`,`question_id`,`choice`),
  KEY `ix_survey_answers_survey` (`survey_id`,`question_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
