-- A volunteer's view of the children waiting near her ranks them by cell and needs. With the care level, the
-- high-risk mark and the needs in the geohash index, it reads no child row: at a million children the rows of
-- her ~1 400 neighbours were as many random reads once they no longer fit the buffer pool.
ALTER TABLE `children`
  DROP INDEX `ix_children_geohash`,
  ADD INDEX `ix_children_geohash` (`district_code`, `status`, `geohash`, `care_level`, `high_risk_since`, `needs`);
