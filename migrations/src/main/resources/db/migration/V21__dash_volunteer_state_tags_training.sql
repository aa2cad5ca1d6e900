-- What a volunteer was last counted with, now also her source tags and whether she has completed a
-- pre-service (PRE_SERVICE) course: the dashboard counts admitted volunteers by both from counters
-- (dash_tag_counts, dash_trained_counts, V22) instead of reading every volunteer on each request.
ALTER TABLE `dash_volunteer_state`
  ADD COLUMN `source_tags` varchar(255) NOT NULL DEFAULT '',
  ADD COLUMN `trained` boolean NOT NULL DEFAULT FALSE;
