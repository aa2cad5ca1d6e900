-- Team membership; a volunteer may belong to several teams, once each.
CREATE TABLE volunteer_team_members (
  team_id      BIGINT      NOT NULL,
  volunteer_id BIGINT      NOT NULL,
  role         VARCHAR(16) NOT NULL,
  joined_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (team_id, volunteer_id),
  KEY ix_volunteer_team_members_volunteer (volunteer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
