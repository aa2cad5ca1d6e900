-- Each rotating check-in code works once per volunteer: a second use of the same code is a replay.
CREATE TABLE checkin_code_uses (
  nonce    CHAR(16)     NOT NULL,
  user_id  BIGINT       NOT NULL,
  used_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (nonce, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
