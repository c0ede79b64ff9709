-- The partnership plan (QPI's "define" step): what the caregiver, the agency, the birth parents and the youth
-- commit to, signed at a placement by the caregiver and a case-management representative. A template is a
-- version of the jurisdiction's plan (a state's, or a site's own), never changed once written: a new wording is a
-- new version, and a signature names the version and the SHA-256 of the text the signer was shown.

CREATE TABLE partnership_template (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_code      text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  -- A site's own plan, or the state's plan for every site of the state when null.
  site_id         uuid REFERENCES site(id),
  version         integer NOT NULL CHECK (version > 0),
  effective_from  date NOT NULL,
  title_en        text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
  title_es        text CHECK (title_es IS NULL OR length(title_es) BETWEEN 1 AND 200),
  -- [{ "party": "caregiver" | "agency" | "birth_parent" | "youth", "en": "...", "es": "..." | null }, …] in order.
  commitments     jsonb NOT NULL CHECK (jsonb_typeof(commitments) = 'array' AND jsonb_array_length(commitments) > 0),
  -- Where the wording comes from (who wrote it, what it follows); the demo's is written for the project.
  source_note     text NOT NULL CHECK (length(source_note) BETWEEN 1 AND 500),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX partnership_template_version_idx
  ON partnership_template(state_code, COALESCE(site_id, '00000000-0000-0000-0000-000000000000'::uuid), version);

-- A written template is never altered or removed: a signed plan must read tomorrow as it read when signed.
CREATE FUNCTION partnership_template_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'partnership templates are never changed; write a new version' USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER partnership_template_frozen BEFORE UPDATE OR DELETE ON partnership_template
  FOR EACH ROW EXECUTE FUNCTION partnership_template_frozen();

CREATE TABLE partnership_signature (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id        uuid NOT NULL REFERENCES child(id),
  site_id         uuid NOT NULL REFERENCES site(id),
  placement_id    uuid NOT NULL REFERENCES placement(id),
  template_id     uuid NOT NULL REFERENCES partnership_template(id),
  party           text NOT NULL CHECK (party IN ('caregiver', 'agency')),
  signer_user_id  uuid NOT NULL REFERENCES user_account(id),
  typed_name      text NOT NULL CHECK (length(typed_name) BETWEEN 2 AND 200),
  text_sha256     text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  signed_at       timestamptz NOT NULL DEFAULT now(),
  -- One signature per party per placement: both parties sign the same plan.
  UNIQUE (placement_id, party)
);
CREATE INDEX partnership_signature_child_idx ON partnership_signature(child_id);

INSERT INTO permission (code, description) VALUES
  ('partnership:read', 'Read the partnership plan of a child''s placement and its signatures'),
  ('partnership:sign', 'Sign the partnership plan of a child''s placement');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caseworker',      'partnership:read', 'assigned'),
  ('caseworker',      'partnership:sign', 'assigned'),
  ('supervisor',      'partnership:read', 'unit'),
  ('supervisor',      'partnership:sign', 'unit'),
  ('caregiver',       'partnership:read', 'own'),
  ('caregiver',       'partnership:sign', 'own')
ON CONFLICT DO NOTHING;
