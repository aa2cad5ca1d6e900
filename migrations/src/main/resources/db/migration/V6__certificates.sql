-- Service certificates (志愿服务记录证明) as issued: a snapshot of the volunteer's verified hours on the day, under a
-- random number anyone may check (the public check answers only the masked name, the hours and the dates).
CREATE TABLE `certificates` (
  `number` char(16) NOT NULL,
  `volunteer_id` bigint NOT NULL,
  `name_masked` varchar(32) NOT NULL,
  `district_code` char(6) NOT NULL,
  `hours` decimal(9,1) NOT NULL,
  `served_from` date DEFAULT NULL,
  `served_to` date DEFAULT NULL,
  `issued_on` date NOT NULL,
  `created_at` datetime(3) NOT NULL,
  PRIMARY KEY (`number`),
  KEY `ix_certificates_volunteer` (`volunteer_id`,`issued_on`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
