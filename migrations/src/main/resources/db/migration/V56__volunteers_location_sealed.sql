-- A volunteer's home point, encrypted like a child's (see V55); V57 moves the points.
ALTER TABLE volunteers ADD COLUMN location_enc VARCHAR(255) NULL;
