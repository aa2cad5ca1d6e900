-- "Active in the last 30 days" and "contacted in the last 14 days" were range scans over every recent volunteer
-- and pairing (35 000 and 14 000 index entries at bench scale, on every city dashboard). These counters hold, per
-- district and Chongqing day, how many volunteers wrote their latest care record that day, and how many active
-- 6+1 pairings had their latest contact with the child that day; the dashboard sums the last days' rows. Both
-- follow the per-volunteer and per-pairing "latest" tables through triggers on those tables.
CREATE TABLE dash_volunteer_active_days (
  district_code  CHAR(6)  NOT NULL,
  day            DATE     NOT NULL,
  n              INT      NOT NULL,
  PRIMARY KEY (district_code, day),
  KEY ix_dash_volunteer_active_days (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dash_contact_days (
  district_code  CHAR(6)  NOT NULL,
  day            DATE     NOT NULL,
  n              INT      NOT NULL,
  PRIMARY KEY (district_code, day),
  KEY ix_dash_contact_days (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER $$

CREATE FUNCTION dash_day(ts DATETIME(3)) RETURNS DATE DETERMINISTIC
BEGIN
  RETURN DATE(CONVERT_TZ(ts, '+00:00', '+08:00'));
END$$

CREATE TRIGGER dash_volunteer_activity_insert AFTER INSERT ON dash_volunteer_activity FOR EACH ROW
BEGIN
  INSERT INTO dash_volunteer_active_days (district_code, day, n) VALUES (NEW.district_code, dash_day(NEW.last_care_at), 1)
    ON DUPLICATE KEY UPDATE n = n + 1;
END$$

CREATE TRIGGER dash_volunteer_activity_update AFTER UPDATE ON dash_volunteer_activity FOR EACH ROW
BEGIN
  IF NOT (OLD.district_code <=> NEW.district_code AND dash_day(OLD.last_care_at) <=> dash_day(NEW.last_care_at)) THEN
    UPDATE dash_volunteer_active_days SET n = n - 1
     WHERE district_code = OLD.district_code AND day = dash_day(OLD.last_care_at);
    INSERT INTO dash_volunteer_active_days (district_code, day, n)
      VALUES (NEW.district_code, dash_day(NEW.last_care_at), 1) ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END$$

CREATE TRIGGER dash_volunteer_activity_delete AFTER DELETE ON dash_volunteer_activity FOR EACH ROW
BEGIN
  UPDATE dash_volunteer_active_days SET n = n - 1
   WHERE district_code = OLD.district_code AND day = dash_day(OLD.last_care_at);
END$$

CREATE TRIGGER dash_pairing_latest_insert AFTER INSERT ON dash_pairing_latest FOR EACH ROW
BEGIN
  IF NEW.kind = 'ANY_CONTACT' AND NEW.counted THEN
    INSERT INTO dash_contact_days (district_code, day, n) VALUES (NEW.district_code, dash_day(NEW.last_at), 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END$$

CREATE TRIGGER dash_pairing_latest_update AFTER UPDATE ON dash_pairing_latest FOR EACH ROW
BEGIN
  IF NEW.kind = 'ANY_CONTACT' AND NOT (OLD.counted <=> NEW.counted AND OLD.district_code <=> NEW.district_code
                                       AND dash_day(OLD.last_at) <=> dash_day(NEW.last_at)) THEN
    IF OLD.counted THEN
      UPDATE dash_contact_days SET n = n - 1 WHERE district_code = OLD.district_code AND day = dash_day(OLD.last_at);
    END IF;
    IF NEW.counted THEN
      INSERT INTO dash_contact_days (district_code, day, n) VALUES (NEW.district_code, dash_day(NEW.last_at), 1)
        ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
END$$

CREATE TRIGGER dash_pairing_latest_delete AFTER DELETE ON dash_pairing_latest FOR EACH ROW
BEGIN
  IF OLD.kind = 'ANY_CONTACT' AND OLD.counted THEN
    UPDATE dash_contact_days SET n = n - 1 WHERE district_code = OLD.district_code AND day = dash_day(OLD.last_at);
  END IF;
END$$

DELIMITER ;

INSERT INTO dash_volunteer_active_days (district_code, day, n)
  SELECT district_code, dash_day(last_care_at), COUNT(*) FROM dash_volunteer_activity
   GROUP BY district_code, dash_day(last_care_at);
INSERT INTO dash_contact_days (district_code, day, n)
  SELECT district_code, dash_day(last_at), COUNT(*) FROM dash_pairing_latest WHERE kind = 'ANY_CONTACT' AND counted
   GROUP BY district_code, dash_day(last_at);
