-- Scan-to-login (扫码登录) for the web dashboard. The page asks for a ticket and shows it as a 小程序码; an admin
-- scans it in the mini-program and confirms; the page, polling with its secret, receives a session of purpose
-- DASHBOARD (read-only: the dashboard, /me and logout) once. Ticket and secret are stored as SHA-256 only.
-- status: PENDING → CONFIRMED (by an admin) → USED (token handed to the page); expired tickets stay PENDING.
CREATE TABLE web_tickets (
  id             BIGINT       NOT NULL,
  ticket_hash    BINARY(32)   NOT NULL,
  secret_hash    BINARY(32)   NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  client_ip      VARCHAR(45)  NOT NULL,
  created_at     DATETIME(3)  NOT NULL,
  expires_at     DATETIME(3)  NOT NULL,
  confirmed_by   BIGINT       NULL,
  confirmed_at   DATETIME(3)  NULL,
  session_id     BIGINT       NULL,
  used_at        DATETIME(3)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_web_tickets_ticket (ticket_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- APP: a mini-program login; DASHBOARD: a web dashboard session made by a confirmed ticket.
ALTER TABLE login_sessions ADD COLUMN purpose VARCHAR(16) NOT NULL DEFAULT 'APP';
