-- Reference data every installation starts with.

-- Chongqing's 41 districts, counties and functional zones (code, name, kind, display order).
INSERT INTO regions (code, name, kind, sort_order) VALUES
('500101', '万州区', 'DISTRICT', 1),
('500102', '涪陵区', 'DISTRICT', 2),
('500103', '渝中区', 'DISTRICT', 3),
('500104', '大渡口区', 'DISTRICT', 4),
('500105', '江北区', 'DISTRICT', 5),
('500106', '沙坪坝区', 'DISTRICT', 6),
('500107', '九龙坡区', 'DISTRICT', 7),
('500108', '南岸区', 'DISTRICT', 8),
('500109', '北碚区', 'DISTRICT', 9),
('500110', '綦江区', 'DISTRICT', 10),
('500111', '大足区', 'DISTRICT', 11),
('500112', '渝北区', 'DISTRICT', 12),
('500113', '巴南区', 'DISTRICT', 13),
('500114', '黔江区', 'DISTRICT', 14),
('500115', '长寿区', 'DISTRICT', 15),
('500116', '江津区', 'DISTRICT', 16),
('500117', '合川区', 'DISTRICT', 17),
('500118', '永川区', 'DISTRICT', 18),
('500119', '南川区', 'DISTRICT', 19),
('500120', '璧山区', 'DISTRICT', 20),
('500151', '铜梁区', 'DISTRICT', 21),
('500152', '潼南区', 'DISTRICT', 22),
('500153', '荣昌区', 'DISTRICT', 23),
('500154', '开州区', 'DISTRICT', 24),
('500155', '梁平区', 'DISTRICT', 25),
('500156', '武隆区', 'DISTRICT', 26),
('500229', '城口县', 'COUNTY', 27),
('500230', '丰都县', 'COUNTY', 28),
('500231', '垫江县', 'COUNTY', 29),
('500233', '忠县', 'COUNTY', 30),
('500235', '云阳县', 'COUNTY', 31),
('500236', '奉节县', 'COUNTY', 32),
('500237', '巫山县', 'COUNTY', 33),
('500238', '巫溪县', 'COUNTY', 34),
('500240', '石柱土家族自治县', 'COUNTY', 35),
('500241', '秀山土家族苗族自治县', 'COUNTY', 36),
('500242', '酉阳土家族苗族自治县', 'COUNTY', 37),
('500243', '彭水苗族土家族自治县', 'COUNTY', 38),
('500190', '两江新区', 'ZONE', 39),
('500191', '西部科学城重庆高新区', 'ZONE', 40),
('500192', '万盛经开区', 'ZONE', 41);

-- The program's own points accounts: issuance (may go negative), expiry, and the held-for-redemption account
-- in 16 shards (ids 3 and 4–18; a redemption uses shard id mod 16), so concurrent redemptions do not queue on
-- one row lock through each other's commits. Together the shards are one held account; reports sum them.
INSERT INTO points_accounts (id, kind, owner_id, balance, allow_negative, created_at) VALUES
  (1, 'ISSUANCE', 0, 0, TRUE, NOW(3)),
  (2, 'EXPIRY', 0, 0, FALSE, NOW(3)),
  (3, 'HELD', 0, 0, FALSE, NOW(3));
INSERT INTO points_accounts (id, kind, owner_id, balance, allow_negative, created_at) VALUES
  (4, 'HELD', 1, 0, FALSE, NOW(3)), (5, 'HELD', 2, 0, FALSE, NOW(3)), (6, 'HELD', 3, 0, FALSE, NOW(3)),
  (7, 'HELD', 4, 0, FALSE, NOW(3)), (8, 'HELD', 5, 0, FALSE, NOW(3)), (9, 'HELD', 6, 0, FALSE, NOW(3)),
  (10, 'HELD', 7, 0, FALSE, NOW(3)), (11, 'HELD', 8, 0, FALSE, NOW(3)), (12, 'HELD', 9, 0, FALSE, NOW(3)),
  (13, 'HELD', 10, 0, FALSE, NOW(3)), (14, 'HELD', 11, 0, FALSE, NOW(3)), (15, 'HELD', 12, 0, FALSE, NOW(3)),
  (16, 'HELD', 13, 0, FALSE, NOW(3)), (17, 'HELD', 14, 0, FALSE, NOW(3)), (18, 'HELD', 15, 0, FALSE, NOW(3));
