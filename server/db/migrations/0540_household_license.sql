-- The licence (resource family approval or facility licence) number of a home: with its address and city it tells
-- apart homes that share a name ("Johnson household" at four addresses) when a worker picks where a child goes.
-- Unknown for homes recorded before it was asked (null), never guessed.
ALTER TABLE household ADD COLUMN license_number text;
CREATE UNIQUE INDEX household_license_number_unique ON household (site_id, license_number) WHERE license_number IS NOT NULL;
