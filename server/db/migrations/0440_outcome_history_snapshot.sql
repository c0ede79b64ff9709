-- A columnar snapshot of each area's outcome histories: the typed-array
-- columns the measures engine reads (server/modules/outcomes/snapshot/format.ts),
-- one blob per area, so a national computation reads one sequential stream
-- instead of millions of rows and decodes nothing row by row.
--
-- Every writer of the history tables (an import, a platform refresh) rewrites
-- the snapshots of the areas it touched in the same transaction as the rows,
-- and stamps both the area and the snapshot with the data version it commits
-- (outcome_data_version). A reader uses a snapshot only when its version is
-- the area's and its SHA-256 matches its bytes; otherwise it reads the rows
-- and rebuilds the snapshot.
ALTER TABLE outcome_area ADD COLUMN history_version bigint NOT NULL DEFAULT 0;

CREATE TABLE outcome_history_snapshot (
  area_id          integer PRIMARY KEY,
  -- outcome_area.history_version when written: an older one is stale.
  history_version  bigint NOT NULL,
  -- The layout's version (format.ts); another one is rebuilt.
  format           smallint NOT NULL,
  children         integer NOT NULL,
  episodes         integer NOT NULL,
  placements       integer NOT NULL,
  reports          integer NOT NULL,
  homes            integer NOT NULL,
  -- SHA-256 of body, checked by the reader before any byte is used.
  sha256           bytea NOT NULL CHECK (length(sha256) = 32),
  body             bytea NOT NULL,
  written_at       timestamptz NOT NULL DEFAULT now()
);
-- The columns are incompressible typed arrays: stored out of line without
-- compression, so reading one is a copy, not a decompression.
ALTER TABLE outcome_history_snapshot ALTER COLUMN body SET STORAGE EXTERNAL;
