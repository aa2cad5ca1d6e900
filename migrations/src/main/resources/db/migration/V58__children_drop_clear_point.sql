-- V57 sealed every point into location_enc: the clear coordinates go.
ALTER TABLE children DROP COLUMN lat, DROP COLUMN lng;
