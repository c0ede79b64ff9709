-- Barriers and action plans (QPI's "improve" step, issue 15): the barriers a site finds (from focus groups,
-- surveys, concerns, its data), the work groups that take them on, and their action items with an owner, a due
-- date and a status; the steering committee follows them on the site's dashboard beside the outcome measures each
-- barrier should move.

CREATE TABLE work_group (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id     uuid NOT NULL REFERENCES site(id),
  kind        text NOT NULL CHECK (kind IN ('steering_committee', 'work_group')),
  name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, name)
);

CREATE TABLE barrier (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id        uuid NOT NULL REFERENCES site(id),
  title          text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  source         text NOT NULL CHECK (source IN ('focus_group', 'survey', 'concern', 'data')),
  -- The concern or survey it came from, when it came from one (of the same site: the service checks).
  concern_id     uuid REFERENCES concern(id),
  survey_id      uuid REFERENCES survey(id),
  work_group_id  uuid REFERENCES work_group(id),
  -- Outcome measure ids of the outcomes module's catalogue this barrier should move.
  measure_ids    text[] NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  raised_on      date NOT NULL,
  resolved_on    date CHECK (resolved_on IS NULL OR resolved_on >= raised_on),
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK ((status = 'resolved') = (resolved_on IS NOT NULL))
);
CREATE INDEX barrier_site_idx ON barrier(site_id, status);

CREATE TABLE action_item (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id        uuid NOT NULL REFERENCES site(id),
  barrier_id     uuid NOT NULL REFERENCES barrier(id),
  work_group_id  uuid REFERENCES work_group(id),
  title          text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  -- Who owns it: a person's name as the work group writes it (partners such as the court may have no account).
  owner          text NOT NULL CHECK (length(owner) BETWEEN 2 AND 200),
  due_on         date NOT NULL,
  status         text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done')),
  done_on        date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK ((status = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX action_item_barrier_idx ON action_item(barrier_id);

INSERT INTO permission (code, description) VALUES
  ('improve:read',   'Read a site''s barriers, action items and implementation dashboard'),
  ('improve:manage', 'Record a site''s barriers, work groups and action items');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('qpi_coordinator', 'improve:read',   'site'),
  ('qpi_coordinator', 'improve:manage', 'site'),
  ('supervisor',      'improve:read',   'site'),
  ('site_admin',      'improve:read',   'site')
ON CONFLICT DO NOTHING;
