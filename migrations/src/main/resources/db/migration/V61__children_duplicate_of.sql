-- Set on a child registered with an ID number another district already holds: the city admin reconciles the two
-- (a transfer, or a mistake); nobody else sees it.
ALTER TABLE children ADD COLUMN duplicate_of BIGINT NULL;
