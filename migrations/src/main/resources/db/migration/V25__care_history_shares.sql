-- An admin let the volunteers of a new pairing read the records (with private follow-up notes) of an earlier
-- pairing of the same child. Without a row here a new volunteer sees nothing of her predecessor's records.
CREATE TABLE care_history_shares (
  pairing_id       BIGINT       NOT NULL,
  from_pairing_id  BIGINT       NOT NULL,
  shared_by        BIGINT       NOT NULL,
  shared_at        DATETIME(3)  NOT NULL,
  PRIMARY KEY (pairing_id, from_pairing_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
