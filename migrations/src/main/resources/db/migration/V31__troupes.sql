-- 欢唱团 / 欢跑团: the district's application (申报表) and, once the city approved it, the troupe itself.
-- street is always NULL (troupes belong to a district) but present so the scope filter reads troupes like
-- every other scoped table. plan_override_reason: why a second troupe of a kind was filed in one district.
CREATE TABLE troupes (
  id                      BIGINT         NOT NULL,
  kind                    VARCHAR(8)     NOT NULL,
  name                    VARCHAR(64)    NOT NULL,
  district_code           CHAR(6)        NOT NULL,
  street                  VARCHAR(64)    NULL,
  host_unit               VARCHAR(100)   NOT NULL,
  host_kind               VARCHAR(16)    NOT NULL,
  address                 VARCHAR(200)   NOT NULL,
  leader_name             VARCHAR(32)    NOT NULL,
  leader_contact          VARCHAR(32)    NOT NULL,
  project_leader_name     VARCHAR(32)    NOT NULL,
  project_leader_contact  VARCHAR(32)    NOT NULL,
  feature                 VARCHAR(100)   NOT NULL,
  introduction            VARCHAR(300)   NOT NULL,
  recommendation          VARCHAR(300)   NOT NULL,
  plan_override_reason    VARCHAR(200)   NULL,
  status                  VARCHAR(16)    NOT NULL,
  decision_reason         VARCHAR(300)   NULL,
  submitted_by            BIGINT         NOT NULL,
  submitted_at            DATETIME(3)    NOT NULL,
  decided_by              BIGINT         NULL,
  decided_at              DATETIME(3)    NULL,
  updated_at              DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  KEY ix_troupes_district (district_code, kind, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
