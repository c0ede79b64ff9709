-- Who sees which outcomes (issue 5). Two aggregate-only scopes join the ones
-- of 0004 (and 'shared' of 0110):
--   'state'    every site of the state of the site where the role is held
--   'network'  every site of the network
-- They reach aggregates only: no child record is ever reached through them
-- (child-scope.ts answers FALSE), and what they show is small-cell suppressed
-- (server/modules/outcomes/suppression.ts).
--
-- The scope CHECK is replaced whatever its name: 0110 may have redefined it.
DO $$
DECLARE c record;
BEGIN
  FOR c IN
    SELECT con.conname FROM pg_constraint con
    JOIN pg_class rel ON rel.oid = con.conrelid
    WHERE rel.relname = 'role_permission' AND con.contype = 'c' AND pg_get_constraintdef(con.oid) LIKE '%scope%'
  LOOP
    EXECUTE format('ALTER TABLE role_permission DROP CONSTRAINT %I', c.conname);
  END LOOP;
END $$;

ALTER TABLE role_permission ADD CONSTRAINT role_permission_scope_check
  CHECK (scope IN ('site', 'unit', 'assigned', 'own', 'shared', 'state', 'network'));

-- The issue's "state/network analyst": a role held at one site (the analyst's
-- home agency) whose outcome reach is the state or the whole network. The
-- site 'analyst' of 0002 stays the site's own analyst, with exact figures.
INSERT INTO role (code, kind, description) VALUES
  ('state_analyst',   'staff', 'Reads suppressed aggregate outcomes of every site of a state'),
  ('network_analyst', 'staff', 'Reads suppressed aggregate outcomes of every site of the network');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('state_analyst',   'outcomes:read', 'state'),
  ('network_analyst', 'outcomes:read', 'network');
