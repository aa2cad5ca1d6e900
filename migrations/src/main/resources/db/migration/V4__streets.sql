-- Townships and streets (乡镇/街道) inside a district; street supervisors are scoped to one of them.
CREATE TABLE streets (
  id            BIGINT      NOT NULL,
  district_code CHAR(6)     NOT NULL,
  name          VARCHAR(64) NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_streets_district_name (district_code, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
