-- DESIGN §4 keeps the SQL to what MySQL 8, MariaDB 10.11 and TiDB all accept: no triggers or stored procedures.
-- dash_attendance_weekly is now kept by the service that writes attendance (troupe/AttendanceWriter and the
-- coach's marks), in the same transaction, one upsert per counter row for a whole group of scans. The counts
-- already in the table stay exact: they were kept up to this migration and the service continues from them.
DROP TRIGGER IF EXISTS attendance_dash_insert;
DROP TRIGGER IF EXISTS attendance_dash_update;
DROP PROCEDURE IF EXISTS dash_attendance_count;
