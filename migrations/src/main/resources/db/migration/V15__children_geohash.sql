-- Children needing a pairing are found near a volunteer by geohash prefix, as volunteers are near a child.
ALTER TABLE children ADD COLUMN geohash CHAR(8) NULL, ADD KEY ix_children_geohash (geohash, status);
