-- Court orders that condition what the record may disclose. One kind so far:
-- 'no_contact_disclosure' — the court forbids disclosing the caregiver's
-- whereabouts (address, phone) to the child's birth parents, whatever the
-- caregiver consented to (see field-classes.ts).
CREATE TABLE court_order (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id    uuid NOT NULL REFERENCES child(id),
  site_id     uuid NOT NULL REFERENCES site(id),
  kind        text NOT NULL CHECK (kind IN ('no_contact_disclosure')),
  starts_on   date NOT NULL,
  -- The last day the order holds (inclusive); null while in force without end.
  ends_on     date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX court_order_child_idx ON court_order(child_id, kind);
