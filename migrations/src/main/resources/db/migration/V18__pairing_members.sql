-- The members of a CASE_TEAM (多对一 专班) besides its lead volunteer, each with the role she plays. A member who
-- leaves (or exits the program) keeps her row with removed_at, so the team's history stays.
CREATE TABLE pairing_members (
  pairing_id    BIGINT       NOT NULL,
  volunteer_id  BIGINT       NOT NULL,
  role          VARCHAR(24)  NOT NULL,
  added_at      DATETIME(3)  NOT NULL,
  removed_at    DATETIME(3)  NULL,
  PRIMARY KEY (pairing_id, volunteer_id),
  KEY ix_pairing_members_volunteer (volunteer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
