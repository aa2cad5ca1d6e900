-- Children waiting for a pairing, by district and consent, kept from dash_child_state by its own triggers: the
-- city dashboard counted 40 000 index entries for it on every request. "Waiting more than 14 days" is then the
-- waiting children less the few who started waiting recently (a range on waiting_since).
CREATE TABLE dash_unpaired_counts (
  district_code  CHAR(6)   NOT NULL,
  consented      BOOLEAN   NOT NULL,
  n              INT       NOT NULL,
  PRIMARY KEY (district_code, consented)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_dash_child_waiting ON dash_child_state (needing, paired, waiting_since, district_code);

DELIMITER $$

CREATE TRIGGER dash_child_state_insert AFTER INSERT ON dash_child_state FOR EACH ROW
BEGIN
  IF NEW.needing AND NOT NEW.paired THEN
    INSERT INTO dash_unpaired_counts (district_code, consented, n) VALUES (NEW.district_code, NEW.consented, 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END$$

CREATE TRIGGER dash_child_state_update AFTER UPDATE ON dash_child_state FOR EACH ROW
BEGIN
  IF NOT (OLD.needing <=> NEW.needing AND OLD.paired <=> NEW.paired AND OLD.district_code <=> NEW.district_code
          AND OLD.consented <=> NEW.consented) THEN
    IF OLD.needing AND NOT OLD.paired THEN
      UPDATE dash_unpaired_counts SET n = n - 1 WHERE district_code = OLD.district_code AND consented = OLD.consented;
    END IF;
    IF NEW.needing AND NOT NEW.paired THEN
      INSERT INTO dash_unpaired_counts (district_code, consented, n) VALUES (NEW.district_code, NEW.consented, 1)
        ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
END$$

DELIMITER ;

INSERT INTO dash_unpaired_counts (district_code, consented, n)
  SELECT district_code, consented, COUNT(*) FROM dash_child_state WHERE needing AND NOT paired
   GROUP BY district_code, consented;
