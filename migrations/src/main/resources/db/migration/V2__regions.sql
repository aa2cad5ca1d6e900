-- Chongqing's 41 districts and counties (区县); codes are the national administrative division codes.
CREATE TABLE regions (
  code       CHAR(6)     NOT NULL,
  name       VARCHAR(32) NOT NULL,
  kind       VARCHAR(16) NOT NULL,
  sort_order INT         NOT NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
