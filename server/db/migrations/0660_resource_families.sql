-- Resource families (issue 14): the household record RFA workers keep, the caregiver's consent to share contact
-- details with birth parents (dated, revocable, with its history), the approval pipeline with its checks and
-- deadlines (rules as data, per state, with effective dates and sources), coded closure reasons, and the public
-- inquiry form's key and rate-limit log. Homes recorded before this step keep their values; their stage is derived
-- (closed / approved / inquiry) until a worker moves them.

ALTER TABLE household ADD COLUMN email text;
ALTER TABLE household ADD COLUMN languages text[] NOT NULL DEFAULT '{}';
ALTER TABLE household ADD COLUMN approval_type text
  CHECK (approval_type IS NULL OR approval_type IN ('resource_family', 'kin', 'ffa_certified', 'emergency_relative'));
ALTER TABLE household ADD COLUMN pref_age_min integer CHECK (pref_age_min IS NULL OR pref_age_min BETWEEN 0 AND 21);
ALTER TABLE household ADD COLUMN pref_age_max integer CHECK (pref_age_max IS NULL OR pref_age_max BETWEEN 0 AND 21);
ALTER TABLE household ADD COLUMN pref_sibling_groups boolean NOT NULL DEFAULT false;
ALTER TABLE household ADD COLUMN pref_needs text[] NOT NULL DEFAULT '{}';
ALTER TABLE household ADD COLUMN availability text NOT NULL DEFAULT 'available'
  CHECK (availability IN ('available', 'on_hold', 'full'));
ALTER TABLE household ADD COLUMN availability_confirmed_on date;
ALTER TABLE household ADD COLUMN stage text CHECK (stage IS NULL OR stage IN ('inquiry', 'orientation', 'application',
  'background_checks', 'training', 'home_assessment', 'psychosocial', 'written_report', 'approved', 'withdrawn',
  'denied', 'closed'));
ALTER TABLE household ADD COLUMN recruitment_source text CHECK (recruitment_source IS NULL OR recruitment_source IN
  ('ambassador_referral', 'caregiver_referral', 'event', 'web_form', 'faith_community', 'media', 'kin_placement', 'other'));
ALTER TABLE household ADD COLUMN application_on date;
ALTER TABLE household ADD COLUMN training_hours numeric(5, 1) NOT NULL DEFAULT 0 CHECK (training_hours >= 0);
ALTER TABLE household ADD COLUMN closure_note text;
ALTER TABLE household ADD COLUMN exit_reason text;
CREATE INDEX household_site_stage_idx ON household (site_id, stage);

-- Coded closure reasons, mutually exclusive (research §3.4, §4.2: Florida found "Other" and "licence expired" used
-- for most closures). `offered` false keeps older codes readable without offering them again; "other" needs text.
CREATE TABLE household_closure_reason (
  code           text PRIMARY KEY,
  requires_note  boolean NOT NULL DEFAULT false,
  offered        boolean NOT NULL DEFAULT true,
  sort_order     integer NOT NULL
);
INSERT INTO household_closure_reason (code, requires_note, offered, sort_order) VALUES
  ('adopted', false, true, 10),
  ('guardianship', false, true, 20),
  ('moved', false, true, 30),
  ('burnout_lack_of_support', false, true, 40),
  ('payment_problems', false, true, 50),
  ('conflict_with_agency', false, true, 60),
  ('family_change', false, true, 70),
  ('transferred', false, true, 80),
  ('agency_decision', false, true, 90),
  ('family_request', false, false, 100),
  ('other', true, true, 999);
ALTER TABLE household DROP CONSTRAINT household_closure_reason_check;
ALTER TABLE household ADD CONSTRAINT household_closure_reason_fk
  FOREIGN KEY (closure_reason) REFERENCES household_closure_reason(code);

-- Why an application ended before approval: withdrawn by the family or denied by the agency, coded.
CREATE TABLE rfa_exit_reason (
  code           text PRIMARY KEY,
  outcome        text NOT NULL CHECK (outcome IN ('withdrawn', 'denied')),
  requires_note  boolean NOT NULL DEFAULT false,
  sort_order     integer NOT NULL
);
INSERT INTO rfa_exit_reason (code, outcome, requires_note, sort_order) VALUES
  ('changed_mind', 'withdrawn', false, 10),
  ('family_circumstances', 'withdrawn', false, 20),
  ('moved_away', 'withdrawn', false, 30),
  ('chose_other_agency', 'withdrawn', false, 40),
  ('no_response', 'withdrawn', false, 50),
  ('withdrawn_other', 'withdrawn', true, 99),
  ('background_check', 'denied', false, 110),
  ('home_safety', 'denied', false, 120),
  ('assessment_concerns', 'denied', false, 130),
  ('incomplete_application', 'denied', false, 140),
  ('denied_other', 'denied', true, 199);
ALTER TABLE household ADD CONSTRAINT household_exit_reason_fk FOREIGN KEY (exit_reason) REFERENCES rfa_exit_reason(code);

-- Everyone living in the home besides the linked accounts: applicant and co-applicant (when they have no account
-- yet), other adults, and children. Birth year only, no more than the approval needs.
CREATE TABLE household_resident (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id  uuid NOT NULL REFERENCES household(id),
  role          text NOT NULL CHECK (role IN ('applicant', 'co_applicant', 'adult', 'child')),
  given_name    text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
  family_name   text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  birth_year    integer CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
  relationship  text CHECK (relationship IS NULL OR length(relationship) <= 100),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_resident_household_idx ON household_resident (household_id);

-- The pipeline, one row per stage entered (dates and who recorded it); the household holds the current stage.
CREATE TABLE household_stage_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id  uuid NOT NULL REFERENCES household(id),
  site_id       uuid NOT NULL REFERENCES site(id),
  stage         text NOT NULL,
  entered_on    date NOT NULL,
  reason_code   text REFERENCES rfa_exit_reason(code),
  note          text CHECK (note IS NULL OR length(note) <= 2000),
  recorded_by   uuid REFERENCES user_account(id),
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_stage_event_household_idx ON household_stage_event (household_id, recorded_at);

-- Background checks: status and dates only, never criminal-history content.
CREATE TABLE household_background_check (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id  uuid NOT NULL REFERENCES household(id),
  subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  kind          text NOT NULL CHECK (kind IN ('live_scan', 'child_abuse_index', 'dmv')),
  status        text NOT NULL CHECK (status IN ('requested', 'cleared', 'exemption_needed', 'exemption_granted', 'not_cleared')),
  requested_on  date NOT NULL,
  completed_on  date,
  recorded_by   uuid REFERENCES user_account(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (completed_on IS NULL OR completed_on >= requested_on)
);
CREATE INDEX household_background_check_household_idx ON household_background_check (household_id);

-- The caregiver's consent to share address and phone with the birth parents of children placed with them: every
-- decision is a row (append-only); household.contact_shared_with_birth_parents is the latest, moved in the same
-- transaction, and is what the disclosure rules read.
CREATE TABLE household_contact_consent (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id  uuid NOT NULL REFERENCES household(id),
  site_id       uuid NOT NULL REFERENCES site(id),
  shared        boolean NOT NULL,
  recorded_by   uuid NOT NULL REFERENCES user_account(id),
  recorded_as   text NOT NULL CHECK (recorded_as IN ('caregiver', 'staff_on_behalf')),
  note          text CHECK (note IS NULL OR length(note) <= 2000),
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (recorded_as = 'caregiver' OR (note IS NOT NULL AND length(note) >= 3))
);
CREATE INDEX household_contact_consent_household_idx ON household_contact_consent (household_id, recorded_at);
CREATE FUNCTION household_contact_consent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'household_contact_consent is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER household_contact_consent_append_only BEFORE UPDATE OR DELETE ON household_contact_consent
  FOR EACH ROW EXECUTE FUNCTION household_contact_consent_append_only();

-- Approval rules as data: one row per rule version, per state, with effective dates and the source.
CREATE TABLE rfa_rule (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_code      text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  code            text NOT NULL CHECK (code IN ('approval_days', 'pre_approval_training_hours',
                    'cpr_first_aid_days_after_approval', 'annual_training_hours')),
  value           numeric NOT NULL CHECK (value > 0),
  effective_from  date NOT NULL,
  effective_to    date,
  source_url      text NOT NULL,
  source_note     text NOT NULL,
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX rfa_rule_state_idx ON rfa_rule (state_code, code, effective_from);
INSERT INTO rfa_rule (state_code, code, value, effective_from, effective_to, source_url, source_note)
SELECT 'CA', r.code, r.value, r.f::date, r.t::date, r.url, r.note FROM (VALUES
  ('approval_days', 90, '2017-01-01', '2024-06-30', 'https://policy.dcfs.lacounty.gov/Policy?id=5919',
   'RFA: the application is completed within 90 calendar days (before 1 July 2024), counted from the application.'),
  ('approval_days', 120, '2024-07-01', NULL, 'https://policy.dcfs.lacounty.gov/Policy?id=5919',
   'RFA: the application is completed within 120 calendar days (since 1 July 2024), counted from the application.'),
  ('pre_approval_training_hours', 12, '2017-01-01', NULL,
   'https://kids-alliance.org/ufaqs/understand-training-requirements-potential-caregivers-changed-new-rfa-guidelines-whats-changed/',
   'RFA: at least 12 hours of pre-approval training.'),
  ('cpr_first_aid_days_after_approval', 90, '2017-01-01', NULL,
   'https://kids-alliance.org/ufaqs/understand-training-requirements-potential-caregivers-changed-new-rfa-guidelines-whats-changed/',
   'RFA: CPR and first aid certification within 90 days after approval.'),
  ('annual_training_hours', 8, '2017-01-01', NULL,
   'https://fosterquest.helpjuice.com/102219-foster-parents/annual-training-requirements',
   'RFA: at least 8 hours of training each year after approval (anniversary based).')
) AS r(code, value, f, t, url, note);

-- Deadlines the rules create for a home (approval due, CPR and first aid due), kept as tasks on the RFA worklist.
CREATE TABLE household_task (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id  uuid NOT NULL REFERENCES household(id),
  site_id       uuid NOT NULL REFERENCES site(id),
  rule_id       uuid NOT NULL REFERENCES rfa_rule(id),
  kind          text NOT NULL CHECK (kind IN ('approval_due', 'cpr_first_aid_due')),
  due_on        date NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  closed_on     date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (household_id, kind)
);
CREATE INDEX household_task_site_idx ON household_task (site_id, status, due_on);

-- The public inquiry form: the key its time tokens are signed with (made here, never in code), and a log of
-- submissions by hashed address for its rate limit.
CREATE TABLE public_form_key (
  id      integer PRIMARY KEY CHECK (id = 1),
  secret  text NOT NULL
);
INSERT INTO public_form_key (id, secret)
VALUES (1, encode(gen_random_bytes(32), 'hex'));
CREATE TABLE public_inquiry_log (
  id            bigserial PRIMARY KEY,
  site_id       uuid NOT NULL REFERENCES site(id),
  address_hash  text NOT NULL,
  submitted_at  timestamptz NOT NULL
);
CREATE INDEX public_inquiry_log_address_idx ON public_inquiry_log (address_hash, submitted_at);

INSERT INTO permission (code, description) VALUES
  ('household:read', 'Find and open resource family households and applications'),
  ('household:write', 'Maintain households, move applications through approval, close homes'),
  ('household:own', 'A caregiver''s or applicant''s own household: progress and consent to share contact details'),
  ('household:match', 'Rank available approved homes for a child or sibling group');
INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('rfa_worker', 'household:read', 'site'),
  ('rfa_worker', 'household:write', 'site'),
  ('rfa_worker', 'household:match', 'site'),
  ('caseworker', 'household:match', 'assigned'),
  ('supervisor', 'household:match', 'unit'),
  ('caregiver', 'household:own', 'own');
