-- "1+1+N" pairings (结对). A pairing is never deleted: ending it records when, who and why, and the history
-- stays. primary_child_id is the child's id while a ONE_TO_ONE or CASE_TEAM pairing is active and NULL
-- otherwise, so the unique key lets a child have only one active primary pairing, even under races.
-- district_code and street are the child's, so the scope filter reads pairings as it reads children.
CREATE TABLE pairings (
  id                BIGINT        NOT NULL,
  child_id          BIGINT        NOT NULL,
  volunteer_id      BIGINT        NULL,
  team_id           BIGINT        NULL,
  mode              VARCHAR(16)   NOT NULL,
  purpose           VARCHAR(16)   NOT NULL,
  district_code     CHAR(6)       NOT NULL,
  street            VARCHAR(64)   NULL,
  status            VARCHAR(16)   NOT NULL,
  primary_child_id  BIGINT        NULL,
  consent_id        BIGINT        NULL,
  note              VARCHAR(500)  NULL,
  started_at        DATETIME(3)   NOT NULL,
  started_by        BIGINT        NOT NULL,
  ended_at          DATETIME(3)   NULL,
  ended_by          BIGINT        NULL,
  end_reason        VARCHAR(32)   NULL,
  end_note          VARCHAR(500)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_pairings_primary_child (primary_child_id),
  KEY ix_pairings_volunteer (volunteer_id, status),
  KEY ix_pairings_child (child_id, status),
  KEY ix_pairings_team (team_id, status),
  KEY ix_pairings_district (district_code, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
