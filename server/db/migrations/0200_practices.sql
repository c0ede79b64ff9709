-- QPI practices as data: per-jurisdiction rules with effective dates and a
-- source for each, the tasks placement events create from them, court
-- hearings with the caregiver's report, in-app notifications, and the
-- database-backed scheduler's jobs. Sources: shared/research/qpi.md §0–§1.

-- The instant a placement began, when known (hour-based deadlines such as the
-- 72-hour comfort call count from it); null → start of the day in the site's zone.
ALTER TABLE placement ADD COLUMN started_at timestamptz;

-- A rule of a jurisdiction (a state's rule set; a site follows its state's rules).
-- A change of rule is a new row from its effective date; the old row gets an
-- effective_to, and tasks keep the rule_id that applied when they were created.
CREATE TABLE practice_rule (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A state's code; the rule set exists before any site of the state does.
  state_code      text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  practice        text NOT NULL CHECK (practice IN ('comfort_call', 'icebreaker', 'planned_move_notice', 'emergency_move_notice',
                    'health_education_summary', 'medication_handover', 'cft_meeting', 'sibling_visit',
                    'hearing_caregiver_notice', 'caregiver_court_report')),
  -- The event that creates the task.
  trigger         text NOT NULL CHECK (trigger IN ('any_placement', 'initial_placement', 'later_placement', 'planned_move',
                    'emergency_move', 'siblings_separated', 'hearing')),
  -- all children, or only ICWA / non-ICWA cases (CFT: 60 days, 30 in ICWA cases).
  applies_to      text NOT NULL DEFAULT 'all' CHECK (applies_to IN ('all', 'icwa', 'non_icwa')),
  due_amount      integer NOT NULL CHECK (due_amount > 0 AND due_amount <= 400),
  due_unit        text NOT NULL CHECK (due_unit IN ('hours', 'days')),
  due_direction   text NOT NULL DEFAULT 'after' CHECK (due_direction IN ('after', 'before')),
  -- Repeats this many days after completion while the condition holds (sibling visits: monthly).
  repeat_days     integer CHECK (repeat_days IS NULL OR repeat_days > 0),
  exclusions      text[] NOT NULL DEFAULT '{}' CHECK (exclusions <@ ARRAY['expedited_tpr', 'parent_incarcerated',
                    'placed_with_relatives', 'group_care', 'contrary_to_safety']::text[]),
  effective_from  date NOT NULL,
  effective_to    date,
  source_url      text NOT NULL CHECK (source_url ~ '^https?://'),
  source_note     text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid REFERENCES user_account(id),
  version         integer NOT NULL DEFAULT 1,
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CHECK (due_direction = 'after' OR trigger IN ('planned_move', 'hearing')),
  -- One rule applies to an event on a given day.
  EXCLUDE USING gist (state_code WITH =, practice WITH =, trigger WITH =, applies_to WITH =,
                      daterange(effective_from, effective_to, '[]') WITH &&)
);

-- Court hearings of a child; the caregiver is notified ahead and may report.
CREATE TABLE court_hearing (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id       uuid NOT NULL REFERENCES child(id),
  site_id        uuid NOT NULL REFERENCES site(id),
  hearing_on     date NOT NULL,
  hearing_type   text NOT NULL CHECK (hearing_type IN ('detention', 'jurisdiction', 'disposition', 'review', 'permanency', 'tpr', 'other')),
  department     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX court_hearing_child_idx ON court_hearing(child_id, hearing_on);

-- The caregiver's information report to the court (the JV-290 idea): submitted
-- from the caregiver's portal, marked received and forwarded by the caseworker.
CREATE TABLE caregiver_report (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hearing_id         uuid NOT NULL UNIQUE REFERENCES court_hearing(id),
  child_id           uuid NOT NULL REFERENCES child(id),
  submitted_by       uuid NOT NULL REFERENCES user_account(id),
  submitted_at       timestamptz NOT NULL DEFAULT now(),
  body               text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  received_by        uuid REFERENCES user_account(id),
  received_at        timestamptz,
  forwarded_to_court boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1
);

-- A practice task: created by a placement event (or hearing) from the rule
-- that applied then. Hour deadlines are instants (due_at), day deadlines are
-- calendar days in the site's zone (due_on); exactly one is set.
CREATE TABLE practice_task (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id       uuid NOT NULL REFERENCES child(id),
  site_id        uuid NOT NULL REFERENCES site(id),
  placement_id   uuid REFERENCES placement(id),
  hearing_id     uuid REFERENCES court_hearing(id),
  rule_id        uuid NOT NULL REFERENCES practice_rule(id),
  practice       text NOT NULL,
  -- What made the task, so the same event never creates it twice.
  origin_key     text NOT NULL UNIQUE,
  due_at         timestamptz,
  due_on         date,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'not_required')),
  not_required_reason text,
  completed_at   timestamptz,
  completed_by   uuid REFERENCES user_account(id),
  outcome        text,
  content        jsonb NOT NULL DEFAULT '{}',
  reminded_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK ((due_at IS NULL) <> (due_on IS NULL)),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CHECK (status <> 'not_required' OR not_required_reason IS NOT NULL)
);
CREATE INDEX practice_task_open_idx ON practice_task(site_id, status, due_on, due_at);
CREATE INDEX practice_task_child_idx ON practice_task(child_id);

-- A planned move's transition plan (steps and dates), kept with the new placement.
CREATE TABLE transition_plan (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id  uuid NOT NULL UNIQUE REFERENCES placement(id),
  steps         jsonb NOT NULL DEFAULT '[]',
  created_by    uuid REFERENCES user_account(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);

-- In-app notifications (reminders); email copies are sent after commit.
CREATE TABLE notification (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL REFERENCES user_account(id),
  kind           text NOT NULL,
  task_id        uuid REFERENCES practice_task(id),
  subject_key    text NOT NULL,
  params         jsonb NOT NULL DEFAULT '{}',
  read_at        timestamptz,
  email_sent_at  timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, kind, task_id)
);
CREATE INDEX notification_user_idx ON notification(user_id, created_at);
CREATE INDEX notification_unsent_idx ON notification(created_at) WHERE email_sent_at IS NULL;

-- The scheduler: one row per recurring job; an instance claims a due row with
-- FOR UPDATE SKIP LOCKED and runs it inside that transaction, so several app
-- instances on one database run each slot once. job_run records each slot.
CREATE TABLE scheduled_job (
  name           text PRIMARY KEY,
  interval_secs  integer NOT NULL CHECK (interval_secs > 0),
  next_run_at    timestamptz NOT NULL DEFAULT now(),
  last_run_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE job_run (
  job_name     text NOT NULL REFERENCES scheduled_job(name),
  slot         timestamptz NOT NULL,
  runner       text NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at  timestamptz,
  result       jsonb,
  PRIMARY KEY (job_name, slot)
);
INSERT INTO scheduled_job (name, interval_secs) VALUES ('practice_reminders', 900), ('send_notification_email', 60);

INSERT INTO permission (code, description) VALUES
  ('practice:read',     'See a child''s practice tasks and hearings'),
  ('practice:complete', 'Complete practice tasks and record hearings'),
  ('practice:report',   'See practice timeliness per unit'),
  ('caregiver_report:submit', 'Submit a caregiver information report to the court');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caseworker',      'practice:read',     'assigned'),
  ('caseworker',      'practice:complete', 'assigned'),
  ('supervisor',      'practice:read',     'unit'),
  ('supervisor',      'practice:complete', 'unit'),
  ('supervisor',      'practice:report',   'site'),
  ('qpi_coordinator', 'practice:report',   'site'),
  ('qpi_coordinator', 'rules:manage',      'site'),
  ('caregiver',       'practice:read',     'own'),
  ('caregiver',       'caregiver_report:submit', 'own')
ON CONFLICT DO NOTHING;
