-- V57 sealed every point into location_enc: the clear coordinates go.
ALTER TABLE volunteers DROP COLUMN lat, DROP COLUMN lng;
