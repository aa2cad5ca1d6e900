-- 爱心妈妈团队 / 工作室: named groups of volunteers in a district, for group care (多对多).
CREATE TABLE volunteer_teams (
  id            BIGINT       NOT NULL,
  district_code CHAR(6)      NOT NULL,
  street        VARCHAR(64)  NULL,
  name          VARCHAR(40)  NOT NULL,
  description   VARCHAR(300) NULL,
  created_by    BIGINT       NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_volunteer_teams_name (district_code, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
