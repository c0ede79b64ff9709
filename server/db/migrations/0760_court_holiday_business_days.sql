-- Business-day deadlines: a rule may count business days (not Saturday, not Sunday, not a court holiday of the
-- rule's state), before or after its event. The holidays are data, per state, each with the source it was read from.
ALTER TABLE practice_rule DROP CONSTRAINT practice_rule_due_unit_check;
ALTER TABLE practice_rule ADD CONSTRAINT practice_rule_due_unit_check
  CHECK (due_unit IN ('hours', 'days', 'business_days'));

-- A day a state's courts (or, where the statute says so, its state offices) are closed. A year without rows for a
-- state is a year whose holidays are not established: the coverage page shows it, and business days then skip only
-- weekends.
CREATE TABLE court_holiday (
  state_code   text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  day          date NOT NULL,
  name_en      text NOT NULL CHECK (length(btrim(name_en)) >= 3),
  name_es      text NOT NULL CHECK (length(btrim(name_es)) >= 3),
  source_url   text NOT NULL CHECK (source_url ~ '^https?://'),
  source_note  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (state_code, day)
);

-- Who may read the coverage of the network's rule sets (rules and holidays per state): the site's QPI coordinator
-- and the network's analysts and administrators. Rule sets are public policy; the page holds no child data.
INSERT INTO permission (code, description) VALUES
  ('rules:coverage', 'See which practice rules and court holidays each state''s rule set establishes');
INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('qpi_coordinator', 'rules:coverage', 'site'),
  ('network_analyst', 'rules:coverage', 'network'),
  ('network_admin',   'rules:coverage', 'network')
ON CONFLICT DO NOTHING;
