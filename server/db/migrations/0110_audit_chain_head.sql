-- The recorded head of the audit chain: how many rows it holds, and the seq
-- and hash of the last one, written in the same transaction as every append.
-- The rows alone cannot show that their tail was cut off; `qpi audit verify`
-- compares the chain's end with this head. Appends chain from the head (not
-- from whatever row is last), so rows removed and then followed by new ones
-- break the chain visibly too.
CREATE TABLE audit_chain_head (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  row_count   bigint NOT NULL,
  last_seq    bigint NOT NULL,
  last_hash   text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO audit_chain_head (row_count, last_seq, last_hash)
SELECT count(*), coalesce(max(seq), 0), coalesce((SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1), repeat('0', 64))
FROM audit_event;

-- The head only moves forward, one row at a time, and is never removed: the
-- app cannot rewind it to hide a truncation (an owner who disables triggers
-- can; see README "Security model").
CREATE FUNCTION audit_chain_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain_head cannot be removed (% refused)', TG_OP USING ERRCODE = '42501';
  END IF;
  IF NEW.row_count <> OLD.row_count + 1 OR NEW.last_seq <= OLD.last_seq THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward, one row at a time' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_moves_forward();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_moves_forward();
