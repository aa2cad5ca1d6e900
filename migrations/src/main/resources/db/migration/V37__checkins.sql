-- Volunteers' check-in and check-out at sessions, once per volunteer and session. status: OPEN, CLOSED (checked out with a code: verified),
-- COACH_CLOSED or AUTO_CLOSED (unverified). hours: rounded service hours, capped at the session + 1 h.
CREATE TABLE checkins (
  id              BIGINT        NOT NULL,
  session_id      BIGINT        NOT NULL,
  volunteer_id    BIGINT        NOT NULL,
  user_id         BIGINT        NOT NULL,
  checked_in_at   DATETIME(3)   NOT NULL,
  checked_out_at  DATETIME(3)   NULL,
  status          VARCHAR(16)   NOT NULL,
  verified        BOOLEAN       NOT NULL,
  minutes         INT           NULL,
  hours           DECIMAL(5,1)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_checkins_session_volunteer (session_id, volunteer_id),
  KEY ix_checkins_session (session_id, status),
  KEY ix_checkins_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
