-- DESIGN §4: the SQL stays inside what MySQL 8, MariaDB 10.11 and TiDB all accept, and TiDB has no triggers or
-- stored routines. The dashboard's counters are kept by the service from here on (dashboard/DashboardCounters,
-- called by every writer in its own transaction), so the triggers of V44–V49 and their routines go. V54 adds the
-- state the service needs and recounts what the triggers could miscount.
DROP TRIGGER IF EXISTS care_records_dash_insert;
DROP TRIGGER IF EXISTS care_records_dash_update;
DROP TRIGGER IF EXISTS pairings_dash_insert;
DROP TRIGGER IF EXISTS pairings_dash_update;
DROP TRIGGER IF EXISTS children_dash_insert;
DROP TRIGGER IF EXISTS children_dash_update;
DROP TRIGGER IF EXISTS child_consents_dash_insert;
DROP TRIGGER IF EXISTS child_consents_dash_update;
DROP TRIGGER IF EXISTS volunteers_dash_insert;
DROP TRIGGER IF EXISTS volunteers_dash_update;
DROP TRIGGER IF EXISTS service_hours_dash_insert;
DROP TRIGGER IF EXISTS troupe_sessions_dash_insert;
DROP TRIGGER IF EXISTS troupe_sessions_dash_update;
DROP TRIGGER IF EXISTS dash_child_state_insert;
DROP TRIGGER IF EXISTS dash_child_state_update;
DROP TRIGGER IF EXISTS dash_volunteer_activity_insert;
DROP TRIGGER IF EXISTS dash_volunteer_activity_update;
DROP TRIGGER IF EXISTS dash_volunteer_activity_delete;
DROP TRIGGER IF EXISTS dash_pairing_latest_insert;
DROP TRIGGER IF EXISTS dash_pairing_latest_update;
DROP TRIGGER IF EXISTS dash_pairing_latest_delete;
DROP PROCEDURE IF EXISTS dash_care_count;
DROP PROCEDURE IF EXISTS dash_latest_refresh;
DROP PROCEDURE IF EXISTS dash_latest_seen;
DROP PROCEDURE IF EXISTS dash_period_add;
DROP PROCEDURE IF EXISTS dash_period_remove;
DROP PROCEDURE IF EXISTS dash_volunteer_count;
DROP PROCEDURE IF EXISTS dash_session_count;
DROP FUNCTION IF EXISTS dash_week;
DROP FUNCTION IF EXISTS dash_day;
DROP FUNCTION IF EXISTS dash_stars;
DROP FUNCTION IF EXISTS dash_period_start;
DROP FUNCTION IF EXISTS dash_counted;
-- The semester starts were handed to the triggers through this table; the service files periods itself now.
DROP TABLE IF EXISTS dash_settings;
