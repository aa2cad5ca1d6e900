-- Idempotency keys (Stripe's design): written in the same transaction as the effect, so a retried request
-- finds the key and answers with the same resource; the same key with a different body is refused. Only the
-- resource id is kept, never the response, which may hold decrypted personal data.
CREATE TABLE idempotency_keys (
  user_id       BIGINT        NOT NULL,
  scope         VARCHAR(32)   NOT NULL,
  idem_key      VARCHAR(64)   NOT NULL,
  request_hash  CHAR(64)      NOT NULL,
  resource_id   BIGINT        NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (user_id, scope, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
