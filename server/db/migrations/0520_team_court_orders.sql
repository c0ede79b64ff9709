-- Team, court orders and handovers (issue 11).
--
-- A therapist joins the roles a child's team can name, beside the attorney,
-- CASA and guardian ad litem; their phone and email are the person's.
ALTER TABLE child_team_member DROP CONSTRAINT child_team_member_role_check;
ALTER TABLE child_team_member ADD CONSTRAINT child_team_member_role_check
  CHECK (role IN ('caseworker', 'supervisor', 'casa', 'guardian_ad_litem', 'attorney', 'education_rights_holder',
                  'therapist'));

-- Court orders are recorded and ended by staff. Two kinds condition
-- disclosure: 'no_contact' (the birth parents may not contact the child or the
-- caregiver) and 'no_contact_disclosure' (the caregiver's address and phone
-- may not be disclosed to them); both keep the caregiver's contact from the
-- birth parents while they hold (field-classes.ts).
ALTER TABLE court_order DROP CONSTRAINT court_order_kind_check;
ALTER TABLE court_order ADD CONSTRAINT court_order_kind_check CHECK (kind IN ('no_contact', 'no_contact_disclosure'));
-- The court's reference (case or order number) and what the order says, in the worker's words.
ALTER TABLE court_order ADD COLUMN note text CHECK (note IS NULL OR length(note) <= 1000);
ALTER TABLE court_order ADD COLUMN created_by uuid REFERENCES user_account(id);
ALTER TABLE court_order ADD COLUMN ended_by uuid REFERENCES user_account(id);
ALTER TABLE court_order ADD COLUMN ended_at timestamptz;
ALTER TABLE court_order ADD COLUMN version integer NOT NULL DEFAULT 1;

-- A caseworker handover: the child's caseworker membership ends and a new one
-- starts on the same day; the child's open practice tasks follow the new
-- caseworker (tasks belong to whoever is the child's caseworker), and the row
-- names them so the history shows what moved.
CREATE TABLE caseworker_handover (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id         uuid NOT NULL REFERENCES child(id),
  site_id          uuid NOT NULL REFERENCES site(id),
  from_member_id   uuid NOT NULL REFERENCES child_team_member(id),
  to_member_id     uuid NOT NULL REFERENCES child_team_member(id),
  handed_over_on   date NOT NULL,
  reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  task_ids         jsonb NOT NULL DEFAULT '[]',
  created_by       uuid NOT NULL REFERENCES user_account(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX caseworker_handover_child_idx ON caseworker_handover(child_id, created_at);
