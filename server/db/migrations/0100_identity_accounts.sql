-- Identity: per-site security policy, sign-in throttling, TOTP second factor,
-- recovery codes, single-use account tokens (invitations, password resets)
-- and the developer outbox. Everything lives in the database so several app
-- instances sharing one PostgreSQL see the same state.

-- A site's security policy. A site without a row gets the production
-- defaults (security.md §session: staff 15 min idle, families 30 min, 12 h
-- absolute, MFA required for staff); the demo seeder writes rows with MFA off.
CREATE TABLE site_security_policy (
  site_id                uuid PRIMARY KEY REFERENCES site(id),
  staff_idle_minutes     integer NOT NULL DEFAULT 15 CHECK (staff_idle_minutes BETWEEN 5 AND 120),
  family_idle_minutes    integer NOT NULL DEFAULT 30 CHECK (family_idle_minutes BETWEEN 5 AND 240),
  absolute_hours         integer NOT NULL DEFAULT 12 CHECK (absolute_hours BETWEEN 1 AND 24),
  mfa_required_for_staff boolean NOT NULL DEFAULT true,
  version                integer NOT NULL DEFAULT 1,
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- One row per failed sign-in step that checked a secret (password, TOTP or
-- recovery code). Throttling counts these rows per account and per address.
CREATE TABLE sign_in_failure (
  id           bigserial PRIMARY KEY,
  account_key  text NOT NULL,   -- lower-cased email as typed: unknown accounts are throttled too
  ip           text,
  occurred_at  timestamptz NOT NULL
);
CREATE INDEX sign_in_failure_account_idx ON sign_in_failure(account_key, occurred_at);
CREATE INDEX sign_in_failure_ip_idx ON sign_in_failure(ip, occurred_at);

-- A lockout of an account after repeated failures.
CREATE TABLE account_lockout (
  account_key   text PRIMARY KEY,
  locked_until  timestamptz NOT NULL,
  lockouts      integer NOT NULL DEFAULT 1
);

-- The TOTP secret of an account (RFC 6238). confirmed_at is null until the
-- user proved they hold it; last_time_step refuses a replayed code.
CREATE TABLE user_totp (
  user_id         uuid PRIMARY KEY REFERENCES user_account(id),
  secret          text NOT NULL,
  confirmed_at    timestamptz,
  last_time_step  bigint,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Recovery codes, stored as SHA-256 of the code (they are 80-bit random, so a
-- fast hash is enough), each usable once.
CREATE TABLE user_recovery_code (
  code_hash   text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES user_account(id),
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_recovery_code_user_idx ON user_recovery_code(user_id);

-- The password step is done but the second factor is not: a short-lived,
-- hashed challenge bound to a cookie.
CREATE TABLE mfa_challenge (
  id_hash     text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES user_account(id),
  purpose     text NOT NULL CHECK (purpose IN ('verify', 'enroll')),
  attempts    integer NOT NULL DEFAULT 0,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Single-use, expiring links: an invitation to set a first password, or a
-- password reset. Only the SHA-256 of the token is stored.
CREATE TABLE account_token (
  id_hash     text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES user_account(id),
  purpose     text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  site_id     uuid REFERENCES site(id),
  created_by  uuid REFERENCES user_account(id),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_token_user_idx ON account_token(user_id, purpose);

-- Mail written here (and to the console) when no SMTP server is configured,
-- so a developer can follow an invitation link.
CREATE TABLE outbound_email (
  id          bigserial PRIMARY KEY,
  to_address  text NOT NULL,
  subject     text NOT NULL,
  body_text   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO permission (code, description) VALUES
  ('user:invite',       'Invite caregivers, birth parents and youth of the site to the platform'),
  ('security:manage',   'Read and change the site''s security policy');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caseworker',  'user:invite',     'site'),
  ('supervisor',  'user:invite',     'site'),
  ('rfa_worker',  'user:invite',     'site'),
  ('site_admin',  'user:invite',     'site'),
  ('site_admin',  'security:manage', 'site');
