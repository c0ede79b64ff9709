-- Permissions as data: resource × action, granted to roles. An administrator
-- can change these rows; the code only names permissions, never who has them.
CREATE TABLE permission (
  code         text PRIMARY KEY CHECK (code ~ '^[a-z_]+:[a-z_]+$'),
  description  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_permission (
  role_code        text NOT NULL REFERENCES role(code),
  permission_code  text NOT NULL REFERENCES permission(code),
  -- 'site': every record of the site where the role is held; 'unit': records
  -- of the grant's unit; 'assigned': records the actor is on the team of;
  -- 'own': records the actor is related to (own child, placed child, self).
  scope            text NOT NULL CHECK (scope IN ('site', 'unit', 'assigned', 'own')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (role_code, permission_code)
);

INSERT INTO permission (code, description) VALUES
  ('network:read',    'See the sites, units and staff of the network'),
  ('child:read',      'Read a child''s record'),
  ('child:list',      'List and search children'),
  ('child:write',     'Create and change a child''s record, episodes and placements'),
  ('outcomes:read',   'Read aggregate outcome measures'),
  ('user:manage',     'Invite, disable and grant roles to users'),
  ('rules:manage',    'Edit the jurisdiction''s practice rule sets'),
  ('audit:read',      'See who viewed or changed a record');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caseworker',      'network:read',  'site'),
  ('caseworker',      'child:read',    'assigned'),
  ('caseworker',      'child:list',    'assigned'),
  ('caseworker',      'child:write',   'assigned'),
  ('supervisor',      'network:read',  'site'),
  ('supervisor',      'child:read',    'unit'),
  ('supervisor',      'child:list',    'unit'),
  ('supervisor',      'child:write',   'unit'),
  ('supervisor',      'audit:read',    'unit'),
  ('supervisor',      'outcomes:read', 'site'),
  ('rfa_worker',      'network:read',  'site'),
  ('qpi_coordinator', 'network:read',  'site'),
  ('qpi_coordinator', 'outcomes:read', 'site'),
  ('qpi_coordinator', 'rules:manage',  'site'),
  ('site_admin',      'network:read',  'site'),
  ('site_admin',      'user:manage',   'site'),
  ('site_admin',      'audit:read',    'site'),
  ('analyst',         'outcomes:read', 'site'),
  ('caregiver',       'child:read',    'own'),
  ('caregiver',       'child:list',    'own'),
  ('birth_parent',    'child:read',    'own'),
  ('birth_parent',    'child:list',    'own'),
  ('youth',           'child:read',    'own'),
  ('youth',           'child:list',    'own');

-- Append-only, hash-chained audit log, written in the caller's transaction.
CREATE TABLE audit_event (
  seq            bigserial PRIMARY KEY,
  occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id  uuid,
  site_id        uuid,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text,
  field_classes  text[] NOT NULL DEFAULT '{}',
  purpose        text,
  outcome        text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  ip             text,
  request_id     text,
  prev_hash      text NOT NULL,
  hash           text NOT NULL
);
CREATE INDEX audit_event_entity_idx ON audit_event(entity_type, entity_id, occurred_at);
CREATE INDEX audit_event_actor_idx ON audit_event(actor_user_id, occurred_at);

-- The log is append-only: rows cannot be changed or removed by the app.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
