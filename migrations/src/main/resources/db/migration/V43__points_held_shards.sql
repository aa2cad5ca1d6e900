-- The held-for-redemption account in 16 shards (ids 3 and 4–18; a redemption uses shard id mod 16), so
-- concurrent redemptions do not queue on one row lock through each other's commits. Together they are the
-- program's one held account; the invariant check and reports sum them.
INSERT INTO points_accounts (id, kind, owner_id, balance, allow_negative, created_at) VALUES
  (4, 'HELD', 1, 0, FALSE, NOW(3)), (5, 'HELD', 2, 0, FALSE, NOW(3)), (6, 'HELD', 3, 0, FALSE, NOW(3)),
  (7, 'HELD', 4, 0, FALSE, NOW(3)), (8, 'HELD', 5, 0, FALSE, NOW(3)), (9, 'HELD', 6, 0, FALSE, NOW(3)),
  (10, 'HELD', 7, 0, FALSE, NOW(3)), (11, 'HELD', 8, 0, FALSE, NOW(3)), (12, 'HELD', 9, 0, FALSE, NOW(3)),
  (13, 'HELD', 10, 0, FALSE, NOW(3)), (14, 'HELD', 11, 0, FALSE, NOW(3)), (15, 'HELD', 12, 0, FALSE, NOW(3)),
  (16, 'HELD', 13, 0, FALSE, NOW(3)), (17, 'HELD', 14, 0, FALSE, NOW(3)), (18, 'HELD', 15, 0, FALSE, NOW(3));
