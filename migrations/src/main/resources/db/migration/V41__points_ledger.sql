-- Points (积分) as an append-only double-entry ledger. Every transaction has a unique business key (the event it
-- books, e.g. checkin:{id}, redeem:{id}:hold) and entries summing to zero; mistakes are fixed by reversing
-- transactions, never by changing entries. balance is a cache of the account's entries, updated in the same
-- database transaction with a guarded statement, so it never goes below zero unless allow_negative (the
-- program's issuance account, whose balance is minus everything it ever issued).
-- Accounts: ISSUANCE, EXPIRY and HELD (held for redemption) are the program's, with fixed ids 1–3;
-- VOLUNTEER (spendable) and PENDING (earned, not yet spendable) belong to a user; MERCHANT to a merchant.
CREATE TABLE points_accounts (
  id              BIGINT        NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  owner_id        BIGINT        NOT NULL,
  balance         BIGINT        NOT NULL DEFAULT 0,
  allow_negative  BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_points_accounts_owner (kind, owner_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO points_accounts (id, kind, owner_id, balance, allow_negative, created_at) VALUES
  (1, 'ISSUANCE', 0, 0, TRUE, NOW(3)),
  (2, 'EXPIRY', 0, 0, FALSE, NOW(3)),
  (3, 'HELD', 0, 0, FALSE, NOW(3));

-- kind: EARN, MATURE, GRANT, CLAWBACK, HOLD, CAPTURE, RELEASE, EXPIRE. user_id: the volunteer it concerns;
-- earn_day: the Chongqing day an earning counts against the daily cap; amount: points moved (0 when capped).
CREATE TABLE points_transactions (
  id              BIGINT        NOT NULL,
  business_key    VARCHAR(96)   NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  user_id         BIGINT        NULL,
  redemption_id   BIGINT        NULL,
  earn_day        DATE          NULL,
  amount          BIGINT        NOT NULL,
  memo            VARCHAR(200)  NOT NULL,
  created_by      BIGINT        NULL,
  created_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_points_transactions_key (business_key),
  KEY ix_points_transactions_user_day (user_id, earn_day, kind),
  KEY ix_points_transactions_redemption (redemption_id),
  KEY ix_points_transactions_kind_time (kind, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE points_entries (
  id              BIGINT        NOT NULL,
  transaction_id  BIGINT        NOT NULL,
  account_id      BIGINT        NOT NULL,
  amount          BIGINT        NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_points_entries_account (account_id, id),
  KEY ix_points_entries_transaction (transaction_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Earning lots: what each earning left unspent, so spending takes the points that expire first and expiry knows
-- what to take. Matured lots (available_at passed) sum to the VOLUNTEER balance, the others to PENDING.
CREATE TABLE points_lots (
  id              BIGINT        NOT NULL,
  user_id         BIGINT        NOT NULL,
  transaction_id  BIGINT        NOT NULL,
  amount          BIGINT        NOT NULL,
  remaining       BIGINT        NOT NULL,
  matured         BOOLEAN       NOT NULL,
  available_at    DATETIME(3)   NOT NULL,
  expires_at      DATETIME(3)   NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_points_lots_user (user_id, expires_at),
  KEY ix_points_lots_expiry (expires_at, user_id),
  KEY ix_points_lots_maturity (matured, available_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which lots a spending transaction took from, so a released hold gives back exactly those points.
CREATE TABLE points_lot_uses (
  transaction_id  BIGINT        NOT NULL,
  lot_id          BIGINT        NOT NULL,
  amount          BIGINT        NOT NULL,
  PRIMARY KEY (transaction_id, lot_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where the earning job has read each source up to (created_at); it re-reads a few minutes back each run, since
-- business keys make re-reading harmless and rows may commit out of order.
CREATE TABLE points_cursors (
  source          VARCHAR(32)   NOT NULL,
  read_until      DATETIME(3)   NOT NULL,
  PRIMARY KEY (source)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Admin grants and claw-backs with their reason; above the threshold a second admin approves before it is booked.
-- district_code is the volunteer's, for the scope filter (street always NULL: adjustments are district business).
CREATE TABLE points_adjustments (
  id              BIGINT        NOT NULL,
  user_id         BIGINT        NOT NULL,
  district_code   CHAR(6)       NOT NULL,
  street          VARCHAR(64)   NULL,
  amount          BIGINT        NOT NULL,
  reason          VARCHAR(200)  NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  requested_by    BIGINT        NOT NULL,
  requested_at    DATETIME(3)   NOT NULL,
  decided_by      BIGINT        NULL,
  decided_at      DATETIME(3)   NULL,
  decision_note   VARCHAR(200)  NULL,
  transaction_id  BIGINT        NULL,
  PRIMARY KEY (id),
  KEY ix_points_adjustments_status (status, district_code, requested_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
