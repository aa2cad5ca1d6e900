-- Matching searches a district's admitted volunteers by geohash prefix (neighbouring cells read as ranges of a
-- B-tree index, no spatial SQL), then refines by distance. Precision 8 (~38 m) is stored; searches use shorter
-- prefixes. District and status lead the key, so a search reads only its district's rows.
ALTER TABLE volunteers ADD COLUMN geohash CHAR(8) NULL, ADD KEY ix_volunteers_geohash (district_code, status, geohash);
