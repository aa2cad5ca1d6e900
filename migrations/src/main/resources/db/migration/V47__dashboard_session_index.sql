-- The city dashboard reads this week's sessions and the window's reports across every district: by time first.
CREATE INDEX ix_troupe_sessions_start ON troupe_sessions (starts_at, status, district_code, class_hours);
CREATE INDEX ix_concerns_created ON concerns (created_at, district_code);
