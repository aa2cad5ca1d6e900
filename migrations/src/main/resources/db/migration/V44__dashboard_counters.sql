-- Dashboard (看板) counters over the two tables that grow by millions: care records and attendance. Triggers keep
-- them in the same transaction as the rows they count, whatever writes those rows (the service, an import, a
-- bulk load), so the figures are exact at every moment and the dashboard reads a few thousand counter rows
-- instead of millions of records. Weeks are Chongqing weeks named by their Monday; times are stored in UTC.

-- Care records by the pairing's district, the Chongqing week they happened in and their kind.
CREATE TABLE dash_care_weekly (
  district_code  CHAR(6)      NOT NULL,
  week           DATE         NOT NULL,
  kind           VARCHAR(32)  NOT NULL,
  records        INT          NOT NULL,
  PRIMARY KEY (district_code, week, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The latest record of each kind per pairing (kind ANY_CONTACT: the latest contact with the child, as the
-- checklist counts it), with the pairing's district and whether it is an active 6+1 pairing, so "done this
-- period" and "no contact for two weeks" are range counts on one index.
CREATE TABLE dash_pairing_latest (
  pairing_id     BIGINT       NOT NULL,
  kind           VARCHAR(32)  NOT NULL,
  district_code  CHAR(6)      NOT NULL,
  counted        BOOLEAN      NOT NULL,
  started_at     DATETIME(3)  NOT NULL,
  last_at        DATETIME(3)  NOT NULL,
  PRIMARY KEY (pairing_id, kind),
  KEY ix_dash_pairing_latest (kind, counted, district_code, last_at, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Attendance marks by the session's district, the week of the session and the status.
CREATE TABLE dash_attendance_weekly (
  district_code  CHAR(6)      NOT NULL,
  week           DATE         NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  marks          INT          NOT NULL,
  PRIMARY KEY (district_code, week, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Lifetime verified service hours per volunteer, for the star levels.
CREATE TABLE dash_volunteer_hours (
  volunteer_id  BIGINT        NOT NULL,
  hours         DECIMAL(9,1)  NOT NULL,
  PRIMARY KEY (volunteer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Indexes the direct counts need (small tables, counted in index order).
CREATE INDEX ix_children_dash ON children (district_code, status, category, care_level);
CREATE INDEX ix_pairings_dash ON pairings (district_code, status, purpose, mode, started_at);
CREATE INDEX ix_troupe_sessions_dash ON troupe_sessions (district_code, starts_at, status, class_hours);
CREATE INDEX ix_concerns_dash ON concerns (district_code, created_at);
CREATE INDEX ix_care_records_dash ON care_records (district_code, occurred_at, author_volunteer_id);

DELIMITER $$

CREATE FUNCTION dash_week(ts DATETIME(3)) RETURNS DATE DETERMINISTIC
BEGIN
  DECLARE d DATE DEFAULT DATE(CONVERT_TZ(ts, '+00:00', '+08:00'));
  RETURN d - INTERVAL WEEKDAY(d) DAY;
END$$

CREATE PROCEDURE dash_care_count(district CHAR(6), ts DATETIME(3), record_kind VARCHAR(32), delta INT)
BEGIN
  INSERT INTO dash_care_weekly (district_code, week, kind, records) VALUES (district, dash_week(ts), record_kind, delta)
    ON DUPLICATE KEY UPDATE records = records + delta;
END$$

-- Recomputes one pairing's latest record of a kind from care_records (after a correction moved or re-kinded one).
CREATE PROCEDURE dash_latest_refresh(pairing BIGINT, record_kind VARCHAR(32))
BEGIN
  DECLARE latest DATETIME(3);
  IF record_kind = 'ANY_CONTACT' THEN
    SELECT MAX(occurred_at) INTO latest FROM care_records WHERE pairing_id = pairing
       AND kind IN ('CONTACT_CHILD', 'PARENT_CHILD_ACTIVITY', 'FESTIVAL', 'READING', 'LAW_SAFETY', 'FREE_VISIT');
  ELSE
    SELECT MAX(occurred_at) INTO latest FROM care_records WHERE pairing_id = pairing AND kind = record_kind;
  END IF;
  IF latest IS NULL THEN
    DELETE FROM dash_pairing_latest WHERE pairing_id = pairing AND kind = record_kind;
  ELSE
    INSERT INTO dash_pairing_latest (pairing_id, kind, district_code, counted, started_at, last_at)
      SELECT p.id, record_kind, p.district_code,
             p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM'), p.started_at, latest
        FROM pairings p WHERE p.id = pairing
      ON DUPLICATE KEY UPDATE last_at = latest;
  END IF;
END$$

CREATE PROCEDURE dash_latest_seen(pairing BIGINT, record_kind VARCHAR(32), ts DATETIME(3))
BEGIN
  INSERT INTO dash_pairing_latest (pairing_id, kind, district_code, counted, started_at, last_at)
    SELECT p.id, record_kind, p.district_code,
           p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM'), p.started_at, ts
      FROM pairings p WHERE p.id = pairing
    ON DUPLICATE KEY UPDATE last_at = GREATEST(last_at, ts);
END$$

CREATE TRIGGER care_records_dash_insert AFTER INSERT ON care_records FOR EACH ROW
BEGIN
  CALL dash_care_count(NEW.district_code, NEW.occurred_at, NEW.kind, 1);
  CALL dash_latest_seen(NEW.pairing_id, NEW.kind, NEW.occurred_at);
  IF NEW.kind IN ('CONTACT_CHILD', 'PARENT_CHILD_ACTIVITY', 'FESTIVAL', 'READING', 'LAW_SAFETY', 'FREE_VISIT') THEN
    CALL dash_latest_seen(NEW.pairing_id, 'ANY_CONTACT', NEW.occurred_at);
  END IF;
END$$

CREATE TRIGGER care_records_dash_update AFTER UPDATE ON care_records FOR EACH ROW
BEGIN
  IF NOT (OLD.kind <=> NEW.kind AND OLD.occurred_at <=> NEW.occurred_at AND OLD.district_code <=> NEW.district_code
          AND OLD.pairing_id <=> NEW.pairing_id) THEN
    CALL dash_care_count(OLD.district_code, OLD.occurred_at, OLD.kind, -1);
    CALL dash_care_count(NEW.district_code, NEW.occurred_at, NEW.kind, 1);
    CALL dash_latest_refresh(OLD.pairing_id, OLD.kind);
    CALL dash_latest_refresh(OLD.pairing_id, 'ANY_CONTACT');
    CALL dash_latest_refresh(NEW.pairing_id, NEW.kind);
    CALL dash_latest_refresh(NEW.pairing_id, 'ANY_CONTACT');
  END IF;
END$$

CREATE TRIGGER pairings_dash_update AFTER UPDATE ON pairings FOR EACH ROW
BEGIN
  IF NOT (OLD.status <=> NEW.status AND OLD.district_code <=> NEW.district_code
          AND OLD.started_at <=> NEW.started_at) THEN
    UPDATE dash_pairing_latest
       SET district_code = NEW.district_code, started_at = NEW.started_at,
           counted = NEW.status = 'ACTIVE' AND NEW.purpose = 'CARE' AND NEW.mode IN ('ONE_TO_ONE', 'CASE_TEAM')
     WHERE pairing_id = NEW.id;
  END IF;
END$$

CREATE PROCEDURE dash_attendance_count(session BIGINT, mark VARCHAR(16), delta INT)
BEGIN
  INSERT INTO dash_attendance_weekly (district_code, week, status, marks)
    SELECT s.district_code, dash_week(s.starts_at), mark, delta FROM troupe_sessions s WHERE s.id = session
    ON DUPLICATE KEY UPDATE marks = marks + delta;
END$$

CREATE TRIGGER attendance_dash_insert AFTER INSERT ON attendance FOR EACH ROW
BEGIN
  CALL dash_attendance_count(NEW.session_id, NEW.status, 1);
END$$

CREATE TRIGGER attendance_dash_update AFTER UPDATE ON attendance FOR EACH ROW
BEGIN
  IF NOT (OLD.status <=> NEW.status AND OLD.session_id <=> NEW.session_id) THEN
    CALL dash_attendance_count(OLD.session_id, OLD.status, -1);
    CALL dash_attendance_count(NEW.session_id, NEW.status, 1);
  END IF;
END$$

CREATE TRIGGER service_hours_dash_insert AFTER INSERT ON service_hours FOR EACH ROW
BEGIN
  IF NEW.verified THEN
    INSERT INTO dash_volunteer_hours (volunteer_id, hours) VALUES (NEW.volunteer_id, NEW.hours)
      ON DUPLICATE KEY UPDATE hours = hours + NEW.hours;
  END IF;
END$$

DELIMITER ;

-- Counters for the rows already there.
INSERT INTO dash_care_weekly (district_code, week, kind, records)
  SELECT district_code, dash_week(occurred_at), kind, COUNT(*) FROM care_records
   GROUP BY district_code, dash_week(occurred_at), kind;
INSERT INTO dash_pairing_latest (pairing_id, kind, district_code, counted, started_at, last_at)
  SELECT p.id, x.kind, p.district_code,
         p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM'), p.started_at, x.last_at
    FROM (SELECT pairing_id, kind, MAX(occurred_at) AS last_at FROM care_records GROUP BY pairing_id, kind
          UNION ALL
          SELECT pairing_id, 'ANY_CONTACT', MAX(occurred_at) FROM care_records
           WHERE kind IN ('CONTACT_CHILD', 'PARENT_CHILD_ACTIVITY', 'FESTIVAL', 'READING', 'LAW_SAFETY', 'FREE_VISIT')
           GROUP BY pairing_id) x
    JOIN pairings p ON p.id = x.pairing_id;
INSERT INTO dash_attendance_weekly (district_code, week, status, marks)
  SELECT s.district_code, dash_week(s.starts_at), a.status, COUNT(*)
    FROM attendance a JOIN troupe_sessions s ON s.id = a.session_id
   GROUP BY s.district_code, dash_week(s.starts_at), a.status;
INSERT INTO dash_volunteer_hours (volunteer_id, hours)
  SELECT volunteer_id, SUM(hours) FROM service_hours WHERE verified GROUP BY volunteer_id;
