-- Service hours of an in-person care visit (入户走访, 在校, 社区), asked for by the volunteer who wrote the record and
-- verified either by the child's guardian in WeChat (a one-time code the volunteer shows at the visit; the
-- guardian's bound phone must be one on the child's file) or by a supervisor of the pairing within 30 days.
-- Verified, they become service hours (business key visit:{care record id}). status: PENDING, CONFIRMED.
-- code_hash: an HMAC of the current one-time code (never the code), cleared when used.
CREATE TABLE `visit_hours` (
  `care_record_id` bigint NOT NULL,
  `pairing_id` bigint NOT NULL,
  `child_id` bigint NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `user_id` bigint NOT NULL,
  `district_code` char(6) NOT NULL,
  `street` varchar(64) DEFAULT NULL,
  `visited_at` datetime(3) NOT NULL,
  `minutes` int NOT NULL,
  `hours` decimal(5,1) NOT NULL,
  `status` varchar(16) NOT NULL,
  `code_hash` char(64) DEFAULT NULL,
  `code_expires_at` datetime(3) DEFAULT NULL,
  `confirmed_by` bigint DEFAULT NULL,
  `confirmed_how` varchar(16) DEFAULT NULL,
  `confirmed_at` datetime(3) DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`care_record_id`),
  UNIQUE KEY `uq_visit_hours_code` (`code_hash`),
  KEY `ix_visit_hours_scope` (`district_code`,`status`,`care_record_id`),
  KEY `ix_visit_hours_volunteer` (`volunteer_id`,`visited_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
