-- The outcome histories' data version: one row, bumped in the same transaction
-- as every write to the history tables (an import, a resubmission inside it, a
-- platform projection refresh). Computed outcomes are cached per version, so a
-- commit on any instance invalidates every instance's cache.
CREATE TABLE outcome_data_version (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO outcome_data_version (id, version) VALUES (1, 0);
