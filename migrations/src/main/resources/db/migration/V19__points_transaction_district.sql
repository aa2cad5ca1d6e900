-- The district a points transaction was booked in: the volunteer's district at the time (written by the ledger
-- in the same INSERT). The dashboard counts points issued, redeemed and expired by it, week by week
-- (dash_points_weekly), instead of joining every transaction of the window to the volunteers on each request.
-- Existing transactions take their volunteer's district now.
ALTER TABLE `points_transactions` ADD COLUMN `district_code` char(6) DEFAULT NULL;
UPDATE `points_transactions` t JOIN `volunteers` v ON v.`user_id` = t.`user_id` SET t.`district_code` = v.`district_code`;
