-- Safe messages between a child's caregiver and birth parent (issue 13). The channel exists only once staff recorded
-- the co-parenting / information-sharing agreement of the QPI icebreaker for that child, parent and home, with both
-- parties' agreement and its date (QPI Icebreaker Meeting Procedures, "Co-Parenting and Co-Sharing of Information
-- Agreement": sharing between the families is negotiated and recorded, not implied). Messages are relayed by the
-- platform: neither party sees the other's email, phone or address. Staff can pause the channel; a no-contact or
-- non-disclosure court order pauses it without anyone acting (checked on every request, not stored).
CREATE TABLE family_agreement (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id                uuid NOT NULL REFERENCES child(id),
  site_id                 uuid NOT NULL REFERENCES site(id),
  birth_parent_person_id  uuid NOT NULL REFERENCES person(id),
  household_id            uuid NOT NULL REFERENCES household(id),
  agreed_on               date NOT NULL,
  caregiver_agreed        boolean NOT NULL CHECK (caregiver_agreed),
  parent_agreed           boolean NOT NULL CHECK (parent_agreed),
  note                    text CHECK (note IS NULL OR length(note) <= 2000),
  recorded_by             uuid NOT NULL REFERENCES user_account(id),
  paused_at               timestamptz,
  paused_by               uuid REFERENCES user_account(id),
  pause_reason            text CHECK (pause_reason IS NULL OR length(pause_reason) <= 500),
  ended_on                date,
  created_at              timestamptz NOT NULL DEFAULT now(),
  version                 integer NOT NULL DEFAULT 1,
  CHECK ((paused_at IS NULL) = (paused_by IS NULL))
);
-- One agreement in force per child, parent and home.
CREATE UNIQUE INDEX family_agreement_active_idx ON family_agreement(child_id, birth_parent_person_id, household_id)
  WHERE ended_on IS NULL;

CREATE TABLE family_message (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id    uuid NOT NULL REFERENCES family_agreement(id),
  child_id        uuid NOT NULL REFERENCES child(id),
  site_id         uuid NOT NULL REFERENCES site(id),
  sender_user_id  uuid NOT NULL REFERENCES user_account(id),
  sender_side     text NOT NULL CHECK (sender_side IN ('caregiver', 'birth_parent')),
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  file_id         uuid REFERENCES stored_file(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX family_message_agreement_idx ON family_message(agreement_id, created_at);

-- Messages are a record of what was said: kept as written.
CREATE FUNCTION family_message_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'family_message keeps every message as written (% refused)', TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER family_message_append_only BEFORE UPDATE OR DELETE ON family_message
  FOR EACH ROW EXECUTE FUNCTION family_message_append_only();

INSERT INTO permission (code, description) VALUES
  ('family_message:send',   'Read and send messages in a channel one is a party of (caregiver, birth parent)'),
  ('family_message:manage', 'Record the families'' agreement, pause the channel and read the thread (staff)');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caregiver',    'family_message:send',   'own'),
  ('birth_parent', 'family_message:send',   'own'),
  ('caseworker',   'family_message:manage', 'assigned'),
  ('supervisor',   'family_message:manage', 'unit');
