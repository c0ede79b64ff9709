-- Numbered after 0340, whose roles (state and network analysts) and scopes it names.
-- Who may grant which role (issue 9, Access). An invitation is a path that
-- grants access, so which roles a role may hand out is data, like which
-- permissions it holds: one row per (granter role, grantable role). The
-- identity service checks it in one place, for every invitation and resend;
-- it also requires that the inviter reads, with child:read, every child the
-- new account would reach (see README, "Who may grant which role").
--
-- Roles that reach beyond one site (a permission with scope 'state' or
-- 'network') are granted only by a network administrator: a granter must
-- also hold network:administer, whatever this table says.
INSERT INTO role (code, kind, description) VALUES
  ('network_admin', 'staff', 'Administers the network: grants the roles that reach beyond one site');

INSERT INTO permission (code, description) VALUES
  ('network:administer', 'Grant roles that reach beyond one site (state and network analysts, network administrators)');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('network_admin', 'network:read',       'site'),
  ('network_admin', 'user:invite',        'site'),
  ('network_admin', 'user:manage',        'site'),
  ('network_admin', 'network:administer', 'network');

CREATE TABLE role_grantable (
  granter_role_code    text NOT NULL REFERENCES role(code),
  grantable_role_code  text NOT NULL REFERENCES role(code),
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (granter_role_code, grantable_role_code)
);

INSERT INTO role_grantable (granter_role_code, grantable_role_code) VALUES
  -- Staff who work with families invite the families of the children they read.
  ('caseworker',    'caregiver'),
  ('caseworker',    'birth_parent'),
  ('caseworker',    'youth'),
  ('supervisor',    'caregiver'),
  ('supervisor',    'birth_parent'),
  ('supervisor',    'youth'),
  ('rfa_worker',    'caregiver'),
  ('rfa_worker',    'birth_parent'),
  ('rfa_worker',    'youth'),
  -- A site administrator staffs the site: every role held at one site.
  ('site_admin',    'caseworker'),
  ('site_admin',    'supervisor'),
  ('site_admin',    'rfa_worker'),
  ('site_admin',    'qpi_coordinator'),
  ('site_admin',    'site_admin'),
  ('site_admin',    'analyst'),
  ('site_admin',    'caregiver'),
  ('site_admin',    'birth_parent'),
  ('site_admin',    'youth'),
  -- A network administrator also grants the roles that reach beyond a site.
  ('network_admin', 'caseworker'),
  ('network_admin', 'supervisor'),
  ('network_admin', 'rfa_worker'),
  ('network_admin', 'qpi_coordinator'),
  ('network_admin', 'site_admin'),
  ('network_admin', 'analyst'),
  ('network_admin', 'state_analyst'),
  ('network_admin', 'network_analyst'),
  ('network_admin', 'network_admin'),
  ('network_admin', 'caregiver'),
  ('network_admin', 'birth_parent'),
  ('network_admin', 'youth');
