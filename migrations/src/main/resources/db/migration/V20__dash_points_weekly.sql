-- Points booked per district and Chongqing week (named by its Monday), kept by the ledger's writers through
-- PointsCounters: ISSUED (earned and granted, less claw-backs), REDEEMED (captured by merchants), EXPIRED
-- (posted to the expiry account by expiry or by a release of expired points). Counted from the existing
-- transactions once here; CounterRebuild recounts it the same way.
CREATE TABLE `dash_points_weekly` (
  `district_code` char(6) NOT NULL,
  `week` date NOT NULL,
  `kind` varchar(16) NOT NULL,
  `amount` bigint NOT NULL,
  PRIMARY KEY (`district_code`,`week`,`kind`),
  KEY `ix_dash_points_weekly_week` (`week`,`district_code`,`kind`,`amount`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `dash_points_weekly` (`district_code`, `week`, `kind`, `amount`)
  SELECT x.district_code, x.week, x.kind, SUM(x.n) FROM (
    SELECT t.district_code,
           DATE(CONVERT_TZ(t.created_at, '+00:00', '+08:00'))
             - INTERVAL WEEKDAY(CONVERT_TZ(t.created_at, '+00:00', '+08:00')) DAY AS week,
           CASE WHEN t.kind = 'CAPTURE' THEN 'REDEEMED' ELSE 'ISSUED' END AS kind,
           CASE WHEN t.kind = 'CLAWBACK' THEN -t.amount ELSE t.amount END AS n
      FROM points_transactions t
     WHERE t.kind IN ('EARN', 'GRANT', 'CLAWBACK', 'CAPTURE') AND t.district_code IS NOT NULL
    UNION ALL
    SELECT t.district_code,
           DATE(CONVERT_TZ(t.created_at, '+00:00', '+08:00'))
             - INTERVAL WEEKDAY(CONVERT_TZ(t.created_at, '+00:00', '+08:00')) DAY,
           'EXPIRED', e.amount
      FROM points_transactions t JOIN points_entries e ON e.transaction_id = t.id AND e.account_id = 2
     WHERE t.kind IN ('EXPIRE', 'RELEASE') AND t.district_code IS NOT NULL) x
   GROUP BY x.district_code, x.week, x.kind;
