-- A child's guardians (监护人); phones encrypted with a blind index.
CREATE TABLE child_guardians (
  id          BIGINT       NOT NULL,
  child_id    BIGINT       NOT NULL,
  name        VARCHAR(32)  NOT NULL,
  relation    VARCHAR(16)  NOT NULL,
  phone_enc   VARCHAR(255) NOT NULL,
  phone_index CHAR(64)     NOT NULL,
  sort_order  INT          NOT NULL,
  PRIMARY KEY (id),
  KEY ix_child_guardians_child (child_id, sort_order)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
