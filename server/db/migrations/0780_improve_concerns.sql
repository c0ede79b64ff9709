-- Concerns (QPI's "improve" step, issue 15; the youth's way to raise one, issue 13): a caregiver, birth parent or
-- youth raises a concern about practice, communication or a barrier from their own page; the site's QPI coordinator
-- acknowledges it, answers it and closes it with a note; the person reads the status and the answer on their page.
-- A concern is not a report of child abuse: the page says where to report abuse (the jurisdiction's report line
-- below when one is on record, otherwise a generic instruction).

CREATE TABLE concern (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id            uuid NOT NULL REFERENCES site(id),
  -- The account that raised it: only so that its raiser, and nobody else, can read it back.
  raised_by_user_id  uuid NOT NULL REFERENCES user_account(id),
  raiser_role        text NOT NULL CHECK (raiser_role IN ('caregiver', 'birth_parent', 'youth')),
  topic              text NOT NULL CHECK (topic IN ('practice', 'communication', 'barrier', 'other')),
  body               text NOT NULL CHECK (length(body) BETWEEN 10 AND 4000),
  -- False: staff read the concern without the raiser's name (the coordinator answers on the platform).
  share_name         boolean NOT NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'responded', 'closed')),
  acknowledged_at    timestamptz,
  response           text CHECK (response IS NULL OR length(response) BETWEEN 1 AND 4000),
  responded_at       timestamptz,
  close_note         text CHECK (close_note IS NULL OR length(close_note) BETWEEN 1 AND 2000),
  closed_at          timestamptz,
  -- The coordinator who took the last step.
  handled_by_user_id uuid REFERENCES user_account(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1,
  CHECK (status = 'open' OR acknowledged_at IS NOT NULL),
  CHECK (status NOT IN ('responded', 'closed') OR (response IS NOT NULL AND responded_at IS NOT NULL)),
  CHECK (status <> 'closed' OR (close_note IS NOT NULL AND closed_at IS NOT NULL))
);
CREATE INDEX concern_site_idx ON concern(site_id, status);
CREATE INDEX concern_raiser_idx ON concern(raised_by_user_id);

-- Where to report child abuse or neglect, per jurisdiction (a state's line, or a site's own when site_id is set),
-- its source and the day the number was last checked against it. No row: the page gives the generic instruction.
CREATE TABLE abuse_report_line (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_code      text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  site_id         uuid REFERENCES site(id),
  phone           text NOT NULL CHECK (length(phone) BETWEEN 3 AND 40),
  name_en         text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  name_es         text CHECK (name_es IS NULL OR length(name_es) BETWEEN 1 AND 200),
  checked_on      date NOT NULL,
  source_url      text NOT NULL CHECK (source_url ~ '^https://'),
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Florida's statewide Abuse Hotline, 1-800-96-ABUSE, run by the Department of Children and Families (24 hours a
-- day, Spanish-speaking counselors on the same number).
INSERT INTO abuse_report_line (state_code, phone, name_en, name_es, checked_on, source_url) VALUES
  ('FL', '1-800-962-2873', 'Florida Abuse Hotline (1-800-96-ABUSE)', 'Línea directa de abuso de Florida (1-800-96-ABUSE)',
   '2026-12-04', 'https://www.myflfamilies.com/services/abuse-hotline/about');

INSERT INTO permission (code, description) VALUES
  ('concern:raise',  'Raise a concern from one''s own page and read one''s own concerns'),
  ('concern:manage', 'Read, acknowledge, answer and close the concerns raised at a site');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caregiver',       'concern:raise',  'own'),
  ('birth_parent',    'concern:raise',  'own'),
  ('youth',           'concern:raise',  'own'),
  ('qpi_coordinator', 'concern:manage', 'site')
ON CONFLICT DO NOTHING;
