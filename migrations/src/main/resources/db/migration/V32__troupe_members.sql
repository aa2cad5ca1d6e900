-- A troupe's roster. A child who leaves keeps her row with left_at (attendance history stays meaningful).
-- override_reason: why a child outside grades 2–4, or a 36th child, was admitted anyway.
CREATE TABLE troupe_members (
  troupe_id        BIGINT        NOT NULL,
  child_id         BIGINT        NOT NULL,
  joined_at        DATETIME(3)   NOT NULL,
  left_at          DATETIME(3)   NULL,
  override_reason  VARCHAR(200)  NULL,
  added_by         BIGINT        NOT NULL,
  PRIMARY KEY (troupe_id, child_id),
  KEY ix_troupe_members_child (child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
