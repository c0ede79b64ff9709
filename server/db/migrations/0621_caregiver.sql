-- The caregiver's side of the team (issue 13): the health and education summary staff keep for the caregiver
-- (versioned, append-only), the caregiver's everyday (reasonable-and-prudent-parent) decisions, and the child's life
-- book (photos through the file store, milestones), each item with the caregiver's choice to share it with the
-- birth parents.

-- One row per version of a child's summary; the newest is what the caregiver reads. A change names the version it
-- was made on (optimistic concurrency); the unique (child, version) refuses the second of two racing saves.
CREATE TABLE child_health_summary (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id    uuid NOT NULL REFERENCES child(id),
  site_id     uuid NOT NULL REFERENCES site(id),
  version     integer NOT NULL CHECK (version >= 1),
  content     jsonb NOT NULL,
  updated_by  uuid NOT NULL REFERENCES user_account(id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (child_id, version)
);

CREATE FUNCTION child_health_summary_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'child_health_summary keeps every version (% refused)', TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER child_health_summary_append_only BEFORE UPDATE OR DELETE ON child_health_summary
  FOR EACH ROW EXECUTE FUNCTION child_health_summary_append_only();

-- Everyday decisions the caregiver made as a reasonable and prudent parent; the caseworker reads them.
CREATE TABLE rpp_decision (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id     uuid NOT NULL REFERENCES child(id),
  site_id      uuid NOT NULL REFERENCES site(id),
  recorded_by  uuid NOT NULL REFERENCES user_account(id),
  kind         text NOT NULL CHECK (kind IN ('sleepover', 'trip', 'babysitting', 'activity', 'other')),
  decided_on   date NOT NULL,
  description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rpp_decision_child_idx ON rpp_decision(child_id, decided_on);

-- The life book: photos (a stored file) and milestones the caregiver keeps for the child.
CREATE TABLE life_book_item (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id                  uuid NOT NULL REFERENCES child(id),
  site_id                   uuid NOT NULL REFERENCES site(id),
  created_by                uuid NOT NULL REFERENCES user_account(id),
  kind                      text NOT NULL CHECK (kind IN ('photo', 'milestone')),
  happened_on               date NOT NULL,
  title                     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  note                      text CHECK (note IS NULL OR length(note) <= 2000),
  file_id                   uuid REFERENCES stored_file(id),
  shared_with_birth_parent  boolean NOT NULL DEFAULT false,
  created_at                timestamptz NOT NULL DEFAULT now(),
  version                   integer NOT NULL DEFAULT 1,
  CHECK ((kind = 'photo') = (file_id IS NOT NULL))
);
CREATE INDEX life_book_item_child_idx ON life_book_item(child_id, happened_on);

INSERT INTO permission (code, description) VALUES
  ('caregiver_home:read',  'Read the pages of a child placed in the caregiver''s home now'),
  ('caregiver_home:write', 'Record everyday decisions and keep the life book of a child placed in the home now'),
  ('health_summary:write', 'Keep the health and education summary the caregiver receives'),
  ('rpp_decision:read',    'Read the caregiver''s everyday (reasonable and prudent parent) decisions');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caregiver',  'caregiver_home:read',  'own'),
  ('caregiver',  'caregiver_home:write', 'own'),
  ('caseworker', 'health_summary:write', 'assigned'),
  ('supervisor', 'health_summary:write', 'unit'),
  ('caseworker', 'rpp_decision:read',    'assigned'),
  ('supervisor', 'rpp_decision:read',    'unit');
