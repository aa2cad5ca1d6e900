-- More dashboard counters (see V44), measured necessary: with 120 000 children, 50 000 volunteers and 100 000
-- pairings, counting those tables on every request took the city dashboard to 3.7 s. Each table below is kept by
-- triggers in the same transaction as the rows it counts, and is read in a few hundred rows.

-- The semester starts of the care rules (MM-DD), written by the service at start-up from CARE_SEMESTERS.
CREATE TABLE dash_settings (
  name   VARCHAR(32)  NOT NULL,
  value  VARCHAR(64)  NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO dash_settings (name, value) VALUES ('spring_start', '03-01'), ('autumn_start', '09-01');

CREATE TABLE dash_child_counts (
  district_code  CHAR(6)      NOT NULL,
  category       VARCHAR(32)  NOT NULL,
  care_level     VARCHAR(16)  NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  n              INT          NOT NULL,
  PRIMARY KEY (district_code, status, category, care_level)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per child: does she need a pairing (active, ONE_TO_ONE or CASE_TEAM), has she an active primary pairing, a
-- standing guardian consent, and since when she waits (her last pairing's end, or her registration).
CREATE TABLE dash_child_state (
  child_id       BIGINT       NOT NULL,
  district_code  CHAR(6)      NOT NULL,
  needing        BOOLEAN      NOT NULL,
  paired         BOOLEAN      NOT NULL,
  consented      BOOLEAN      NOT NULL,
  waiting_since  DATETIME(3)  NOT NULL,
  PRIMARY KEY (child_id),
  KEY ix_dash_child_state (needing, paired, district_code, consented, waiting_since)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Volunteers by district, status and star level (lifetime verified hours: 100, 300, 600, 1000, 1500).
CREATE TABLE dash_volunteer_counts (
  district_code  CHAR(6)      NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  stars          TINYINT      NOT NULL,
  n              INT          NOT NULL,
  PRIMARY KEY (district_code, status, stars)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Admitted volunteers by specialty (one volunteer counts under each of hers).
CREATE TABLE dash_specialty_counts (
  district_code  CHAR(6)      NOT NULL,
  specialty      VARCHAR(32)  NOT NULL,
  n              INT          NOT NULL,
  PRIMARY KEY (district_code, specialty)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The latest care record each volunteer wrote, with her own district.
CREATE TABLE dash_volunteer_activity (
  volunteer_id   BIGINT       NOT NULL,
  district_code  CHAR(6)      NOT NULL,
  last_care_at   DATETIME(3)  NOT NULL,
  PRIMARY KEY (volunteer_id),
  KEY ix_dash_volunteer_activity (last_care_at, district_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dash_pairing_counts (
  district_code  CHAR(6)      NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  purpose        VARCHAR(16)  NOT NULL,
  mode           VARCHAR(16)  NOT NULL,
  n              INT          NOT NULL,
  PRIMARY KEY (district_code, status, purpose, mode)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions and class-hours by district, the week they start in and status.
CREATE TABLE dash_session_weekly (
  district_code  CHAR(6)      NOT NULL,
  week           DATE         NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  sessions       INT          NOT NULL,
  class_hours    INT          NOT NULL,
  PRIMARY KEY (district_code, week, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which periods of each 6+1 item a pairing has a record in (period named by its first day), and per district how
-- many active 6+1 pairings have one: the "done this period" figure in one row.
CREATE TABLE dash_pairing_periods (
  pairing_id     BIGINT       NOT NULL,
  kind           VARCHAR(32)  NOT NULL,
  period_start   DATE         NOT NULL,
  PRIMARY KEY (pairing_id, kind, period_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dash_done_counts (
  district_code  CHAR(6)      NOT NULL,
  kind           VARCHAR(32)  NOT NULL,
  period_start   DATE         NOT NULL,
  n              INT          NOT NULL,
  PRIMARY KEY (kind, period_start, district_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Range scans across districts: recent contacts, pairings started in a window, a volunteer's records.
ALTER TABLE dash_pairing_latest DROP KEY ix_dash_pairing_latest,
  ADD KEY ix_dash_pairing_latest (kind, counted, last_at, district_code, started_at);
CREATE INDEX ix_pairings_started ON pairings (started_at, district_code, status, purpose, mode);
CREATE INDEX ix_care_records_author ON care_records (author_volunteer_id, occurred_at);

DELIMITER $$

CREATE FUNCTION dash_stars(hours DECIMAL(9,1)) RETURNS TINYINT DETERMINISTIC
BEGIN
  RETURN (hours >= 100) + (hours >= 300) + (hours >= 600) + (hours >= 1000) + (hours >= 1500);
END$$

-- The first day of the period of a 6+1 item a Chongqing day falls in; NULL for kinds that are no periodic item.
CREATE FUNCTION dash_period_start(record_kind VARCHAR(32), ts DATETIME(3)) RETURNS DATE READS SQL DATA
BEGIN
  DECLARE d DATE DEFAULT DATE(CONVERT_TZ(ts, '+00:00', '+08:00'));
  DECLARE spring DATE;
  DECLARE autumn DATE;
  CASE record_kind
    WHEN 'CONTACT_CHILD' THEN RETURN d - INTERVAL WEEKDAY(d) DAY;
    WHEN 'TALK_GUARDIAN' THEN RETURN d - INTERVAL (DAYOFMONTH(d) - 1) DAY;
    WHEN 'PARENT_CHILD_ACTIVITY' THEN
      SET spring = STR_TO_DATE(CONCAT(YEAR(d), '-', (SELECT value FROM dash_settings WHERE name = 'spring_start')), '%Y-%m-%d');
      SET autumn = STR_TO_DATE(CONCAT(YEAR(d), '-', (SELECT value FROM dash_settings WHERE name = 'autumn_start')), '%Y-%m-%d');
      RETURN IF(d >= autumn, autumn, IF(d >= spring, spring, autumn - INTERVAL 1 YEAR));
    WHEN 'FESTIVAL' THEN RETURN MAKEDATE(YEAR(d), 1);
    WHEN 'READING' THEN RETURN MAKEDATE(YEAR(d), 1);
    WHEN 'LAW_SAFETY' THEN RETURN MAKEDATE(YEAR(d), 1);
    ELSE RETURN NULL;
  END CASE;
END$$

CREATE FUNCTION dash_counted(pairing BIGINT) RETURNS BOOLEAN READS SQL DATA
BEGIN
  RETURN COALESCE((SELECT status = 'ACTIVE' AND purpose = 'CARE' AND mode IN ('ONE_TO_ONE', 'CASE_TEAM')
                     FROM pairings WHERE id = pairing), FALSE);
END$$

-- A record of the kind at ts now exists for the pairing: the period gains the pairing if it is its first.
CREATE PROCEDURE dash_period_add(pairing BIGINT, record_kind VARCHAR(32), ts DATETIME(3))
BEGIN
  DECLARE p DATE DEFAULT dash_period_start(record_kind, ts);
  IF p IS NOT NULL THEN
    INSERT IGNORE INTO dash_pairing_periods (pairing_id, kind, period_start) VALUES (pairing, record_kind, p);
    IF ROW_COUNT() = 1 AND dash_counted(pairing) THEN
      INSERT INTO dash_done_counts (district_code, kind, period_start, n)
        SELECT district_code, record_kind, p, 1 FROM pairings WHERE id = pairing
        ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
END$$

-- A record of the kind at ts moved away: the period loses the pairing if no other record of hers is in it.
CREATE PROCEDURE dash_period_remove(pairing BIGINT, record_kind VARCHAR(32), ts DATETIME(3))
BEGIN
  DECLARE p DATE DEFAULT dash_period_start(record_kind, ts);
  IF p IS NOT NULL AND NOT EXISTS (SELECT 1 FROM care_records WHERE pairing_id = pairing AND kind = record_kind
                                      AND dash_period_start(kind, occurred_at) = p) THEN
    DELETE FROM dash_pairing_periods WHERE pairing_id = pairing AND kind = record_kind AND period_start = p;
    IF ROW_COUNT() = 1 AND dash_counted(pairing) THEN
      UPDATE dash_done_counts d JOIN pairings x ON x.id = pairing AND d.district_code = x.district_code
         SET d.n = d.n - 1 WHERE d.kind = record_kind AND d.period_start = p;
    END IF;
  END IF;
END$$

CREATE PROCEDURE dash_volunteer_count(district CHAR(6), volunteer_status VARCHAR(16), star_level TINYINT,
                                      specialty_list VARCHAR(255), delta INT)
BEGIN
  DECLARE rest VARCHAR(255) DEFAULT specialty_list;
  INSERT INTO dash_volunteer_counts (district_code, status, stars, n) VALUES (district, volunteer_status, star_level, delta)
    ON DUPLICATE KEY UPDATE n = n + delta;
  IF volunteer_status = 'ADMITTED' THEN
    WHILE rest IS NOT NULL AND rest <> '' DO
      INSERT INTO dash_specialty_counts (district_code, specialty, n)
        VALUES (district, SUBSTRING_INDEX(rest, ',', 1), delta) ON DUPLICATE KEY UPDATE n = n + delta;
      SET rest = IF(LOCATE(',', rest) = 0, '', SUBSTRING(rest, LOCATE(',', rest) + 1));
    END WHILE;
  END IF;
END$$

CREATE TRIGGER children_dash_insert AFTER INSERT ON children FOR EACH ROW
BEGIN
  INSERT INTO dash_child_counts (district_code, category, care_level, status, n)
    VALUES (NEW.district_code, NEW.category, NEW.care_level, NEW.status, 1) ON DUPLICATE KEY UPDATE n = n + 1;
  INSERT INTO dash_child_state (child_id, district_code, needing, paired, consented, waiting_since)
    VALUES (NEW.id, NEW.district_code, NEW.status = 'ACTIVE' AND NEW.care_level IN ('ONE_TO_ONE', 'CASE_TEAM'),
            FALSE, FALSE, NEW.created_at);
END$$

CREATE TRIGGER children_dash_update AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NOT (OLD.district_code <=> NEW.district_code AND OLD.category <=> NEW.category
          AND OLD.care_level <=> NEW.care_level AND OLD.status <=> NEW.status) THEN
    UPDATE dash_child_counts SET n = n - 1 WHERE district_code = OLD.district_code AND category = OLD.category
       AND care_level = OLD.care_level AND status = OLD.status;
    INSERT INTO dash_child_counts (district_code, category, care_level, status, n)
      VALUES (NEW.district_code, NEW.category, NEW.care_level, NEW.status, 1) ON DUPLICATE KEY UPDATE n = n + 1;
    UPDATE dash_child_state SET district_code = NEW.district_code,
           needing = NEW.status = 'ACTIVE' AND NEW.care_level IN ('ONE_TO_ONE', 'CASE_TEAM')
     WHERE child_id = NEW.id;
  END IF;
  IF NOT (OLD.created_at <=> NEW.created_at) THEN
    UPDATE dash_child_state
       SET waiting_since = COALESCE((SELECT MAX(e.ended_at) FROM pairings e WHERE e.child_id = NEW.id), NEW.created_at)
     WHERE child_id = NEW.id;
  END IF;
END$$

CREATE TRIGGER child_consents_dash_insert AFTER INSERT ON child_consents FOR EACH ROW
BEGIN
  IF NEW.withdrawn_at IS NULL THEN
    UPDATE dash_child_state SET consented = TRUE WHERE child_id = NEW.child_id;
  END IF;
END$$

CREATE TRIGGER child_consents_dash_update AFTER UPDATE ON child_consents FOR EACH ROW
BEGIN
  UPDATE dash_child_state SET consented = EXISTS (SELECT 1 FROM child_consents k WHERE k.child_id = NEW.child_id
                                                     AND k.withdrawn_at IS NULL)
   WHERE child_id = NEW.child_id;
END$$

CREATE TRIGGER pairings_dash_insert AFTER INSERT ON pairings FOR EACH ROW
BEGIN
  INSERT INTO dash_pairing_counts (district_code, status, purpose, mode, n)
    VALUES (NEW.district_code, NEW.status, NEW.purpose, NEW.mode, 1) ON DUPLICATE KEY UPDATE n = n + 1;
  IF NEW.primary_child_id IS NOT NULL THEN
    UPDATE dash_child_state SET paired = TRUE WHERE child_id = NEW.primary_child_id;
  END IF;
  IF NEW.ended_at IS NOT NULL THEN
    UPDATE dash_child_state SET waiting_since = GREATEST(waiting_since, NEW.ended_at) WHERE child_id = NEW.child_id;
  END IF;
END$$

DELIMITER ;

-- pairings already has an AFTER UPDATE trigger (V44); it is replaced by one that does both.
DROP TRIGGER pairings_dash_update;

DELIMITER $$

CREATE TRIGGER pairings_dash_update AFTER UPDATE ON pairings FOR EACH ROW
BEGIN
  DECLARE was BOOLEAN DEFAULT OLD.status = 'ACTIVE' AND OLD.purpose = 'CARE' AND OLD.mode IN ('ONE_TO_ONE', 'CASE_TEAM');
  DECLARE now_counted BOOLEAN DEFAULT NEW.status = 'ACTIVE' AND NEW.purpose = 'CARE' AND NEW.mode IN ('ONE_TO_ONE', 'CASE_TEAM');
  IF NOT (OLD.status <=> NEW.status AND OLD.district_code <=> NEW.district_code
          AND OLD.started_at <=> NEW.started_at AND OLD.purpose <=> NEW.purpose AND OLD.mode <=> NEW.mode) THEN
    UPDATE dash_pairing_latest SET district_code = NEW.district_code, started_at = NEW.started_at, counted = now_counted
     WHERE pairing_id = NEW.id;
    UPDATE dash_pairing_counts SET n = n - 1 WHERE district_code = OLD.district_code AND status = OLD.status
       AND purpose = OLD.purpose AND mode = OLD.mode;
    INSERT INTO dash_pairing_counts (district_code, status, purpose, mode, n)
      VALUES (NEW.district_code, NEW.status, NEW.purpose, NEW.mode, 1) ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
  IF was AND NOT (now_counted AND OLD.district_code <=> NEW.district_code) THEN
    UPDATE dash_done_counts d JOIN dash_pairing_periods pp ON pp.kind = d.kind AND pp.period_start = d.period_start
       SET d.n = d.n - 1 WHERE pp.pairing_id = NEW.id AND d.district_code = OLD.district_code;
  END IF;
  IF now_counted AND NOT (was AND OLD.district_code <=> NEW.district_code) THEN
    INSERT INTO dash_done_counts (district_code, kind, period_start, n)
      SELECT NEW.district_code, kind, period_start, 1 FROM dash_pairing_periods WHERE pairing_id = NEW.id
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
  IF NOT (OLD.primary_child_id <=> NEW.primary_child_id) THEN
    IF OLD.primary_child_id IS NOT NULL THEN
      UPDATE dash_child_state SET paired = FALSE WHERE child_id = OLD.primary_child_id;
    END IF;
    IF NEW.primary_child_id IS NOT NULL THEN
      UPDATE dash_child_state SET paired = TRUE WHERE child_id = NEW.primary_child_id;
    END IF;
  END IF;
  IF NEW.ended_at IS NOT NULL AND NOT (OLD.ended_at <=> NEW.ended_at) THEN
    UPDATE dash_child_state SET waiting_since = GREATEST(waiting_since, NEW.ended_at) WHERE child_id = NEW.child_id;
  END IF;
END$$

CREATE TRIGGER volunteers_dash_insert AFTER INSERT ON volunteers FOR EACH ROW
BEGIN
  CALL dash_volunteer_count(NEW.district_code, NEW.status,
      dash_stars(COALESCE((SELECT hours FROM dash_volunteer_hours WHERE volunteer_id = NEW.id), 0)), NEW.specialties, 1);
END$$

CREATE TRIGGER volunteers_dash_update AFTER UPDATE ON volunteers FOR EACH ROW
BEGIN
  DECLARE star_level TINYINT;
  IF NOT (OLD.district_code <=> NEW.district_code AND OLD.status <=> NEW.status
          AND OLD.specialties <=> NEW.specialties) THEN
    SET star_level = dash_stars(COALESCE((SELECT hours FROM dash_volunteer_hours WHERE volunteer_id = NEW.id), 0));
    CALL dash_volunteer_count(OLD.district_code, OLD.status, star_level, OLD.specialties, -1);
    CALL dash_volunteer_count(NEW.district_code, NEW.status, star_level, NEW.specialties, 1);
    UPDATE dash_volunteer_activity SET district_code = NEW.district_code WHERE volunteer_id = NEW.id;
  END IF;
END$$

DELIMITER ;

DROP TRIGGER service_hours_dash_insert;

DELIMITER $$

CREATE TRIGGER service_hours_dash_insert AFTER INSERT ON service_hours FOR EACH ROW
BEGIN
  DECLARE before_hours DECIMAL(9,1);
  IF NEW.verified THEN
    SET before_hours = COALESCE((SELECT hours FROM dash_volunteer_hours WHERE volunteer_id = NEW.volunteer_id), 0);
    INSERT INTO dash_volunteer_hours (volunteer_id, hours) VALUES (NEW.volunteer_id, NEW.hours)
      ON DUPLICATE KEY UPDATE hours = hours + NEW.hours;
    IF dash_stars(before_hours) <> dash_stars(before_hours + NEW.hours) THEN
      UPDATE dash_volunteer_counts c JOIN volunteers v ON v.id = NEW.volunteer_id
         SET c.n = c.n - 1 WHERE c.district_code = v.district_code AND c.status = v.status
           AND c.stars = dash_stars(before_hours);
      INSERT INTO dash_volunteer_counts (district_code, status, stars, n)
        SELECT district_code, status, dash_stars(before_hours + NEW.hours), 1 FROM volunteers WHERE id = NEW.volunteer_id
        ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
END$$

CREATE PROCEDURE dash_session_count(district CHAR(6), ts DATETIME(3), session_status VARCHAR(16), hours INT, delta INT)
BEGIN
  INSERT INTO dash_session_weekly (district_code, week, status, sessions, class_hours)
    VALUES (district, dash_week(ts), session_status, delta, delta * hours)
    ON DUPLICATE KEY UPDATE sessions = sessions + delta, class_hours = class_hours + delta * hours;
END$$

CREATE TRIGGER troupe_sessions_dash_insert AFTER INSERT ON troupe_sessions FOR EACH ROW
BEGIN
  CALL dash_session_count(NEW.district_code, NEW.starts_at, NEW.status, NEW.class_hours, 1);
END$$

CREATE TRIGGER troupe_sessions_dash_update AFTER UPDATE ON troupe_sessions FOR EACH ROW
BEGIN
  IF NOT (OLD.district_code <=> NEW.district_code AND OLD.starts_at <=> NEW.starts_at AND OLD.status <=> NEW.status
          AND OLD.class_hours <=> NEW.class_hours) THEN
    CALL dash_session_count(OLD.district_code, OLD.starts_at, OLD.status, OLD.class_hours, -1);
    CALL dash_session_count(NEW.district_code, NEW.starts_at, NEW.status, NEW.class_hours, 1);
  END IF;
END$$

DELIMITER ;

DROP TRIGGER care_records_dash_insert;
DROP TRIGGER care_records_dash_update;

DELIMITER $$

CREATE TRIGGER care_records_dash_insert AFTER INSERT ON care_records FOR EACH ROW
BEGIN
  CALL dash_care_count(NEW.district_code, NEW.occurred_at, NEW.kind, 1);
  CALL dash_latest_seen(NEW.pairing_id, NEW.kind, NEW.occurred_at);
  IF NEW.kind IN ('CONTACT_CHILD', 'PARENT_CHILD_ACTIVITY', 'FESTIVAL', 'READING', 'LAW_SAFETY', 'FREE_VISIT') THEN
    CALL dash_latest_seen(NEW.pairing_id, 'ANY_CONTACT', NEW.occurred_at);
  END IF;
  CALL dash_period_add(NEW.pairing_id, NEW.kind, NEW.occurred_at);
  INSERT INTO dash_volunteer_activity (volunteer_id, district_code, last_care_at)
    SELECT id, district_code, NEW.occurred_at FROM volunteers WHERE id = NEW.author_volunteer_id
    ON DUPLICATE KEY UPDATE last_care_at = GREATEST(last_care_at, NEW.occurred_at);
END$$

CREATE TRIGGER care_records_dash_update AFTER UPDATE ON care_records FOR EACH ROW
BEGIN
  IF NOT (OLD.kind <=> NEW.kind AND OLD.occurred_at <=> NEW.occurred_at AND OLD.district_code <=> NEW.district_code
          AND OLD.pairing_id <=> NEW.pairing_id AND OLD.author_volunteer_id <=> NEW.author_volunteer_id) THEN
    CALL dash_care_count(OLD.district_code, OLD.occurred_at, OLD.kind, -1);
    CALL dash_care_count(NEW.district_code, NEW.occurred_at, NEW.kind, 1);
    CALL dash_latest_refresh(OLD.pairing_id, OLD.kind);
    CALL dash_latest_refresh(OLD.pairing_id, 'ANY_CONTACT');
    CALL dash_latest_refresh(NEW.pairing_id, NEW.kind);
    CALL dash_latest_refresh(NEW.pairing_id, 'ANY_CONTACT');
    CALL dash_period_remove(OLD.pairing_id, OLD.kind, OLD.occurred_at);
    CALL dash_period_add(NEW.pairing_id, NEW.kind, NEW.occurred_at);
    DELETE FROM dash_volunteer_activity WHERE volunteer_id IN (OLD.author_volunteer_id, NEW.author_volunteer_id);
    INSERT INTO dash_volunteer_activity (volunteer_id, district_code, last_care_at)
      SELECT v.id, v.district_code, MAX(r.occurred_at) FROM care_records r JOIN volunteers v ON v.id = r.author_volunteer_id
       WHERE r.author_volunteer_id IN (OLD.author_volunteer_id, NEW.author_volunteer_id) GROUP BY v.id, v.district_code;
  END IF;
END$$

DELIMITER ;

-- Counters for the rows already there.
INSERT INTO dash_child_counts (district_code, category, care_level, status, n)
  SELECT district_code, category, care_level, status, COUNT(*) FROM children
   GROUP BY district_code, category, care_level, status;
INSERT INTO dash_child_state (child_id, district_code, needing, paired, consented, waiting_since)
  SELECT c.id, c.district_code, c.status = 'ACTIVE' AND c.care_level IN ('ONE_TO_ONE', 'CASE_TEAM'),
         EXISTS (SELECT 1 FROM pairings p WHERE p.primary_child_id = c.id),
         EXISTS (SELECT 1 FROM child_consents k WHERE k.child_id = c.id AND k.withdrawn_at IS NULL),
         COALESCE((SELECT MAX(e.ended_at) FROM pairings e WHERE e.child_id = c.id), c.created_at)
    FROM children c;
INSERT INTO dash_volunteer_counts (district_code, status, stars, n)
  SELECT v.district_code, v.status, dash_stars(COALESCE(h.hours, 0)), COUNT(*)
    FROM volunteers v LEFT JOIN dash_volunteer_hours h ON h.volunteer_id = v.id
   GROUP BY v.district_code, v.status, dash_stars(COALESCE(h.hours, 0));
INSERT INTO dash_specialty_counts (district_code, specialty, n)
  SELECT v.district_code, s.specialty, COUNT(*) FROM volunteers v
    JOIN (SELECT 'TEACHER' AS specialty UNION ALL SELECT 'DOCTOR' UNION ALL SELECT 'NURSE' UNION ALL
          SELECT 'PSYCHOLOGIST' UNION ALL SELECT 'SOCIAL_WORKER' UNION ALL SELECT 'LAWYER' UNION ALL SELECT 'JUDGE'
          UNION ALL SELECT 'PROSECUTOR' UNION ALL SELECT 'POLICE' UNION ALL SELECT 'FAMILY_EDUCATION_EXPERT'
          UNION ALL SELECT 'CADRE' UNION ALL SELECT 'OTHER') s ON FIND_IN_SET(s.specialty, v.specialties) > 0
   WHERE v.status = 'ADMITTED' GROUP BY v.district_code, s.specialty;
INSERT INTO dash_volunteer_activity (volunteer_id, district_code, last_care_at)
  SELECT v.id, v.district_code, MAX(r.occurred_at) FROM care_records r JOIN volunteers v ON v.id = r.author_volunteer_id
   GROUP BY v.id, v.district_code;
INSERT INTO dash_pairing_counts (district_code, status, purpose, mode, n)
  SELECT district_code, status, purpose, mode, COUNT(*) FROM pairings GROUP BY district_code, status, purpose, mode;
INSERT INTO dash_session_weekly (district_code, week, status, sessions, class_hours)
  SELECT district_code, dash_week(starts_at), status, COUNT(*), SUM(class_hours) FROM troupe_sessions
   GROUP BY district_code, dash_week(starts_at), status;
INSERT INTO dash_pairing_periods (pairing_id, kind, period_start)
  SELECT DISTINCT pairing_id, kind, dash_period_start(kind, occurred_at) FROM care_records
   WHERE dash_period_start(kind, occurred_at) IS NOT NULL;
INSERT INTO dash_done_counts (district_code, kind, period_start, n)
  SELECT p.district_code, pp.kind, pp.period_start, COUNT(*) FROM dash_pairing_periods pp
    JOIN pairings p ON p.id = pp.pairing_id
   WHERE p.status = 'ACTIVE' AND p.purpose = 'CARE' AND p.mode IN ('ONE_TO_ONE', 'CASE_TEAM')
   GROUP BY p.district_code, pp.kind, pp.period_start;
