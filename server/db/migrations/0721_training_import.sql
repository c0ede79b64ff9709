-- Training library (issue 16): a site's own items imported from CSV by the site's QPI coordinator.
INSERT INTO permission (code, description) VALUES
  ('training:import', 'Import items into a site''s own training library from CSV');
INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('qpi_coordinator', 'training:import', 'site');
