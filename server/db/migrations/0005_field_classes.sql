-- Field classes: sensitive kinds of information inside a record. Reading a
-- class is a permission like any other ('fields:<class>'), held by role.
INSERT INTO permission (code, description) VALUES
  ('fields:caregiver_contact',  'See a caregiver''s address and phone'),
  ('fields:reporter_identity',  'See who reported maltreatment'),
  ('fields:health',             'See health information (youth-controlled where the law says so)'),
  ('fields:substance_use',      'See substance-use treatment information (42 CFR Part 2)'),
  ('fields:education',          'See education records (FERPA)');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caseworker',   'fields:caregiver_contact', 'assigned'),
  ('caseworker',   'fields:reporter_identity', 'assigned'),
  ('caseworker',   'fields:health',            'assigned'),
  ('caseworker',   'fields:substance_use',     'assigned'),
  ('caseworker',   'fields:education',         'assigned'),
  ('supervisor',   'fields:caregiver_contact', 'unit'),
  ('supervisor',   'fields:reporter_identity', 'unit'),
  ('supervisor',   'fields:health',            'unit'),
  ('supervisor',   'fields:substance_use',     'unit'),
  ('supervisor',   'fields:education',         'unit'),
  ('rfa_worker',   'fields:caregiver_contact', 'site'),
  ('caregiver',    'fields:health',            'own'),
  ('caregiver',    'fields:education',         'own'),
  ('youth',        'fields:health',            'own'),
  ('youth',        'fields:education',         'own'),
  -- A birth parent's right to a caregiver's contact is conditional: the
  -- caregiver's recorded consent and no court order against it (see field-classes.ts).
  ('birth_parent', 'fields:caregiver_contact', 'own'),
  ('birth_parent', 'fields:education',         'own');
