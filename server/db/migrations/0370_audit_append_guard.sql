-- The audit chain refuses rows that do not come through the append protocol.
--
-- Until now any INSERT into audit_event was accepted: a row with seq
-- 900000000 sat beyond the recorded head where `qpi audit verify` never looked,
-- and showed first in "Who viewed this record". From here on the database
-- itself checks every insert (see README "What the audit chain guarantees"):
--
--   * seq is the head's seq + 1: numbers are gapless, so a missing number
--     anywhere is a deleted row, and nothing can be put before or after the end;
--   * prev_hash is the head's hash and hash is the SHA-256 of prev_hash and the
--     row's canonical form (the same bytes as canonicalAuditRow in
--     server/platform/audit/audit-log.ts), computed here again;
--   * the head moves to the new row in the same transaction (checked at
--     commit), one row at a time, and only to a row that is there with that hash.

-- Sequence numbers come from the head, not from a sequence (a rolled-back
-- append used to leave a gap that looked like a deleted row).
ALTER TABLE audit_event ALTER COLUMN seq DROP DEFAULT;
DROP SEQUENCE IF EXISTS audit_event_seq_seq;

-- The hash of a row given the hash before it: the JSON array canonicalAuditRow
-- writes, byte for byte (ISO instant in UTC with milliseconds, no spaces).
CREATE FUNCTION audit_row_hash(prev text, r audit_event) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    prev || E'\n' || '[' ||
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
    coalesce(to_json(r.request_id)::text, 'null') || ']',
    'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_event_appends_at_head() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO head FROM audit_chain_head FOR UPDATE;
  IF NEW.seq IS DISTINCT FROM head.last_seq + 1 THEN
    RAISE EXCEPTION 'audit_event rows are only appended at the head: seq % refused, the next is %',
      NEW.seq, head.last_seq + 1 USING ERRCODE = '42501';
  END IF;
  IF NEW.prev_hash IS DISTINCT FROM head.last_hash THEN
    RAISE EXCEPTION 'audit_event row % refused: prev_hash is not the hash of the head', NEW.seq
      USING ERRCODE = '42501';
  END IF;
  IF NEW.hash IS DISTINCT FROM audit_row_hash(NEW.prev_hash, NEW) THEN
    RAISE EXCEPTION 'audit_event row % refused: its hash does not match its content', NEW.seq
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_event_append_at_head BEFORE INSERT ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_appends_at_head();

-- At commit, every row inserted must be covered by the head.
CREATE FUNCTION audit_event_head_covers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_chain_head WHERE last_seq >= NEW.seq) THEN
    RAISE EXCEPTION 'audit_event row % refused: the head did not move to it in the same transaction', NEW.seq
      USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER audit_event_head_moved AFTER INSERT ON audit_event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_head_covers();

-- The head moves one row at a time, onto a row that is there with that hash.
CREATE OR REPLACE FUNCTION audit_chain_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain_head cannot be removed (% refused)', TG_OP USING ERRCODE = '42501';
  END IF;
  IF NEW.row_count <> OLD.row_count + 1 OR NEW.last_seq <> OLD.last_seq + 1 THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward, one row at a time' USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_event WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward onto the row appended (seq %)', NEW.last_seq
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
