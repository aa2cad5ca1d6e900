-- Matching searches volunteers by geohash prefix (neighbouring cells on a B-tree, no spatial SQL), then
-- refines by distance. Precision 8 (~38 m) is stored; searches use shorter prefixes.
ALTER TABLE volunteers ADD COLUMN geohash CHAR(8) NULL, ADD KEY ix_volunteers_geohash (geohash, status);
