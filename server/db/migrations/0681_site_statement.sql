-- A site's brand statement and its promises to caregivers (QPI's "define" and "communicate" steps): versioned
-- documents, a draft until the site adopts it on a date with the people who took part. An adopted version is never
-- changed; a new wording is a new version and the earlier ones are kept. Spanish is written by people: a version
-- without it shows the Spanish as missing, never machine-filled.

CREATE TABLE site_statement (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id       uuid NOT NULL REFERENCES site(id),
  kind          text NOT NULL CHECK (kind IN ('brand_statement', 'caregiver_promises')),
  version       integer NOT NULL CHECK (version > 0),
  body_en       text NOT NULL CHECK (length(body_en) BETWEEN 1 AND 4000),
  body_es       text CHECK (body_es IS NULL OR length(body_es) BETWEEN 1 AND 4000),
  -- Null while a draft; the day the site adopted it.
  adopted_on    date,
  -- Who took part (steering committee, focus groups of caregivers, birth parents, youth).
  participants  text CHECK (participants IS NULL OR length(participants) BETWEEN 1 AND 1000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, kind, version),
  CHECK (adopted_on IS NULL OR participants IS NOT NULL)
);

-- An adopted version reads tomorrow as it read when adopted.
CREATE FUNCTION site_statement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.adopted_on IS NOT NULL THEN
    RAISE EXCEPTION 'an adopted statement is never changed; write a new version' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER site_statement_frozen BEFORE UPDATE OR DELETE ON site_statement
  FOR EACH ROW EXECUTE FUNCTION site_statement_frozen();
