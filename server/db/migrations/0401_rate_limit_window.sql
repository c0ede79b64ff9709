-- Request limits shared by every app instance: hits per bucket (an account, or a client address for anonymous
-- requests; per route where a route sets its own limit) in fixed windows. Instances count locally and add their
-- hits here in batches (server/platform/http/rate-limit-store.ts). UNLOGGED: counters are worth no WAL — after a
-- crash of the database the table is empty and every bucket starts a fresh window, which only forgives.
CREATE UNLOGGED TABLE rate_limit_window (
  bucket        text NOT NULL,
  window_start  timestamptz NOT NULL,
  window_end    timestamptz NOT NULL,
  hits          integer NOT NULL CHECK (hits >= 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limit_window_end_idx ON rate_limit_window(window_end);
