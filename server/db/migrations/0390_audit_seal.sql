-- Audit rows are appended without the chain's lock; a single sealer chains them.
--
-- Until now every append took one advisory lock, read the head, chained its
-- hash and moved the head, so every audited request of every app instance
-- queued on one lock. From here on (see README "What the audit chain guarantees"):
--
--   * a request inserts its row unsealed, in its own transaction: no seq, no
--     prev_hash, no hash, but row_hash, the SHA-256 of the row's canonical form,
--     checked here against the content at insert;
--   * the sealer (server/platform/audit/sealer.ts, one instance at a time) gives
--     committed unsealed rows, in insertion order, the next gapless seqs, their
--     prev_hash and chain hash, and moves the head over the whole batch;
--   * nothing else may change a row: sealing is the one permitted transition
--     (seq, prev_hash and hash from NULL to the chain's values, content and
--     row_hash unchanged, row_hash still matching the content); sealed rows are
--     never updated, no row is ever deleted.
--
-- Lists read store their ids in entity_ids (uuid[], GIN-indexed) instead of a
-- comma-joined entity_id. The canonical form covers entity_ids when it is not
-- null (a twelfth element), so every row written before keeps its hash.

ALTER TABLE audit_event DISABLE TRIGGER USER;
ALTER TABLE audit_event ADD COLUMN id bigint;
-- Existing rows keep their order: the insertion id of a sealed row is its seq.
UPDATE audit_event SET id = seq;
ALTER TABLE audit_event ENABLE TRIGGER USER;
ALTER TABLE audit_event ADD COLUMN row_hash text;
ALTER TABLE audit_event ADD COLUMN entity_ids uuid[];

CREATE SEQUENCE audit_event_id_seq OWNED BY audit_event.id;
SELECT setval('audit_event_id_seq', coalesce((SELECT max(id) FROM audit_event), 0) + 1, false);
ALTER TABLE audit_event ALTER COLUMN id SET DEFAULT nextval('audit_event_id_seq');
ALTER TABLE audit_event ALTER COLUMN id SET NOT NULL;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey;
ALTER TABLE audit_event ADD PRIMARY KEY (id);
ALTER TABLE audit_event ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_event ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_event ALTER COLUMN hash DROP NOT NULL;
CREATE UNIQUE INDEX audit_event_seq_key ON audit_event (seq);
-- The sealer's queue: only the rows not yet sealed.
CREATE INDEX audit_event_unsealed_idx ON audit_event (id) WHERE seq IS NULL;
-- "Who saw child X" among list reads.
CREATE INDEX audit_event_entity_ids_idx ON audit_event USING gin (entity_ids);
ALTER TABLE audit_event ADD CONSTRAINT audit_event_sealed_or_not CHECK (
  (seq IS NULL AND prev_hash IS NULL AND hash IS NULL AND row_hash IS NOT NULL)
  OR (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL)
);

-- The canonical form (canonicalAuditRow in server/platform/audit/audit-log.ts, byte for byte).
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

-- A row's own hash: its canonical form alone.
CREATE FUNCTION audit_content_hash(r audit_event) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(audit_canonical(r), 'UTF8')), 'hex')
$$;

-- Its chain hash: the hash before it, a newline, its canonical form.
CREATE OR REPLACE FUNCTION audit_row_hash(prev text, r audit_event) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev || E'\n' || audit_canonical(r), 'UTF8')), 'hex')
$$;

DROP TRIGGER audit_event_append_at_head ON audit_event;
DROP TRIGGER audit_event_head_moved ON audit_event;
DROP TRIGGER audit_event_no_update ON audit_event;

CREATE FUNCTION audit_event_appends_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
    RAISE EXCEPTION 'audit_event rows are appended unsealed: seq % refused, seq, prev_hash and hash are the sealer''s',
      NEW.seq USING ERRCODE = '42501';
  END IF;
  IF NEW.row_hash IS DISTINCT FROM audit_content_hash(NEW) THEN
    RAISE EXCEPTION 'audit_event row refused: its row_hash does not match its content' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_event_append_unsealed BEFORE INSERT ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_appends_unsealed();

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- The one permitted update: sealing an unsealed row, unchanged, just after the head.
CREATE FUNCTION audit_event_seals_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head;
BEGIN
  IF OLD.seq IS NOT NULL OR NEW.seq IS NULL OR NEW.id <> OLD.id OR NEW.row_hash IS DISTINCT FROM OLD.row_hash
     OR audit_canonical(NEW) <> audit_canonical(OLD) THEN
    RAISE EXCEPTION 'audit_event is append-only (UPDATE refused): an unsealed row may only be sealed, unchanged'
      USING ERRCODE = '42501';
  END IF;
  IF OLD.row_hash IS DISTINCT FROM audit_content_hash(OLD) THEN
    RAISE EXCEPTION 'audit_event row % refused for sealing: its content no longer matches its own hash', OLD.id
      USING ERRCODE = '42501';
  END IF;
  SELECT * INTO head FROM audit_chain_head;
  IF NEW.seq <= head.last_seq THEN
    RAISE EXCEPTION 'audit_event rows are only sealed after the head: seq % refused, the next is %',
      NEW.seq, head.last_seq + 1 USING ERRCODE = '42501';
  END IF;
  IF NEW.hash IS DISTINCT FROM audit_row_hash(NEW.prev_hash, NEW) THEN
    RAISE EXCEPTION 'audit_event row % refused: its hash does not match its content', NEW.seq USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_event_seal BEFORE UPDATE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_seals_only();

-- At commit, every row sealed must be covered by the head.
CREATE CONSTRAINT TRIGGER audit_event_head_moved AFTER UPDATE ON audit_event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_head_covers();

-- The head moves forward over a whole batch: k rows, numbered on from the
-- head without a gap, each naming the hash of the one before (the first the
-- old head's), the last the new head.
CREATE OR REPLACE FUNCTION audit_chain_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k bigint;
  found bigint;
  unlinked bigint;
  last_there boolean;
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain_head cannot be removed (% refused)', TG_OP USING ERRCODE = '42501';
  END IF;
  k := NEW.row_count - OLD.row_count;
  IF k < 1 OR NEW.last_seq <> OLD.last_seq + k THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward, one row at a time' USING ERRCODE = '42501';
  END IF;
  SELECT count(*), count(*) FILTER (WHERE NOT linked), bool_or(seq = NEW.last_seq AND hash = NEW.last_hash)
    INTO found, unlinked, last_there
  FROM (
    SELECT seq, hash,
      prev_hash IS NOT DISTINCT FROM coalesce(lag(hash) OVER (ORDER BY seq), OLD.last_hash) AS linked
    FROM audit_event WHERE seq > OLD.last_seq AND seq <= NEW.last_seq
  ) batch;
  IF NOT coalesce(last_there, false) THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward onto the row appended (seq %)', NEW.last_seq
      USING ERRCODE = '42501';
  END IF;
  IF found <> k OR unlinked <> 0 THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward over rows sealed in one chain (% of % rows, % unlinked)',
      found, k, unlinked USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
