-- Writing a site's brand statement and expectations (QPI's "define" step, issue 15): the site's QPI coordinator
-- drafts a new version and adopts it on a date with who took part (migration 0681 keeps adopted versions frozen).
INSERT INTO permission (code, description) VALUES
  ('statement:write', 'Draft and adopt versions of a site''s brand statement and expectations');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('qpi_coordinator', 'statement:write', 'site')
ON CONFLICT DO NOTHING;
