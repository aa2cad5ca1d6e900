-- Third-party evaluators (第三方评估) hold a role for a period only: a grant may end by itself. NULL: until revoked.
ALTER TABLE `role_grants` ADD COLUMN `expires_at` datetime(3) DEFAULT NULL AFTER `granted_at`;

-- This year's survey may name last year's round of the same questionnaire; its results are then shown beside.
ALTER TABLE `surveys` ADD COLUMN `previous_id` bigint DEFAULT NULL AFTER `district_code`;
