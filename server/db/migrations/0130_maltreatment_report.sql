-- Maltreatment reports in a child's case record (the hotline intake that led
-- to, or came during, the case). Who reported is the 'reporter_identity'
-- field class: state law keeps the reporter's identity confidential, so it
-- reaches only actors holding fields:reporter_identity for the child
-- (e.g. Cal. Penal Code §11167(d)). The outcomes module measures maltreatment
-- from its own import tables; this is the case record's copy.
CREATE TABLE maltreatment_report (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id           uuid NOT NULL REFERENCES child(id),
  site_id            uuid NOT NULL REFERENCES site(id),
  received_on        date NOT NULL,
  allegation         text NOT NULL CHECK (allegation IN ('neglect', 'physical_abuse', 'sexual_abuse', 'emotional_abuse', 'exploitation', 'other')),
  disposition        text NOT NULL DEFAULT 'pending' CHECK (disposition IN ('pending', 'substantiated', 'inconclusive', 'unfounded')),
  reporter_name      text,
  reporter_role      text CHECK (reporter_role IS NULL OR reporter_role IN
                       ('teacher', 'medical', 'law_enforcement', 'social_services', 'relative', 'neighbor', 'anonymous', 'other')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1
);
CREATE INDEX maltreatment_report_child_idx ON maltreatment_report(child_id, received_on);
