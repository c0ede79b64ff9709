-- The audit log, partitioned by month (README "Operations: audit retention and archiving").
--
-- audit_event becomes a table partitioned by range on occurred_at, one
-- partition per calendar month (UTC) named audit_event_yYYYYmMM, and a default
-- partition that catches any row whose month has no partition yet, so an
-- insert never fails. The `audit_partitions` job creates the coming months'
-- partitions ahead of time; `qpi audit archive` exports a sealed month to
-- files and drops its partition, leaving one anchor row in audit_archive so
-- the chain still verifies across the gap.
--
-- Unique constraints of a partitioned table must hold the partition key:
--   * id (insertion order, from audit_event_id_seq) is unique by construction;
--     the primary key is (id, occurred_at);
--   * seq is not unique by an index any more (an index on seq alone cannot be
--     unique across partitions); the chain guarantees it: the head moves only
--     over k rows holding exactly the k seqs after it (migration 0390's head
--     trigger counts them), and `qpi audit verify` requires seq to run without
--     a gap or a repeat.
-- Sealing order stays insertion order (id), not occurred_at: a row written at
-- the end of one month may be sealed among the next month's rows, so a month
-- holds one or a few runs of consecutive seqs; the anchor keeps every run.
-- Every row trigger of migrations 0004, 0370 and 0390 is recreated on the
-- partitioned table, which clones it onto every partition, present and future.
-- TRUNCATE is refused on audit_event itself; a partition is a table of its own that its owner can truncate, detach
-- or drop, as the owner can disable triggers (README "What the audit chain guarantees": the anchors catch it).

ALTER SEQUENCE audit_event_id_seq OWNED BY NONE;
ALTER TABLE audit_event RENAME TO audit_event_unpartitioned;

CREATE TABLE audit_event (
  seq            bigint,
  occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id  uuid,
  site_id        uuid,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text,
  field_classes  text[] NOT NULL DEFAULT '{}',
  purpose        text,
  outcome        text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  ip             text,
  request_id     text,
  prev_hash      text,
  hash           text,
  id             bigint NOT NULL DEFAULT nextval('audit_event_id_seq'),
  row_hash       text,
  entity_ids     uuid[],
  CONSTRAINT audit_event_sealed_or_not CHECK (
    (seq IS NULL AND prev_hash IS NULL AND hash IS NULL AND row_hash IS NOT NULL)
    OR (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL)
  )
) PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE audit_event_id_seq OWNED BY audit_event.id;

-- The partition of the month that holds `t` (UTC), created when missing. Returns its name.
CREATE FUNCTION audit_event_month_partition(t timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamptz := date_trunc('month', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  name text := 'audit_event_y' || to_char(t AT TIME ZONE 'UTC', 'YYYY"m"MM');
BEGIN
  IF to_regclass(name) IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)',
      name, month_start, month_start + interval '1 month');
  END IF;
  RETURN name;
END $$;

-- A partition for every month that holds rows, this month and the next three; the rest go to the default.
SELECT audit_event_month_partition(m)
FROM (
  SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m
  FROM audit_event_unpartitioned
  UNION
  SELECT now() + make_interval(months => k) FROM generate_series(0, 3) AS k
) months ORDER BY m;
CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;

-- The rows move over as they are (sealed ones with their seq and hashes): no trigger is on the new table yet.
INSERT INTO audit_event SELECT * FROM audit_event_unpartitioned ORDER BY id;

-- The functions of the row type, recreated for the new table (same bytes as canonicalAuditRow).
DROP FUNCTION audit_row_hash(text, audit_event_unpartitioned);
DROP FUNCTION audit_content_hash(audit_event_unpartitioned);
DROP FUNCTION audit_canonical(audit_event_unpartitioned);
DROP TABLE audit_event_unpartitioned;

CREATE FUNCTION audit_canonical(r audit_event) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '[' ||
    to_json(to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text || ',' ||
    coalesce(to_json(r.actor_user_id)::text, 'null') || ',' ||
    coalesce(to_json(r.site_id)::text, 'null') || ',' ||
    to_json(r.action)::text || ',' ||
    to_json(r.entity_type)::text || ',' ||
    coalesce(to_json(r.entity_id)::text, 'null') || ',' ||
    array_to_json(r.field_classes)::text || ',' ||
    coalesce(to_json(r.purpose)::text, 'null') || ',' ||
    to_json(r.outcome)::text || ',' ||
    coalesce(to_json(r.ip)::text, 'null') || ',' ||
    coalesce(to_json(r.request_id)::text, 'null') ||
    CASE WHEN r.entity_ids IS NULL THEN '' ELSE ',' || array_to_json(r.entity_ids)::text END || ']'
$$;
CREATE FUNCTION audit_content_hash(r audit_event) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(audit_canonical(r), 'UTF8')), 'hex')
$$;
CREATE FUNCTION audit_row_hash(prev text, r audit_event) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev || E'\n' || audit_canonical(r), 'UTF8')), 'hex')
$$;

ALTER TABLE audit_event ADD PRIMARY KEY (id, occurred_at);
CREATE INDEX audit_event_seq_idx ON audit_event (seq);
CREATE INDEX audit_event_unsealed_idx ON audit_event (id) WHERE seq IS NULL;
CREATE INDEX audit_event_entity_ids_idx ON audit_event USING gin (entity_ids);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, occurred_at);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, occurred_at);

-- The guards, as before, on every partition.
CREATE TRIGGER audit_event_append_unsealed BEFORE INSERT ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_appends_unsealed();
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_seal BEFORE UPDATE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_seals_only();
CREATE CONSTRAINT TRIGGER audit_event_head_moved AFTER UPDATE ON audit_event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_head_covers();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- One anchor per archived month: what the chain needs to verify across the rows that left the database, and the
-- fingerprint of the file they went to. `runs` lists the month's runs of consecutive seqs, each
-- {"first_seq", "prev_hash" (the hash before its first row), "last_seq", "last_hash", "rows"}.
CREATE TABLE audit_archive (
  month          date PRIMARY KEY CHECK (month = date_trunc('month', month)),
  rows           bigint NOT NULL CHECK (rows >= 0),
  first_seq      bigint,
  last_seq       bigint,
  first_prev_hash text,
  last_hash      text,
  runs           jsonb NOT NULL,
  file_name      text NOT NULL,
  file_sha256    text NOT NULL,
  archived_at    timestamptz NOT NULL DEFAULT now()
);
-- Anchors are written once, never changed or removed.
CREATE TRIGGER audit_archive_append_only BEFORE UPDATE OR DELETE ON audit_archive
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_archive_no_truncate BEFORE TRUNCATE ON audit_archive
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- How long audit rows stay in the database before a month may be archived, per site (site_id null: every site
-- without its own rule), with the date it applies from and its source. A month is archived only when it is older
-- than the longest retention in effect for any site (a month's partition holds every site's rows).
CREATE TABLE audit_retention_rule (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id         uuid REFERENCES site(id),
  months          integer NOT NULL CHECK (months >= 1),
  effective_from  date NOT NULL,
  source          text NOT NULL CHECK (length(trim(source)) > 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (site_id, effective_from)
);
INSERT INTO audit_retention_rule (site_id, months, effective_from, source) VALUES
  (NULL, 72, DATE '2000-01-01',
   'HIPAA 45 CFR 164.316(b)(2)(i): required documentation is retained six years from its creation or last effective '
   'date; applied to the access log by analogy until a jurisdiction records its own schedule (for example Florida '
   'DCF, Guidelines for the Retention and Release of Children''s Records)');
