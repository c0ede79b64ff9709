-- The birth parent's own page about their child (issue 13): a permission of
-- its own, so the page and its API are reached by birth parents for their own
-- child only, never by staff through a wider scope.
INSERT INTO permission (code, description) VALUES
  ('family:read', 'Read the family page about one''s own child (birth parent)');
INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('birth_parent', 'family:read', 'own');
