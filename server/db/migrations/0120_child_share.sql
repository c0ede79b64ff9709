-- Access is separate from assignment: a child's record shared with a named
-- user of the child's site (a CASA volunteer, a therapist, a worker covering)
-- for a stated reason until a date. The share grants reading the record
-- (child:read and child:list through the 'shared' scope, see child-scope.ts);
-- it grants no sensitive field class of its own (the recipient keeps only
-- field rights their role has at the site); it ends by itself after `ends_on`
-- or when revoked. Rows are kept after they end: they are the record of who was
-- let in, why and by whom.
CREATE TABLE child_share (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id             uuid NOT NULL REFERENCES child(id),
  site_id              uuid NOT NULL REFERENCES site(id),
  shared_with_user_id  uuid NOT NULL REFERENCES user_account(id),
  reason               text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  starts_on            date NOT NULL,
  -- The last day the share holds (inclusive).
  ends_on              date NOT NULL,
  created_by           uuid NOT NULL REFERENCES user_account(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  revoked_at           timestamptz,
  revoked_by           uuid REFERENCES user_account(id),
  CHECK (ends_on >= starts_on),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX child_share_child_idx ON child_share(child_id, created_at);
CREATE INDEX child_share_user_idx ON child_share(shared_with_user_id, child_id);

INSERT INTO permission (code, description) VALUES
  ('child:share', 'Share a child''s record with a named user of the site, for a reason, until a date');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caseworker', 'child:share', 'assigned'),
  ('supervisor', 'child:share', 'unit');
