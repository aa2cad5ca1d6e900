-- A child's assessment in a troupe: PRE (前测) or POST (后测) on a configured instrument, the item scores as
-- JSON and their mean. One per child, troupe, instrument and phase; a correction is a new version by update,
-- audited.
CREATE TABLE assessments (
  id           BIGINT         NOT NULL,
  troupe_id    BIGINT         NOT NULL,
  child_id     BIGINT         NOT NULL,
  phase        VARCHAR(8)     NOT NULL,
  instrument   VARCHAR(32)    NOT NULL,
  assessed_on  DATE           NOT NULL,
  scores_json  VARCHAR(1000)  NOT NULL,
  mean_score   DECIMAL(4,2)   NOT NULL,
  recorded_by  BIGINT         NOT NULL,
  recorded_at  DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_assessments (troupe_id, child_id, instrument, phase),
  KEY ix_assessments_child (child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
