-- Partner merchants (礼遇商家). street is always NULL (merchants belong to a district) but present so the scope
-- filter reads merchants like other scoped tables. The contact phone is encrypted (FieldCipher).
CREATE TABLE merchants (
  id                 BIGINT         NOT NULL,
  name               VARCHAR(64)    NOT NULL,
  category           VARCHAR(16)    NOT NULL,
  district_code      CHAR(6)        NOT NULL,
  street             VARCHAR(64)    NULL,
  address            VARCHAR(200)   NOT NULL,
  latitude           DECIMAL(9,6)   NULL,
  longitude          DECIMAL(9,6)   NULL,
  geohash            CHAR(8)        NULL,
  contact_name       VARCHAR(32)    NOT NULL,
  contact_phone_enc  VARCHAR(255)   NOT NULL,
  status             VARCHAR(16)    NOT NULL,
  created_by         BIGINT         NOT NULL,
  created_at         DATETIME(3)    NOT NULL,
  updated_at         DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  KEY ix_merchants_district (district_code, status),
  KEY ix_merchants_geohash (status, geohash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One-time staff invitations (小程序码 scene = id + HMAC tag).
CREATE TABLE merchant_invites (
  id           BIGINT       NOT NULL,
  merchant_id  BIGINT       NOT NULL,
  expires_at   DATETIME(3)  NOT NULL,
  created_by   BIGINT       NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  used_by      BIGINT       NULL,
  used_at      DATETIME(3)  NULL,
  PRIMARY KEY (id),
  KEY ix_merchant_invites_merchant (merchant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Offers. stock_left is taken with a guarded UPDATE (stock_left > 0), so it never goes below zero.
-- limit_period: DAY, WEEK, MONTH (Chongqing time) or OFFER (over the offer's whole life); per_volunteer_limit NULL = none.
CREATE TABLE offers (
  id                   BIGINT         NOT NULL,
  merchant_id          BIGINT         NOT NULL,
  title                VARCHAR(64)    NOT NULL,
  description          VARCHAR(500)   NOT NULL,
  points_cost          INT            NOT NULL,
  stock_total          INT            NOT NULL,
  stock_left           INT            NOT NULL,
  per_volunteer_limit  INT            NULL,
  limit_period         VARCHAR(8)     NOT NULL,
  valid_from           DATETIME(3)    NOT NULL,
  valid_to             DATETIME(3)    NOT NULL,
  min_stars            TINYINT        NOT NULL,
  status               VARCHAR(16)    NOT NULL,
  created_by           BIGINT         NOT NULL,
  created_at           DATETIME(3)    NOT NULL,
  updated_at           DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  KEY ix_offers_merchant (merchant_id, status),
  KEY ix_offers_status (status, valid_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Redemptions (核销). status: HELD (code live), USED, CANCELLED, EXPIRED. active_code is the 8-digit code while
-- HELD and NULL after, so codes are unique among live redemptions only; code keeps it for the record.
CREATE TABLE redemptions (
  id            BIGINT        NOT NULL,
  offer_id      BIGINT        NOT NULL,
  merchant_id   BIGINT        NOT NULL,
  user_id       BIGINT        NOT NULL,
  points        INT           NOT NULL,
  code          CHAR(8)       NOT NULL,
  active_code   CHAR(8)       NULL,
  status        VARCHAR(16)   NOT NULL,
  expires_at    DATETIME(3)   NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  used_at       DATETIME(3)   NULL,
  used_by       BIGINT        NULL,
  released_at   DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_redemptions_active_code (active_code),
  KEY ix_redemptions_user_offer (user_id, offer_id, created_at),
  KEY ix_redemptions_merchant_used (merchant_id, used_at),
  KEY ix_redemptions_status (status, expires_at),
  KEY ix_redemptions_code (code, merchant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
