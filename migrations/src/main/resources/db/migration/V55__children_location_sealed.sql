-- A child's exact home point is kept only encrypted (AES-GCM, like the address): location_enc. Matching reads
-- the clear geohash cut to precision 6 (~1.2 km x 0.6 km), the coarse cell it needs. V57 moves the points.
ALTER TABLE children ADD COLUMN location_enc VARCHAR(255) NULL;
