-- Children waiting for a pairing are found near a volunteer by geohash prefix within her district, as
-- volunteers are found near a child.
ALTER TABLE children ADD COLUMN geohash CHAR(8) NULL, ADD KEY ix_children_geohash (district_code, status, geohash);
