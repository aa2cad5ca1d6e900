-- The weekly counters are keyed by district first; the city dashboard asks for a range of weeks across every
-- district, which those keys can only answer by reading every week ever counted. By week first, it reads the window.
CREATE INDEX ix_dash_care_weekly_week ON dash_care_weekly (week, district_code, kind, records);
CREATE INDEX ix_dash_attendance_weekly_week ON dash_attendance_weekly (week, district_code, status, marks);
CREATE INDEX ix_dash_session_weekly_week ON dash_session_weekly (week, status, district_code, sessions, class_hours);
