-- The child ledger (台账). ID number and address are encrypted; the ID number has a blind index that makes
-- it unique across the city's ledger. Age and grade are derived (birth date, school entry year).
CREATE TABLE children (
  id                BIGINT        NOT NULL,
  district_code     CHAR(6)       NOT NULL,
  street            VARCHAR(64)   NULL,
  name              VARCHAR(32)   NOT NULL,
  gender            VARCHAR(8)    NOT NULL,
  birth_date        DATE          NOT NULL,
  id_number_enc     VARCHAR(255)  NOT NULL,
  id_number_index   CHAR(64)      NOT NULL,
  category          VARCHAR(32)   NOT NULL,
  needs             VARCHAR(255)  NOT NULL,
  care_level        VARCHAR(16)   NOT NULL,
  risk_flags        VARCHAR(255)  NOT NULL,
  school            VARCHAR(64)   NULL,
  school_entry_year INT           NULL,
  address_enc       VARCHAR(700)  NULL,
  lat               DECIMAL(9,6)  NULL,
  lng               DECIMAL(9,6)  NULL,
  status            VARCHAR(16)   NOT NULL,
  created_at        DATETIME(3)   NOT NULL,
  updated_at        DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_children_id_number (id_number_index),
  KEY ix_children_district_status (district_code, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
