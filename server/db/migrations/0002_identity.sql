-- Accounts, roles as data, server-side sessions.
CREATE TABLE role (
  code         text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('staff', 'family')),
  description  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO role (code, kind, description) VALUES
  ('caseworker',       'staff',  'Carries a caseload of children and families'),
  ('supervisor',       'staff',  'Supervises a unit of caseworkers'),
  ('rfa_worker',       'staff',  'Recruits, approves and supports resource families'),
  ('qpi_coordinator',  'staff',  'Leads QPI practice and rule sets for the site'),
  ('site_admin',       'staff',  'Administers users, units and settings of a site'),
  ('analyst',          'staff',  'Reads aggregate outcomes for a state or the network'),
  ('caregiver',        'family', 'Resource parent or relative caring for a child'),
  ('birth_parent',     'family', 'Parent or legal guardian of a child in care'),
  ('youth',            'family', 'A young person in care');

CREATE TABLE user_account (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id           uuid NOT NULL UNIQUE REFERENCES person(id),
  email               text NOT NULL,
  password_hash       text,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'disabled')),
  preferred_language  text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'es')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX user_account_email_idx ON user_account(lower(email));

-- A role held by a user in a site, optionally for one unit, for a period.
-- A state or network analyst holds the role at every site of their scope.
CREATE TABLE role_grant (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES user_account(id),
  role_code   text NOT NULL REFERENCES role(code),
  site_id     uuid NOT NULL REFERENCES site(id),
  unit_id     uuid REFERENCES unit(id),
  starts_on   date NOT NULL DEFAULT current_date,
  ends_on     date,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX role_grant_user_idx ON role_grant(user_id);
CREATE INDEX role_grant_site_idx ON role_grant(site_id, role_code);

-- Sessions live in the database so any app instance can serve any request.
-- The id stored is a SHA-256 of the cookie token: a leaked table row cannot
-- be replayed as a cookie.
CREATE TABLE session (
  id_hash        text PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES user_account(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  idle_expires_at      timestamptz NOT NULL,
  absolute_expires_at  timestamptz NOT NULL,
  revoked_at     timestamptz,
  ip             text,
  user_agent     text,
  csrf_token     text NOT NULL
);
CREATE INDEX session_user_idx ON session(user_id) WHERE revoked_at IS NULL;
