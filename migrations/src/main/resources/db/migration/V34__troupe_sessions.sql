-- Sessions (活动): training, performances, races, public service, camps. ends_at = starts_at + class hours.
CREATE TABLE troupe_sessions (
  id             BIGINT        NOT NULL,
  troupe_id      BIGINT        NOT NULL,
  district_code  CHAR(6)       NOT NULL,
  street         VARCHAR(64)   NULL,
  kind           VARCHAR(16)   NOT NULL,
  title          VARCHAR(64)   NOT NULL,
  starts_at      DATETIME(3)   NOT NULL,
  ends_at        DATETIME(3)   NOT NULL,
  class_hours    INT           NOT NULL,
  place          VARCHAR(100)  NOT NULL,
  series_id      BIGINT        NULL,
  status         VARCHAR(16)   NOT NULL,
  cancel_reason  VARCHAR(200)  NULL,
  created_by     BIGINT        NOT NULL,
  created_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_troupe_sessions_troupe (troupe_id, starts_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
