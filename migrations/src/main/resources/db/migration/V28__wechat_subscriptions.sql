-- How many subscribe messages of each template a user still allows: every one-time grant the mini-program
-- reports adds one, every message sent takes one (guarded so it never goes below zero).
CREATE TABLE wechat_subscriptions (
  user_id     BIGINT       NOT NULL,
  template    VARCHAR(32)  NOT NULL,
  remaining   INT          NOT NULL,
  updated_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (user_id, template)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
