-- Case-plan tasks staff share with the birth parent (issue 13: "the case-plan tasks the agency shares with me"):
-- services, visits and classes with due dates. The parent marks progress with a note; the caseworker reads the
-- updates. A birth parent's right to inspect their own case plan: WIC 827(a)(1)(D) (research/security.md §1.8).
CREATE TABLE case_plan_task (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id            uuid NOT NULL REFERENCES child(id),
  site_id             uuid NOT NULL REFERENCES site(id),
  kind                text NOT NULL CHECK (kind IN ('service', 'visit', 'class')),
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  due_on              date,
  shared_with_parent  boolean NOT NULL DEFAULT false,
  status              text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done')),
  created_by          uuid NOT NULL REFERENCES user_account(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1
);
CREATE INDEX case_plan_task_child_idx ON case_plan_task(child_id, due_on);

CREATE TABLE case_plan_task_update (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id     uuid NOT NULL REFERENCES case_plan_task(id),
  user_id     uuid NOT NULL REFERENCES user_account(id),
  status      text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
  note        text CHECK (note IS NULL OR length(note) <= 2000),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_plan_task_update_task_idx ON case_plan_task_update(task_id, created_at);

INSERT INTO permission (code, description) VALUES
  ('case_plan:manage',   'Keep a child''s case-plan tasks and choose which the birth parent sees (staff)'),
  ('case_plan:progress', 'Mark progress on the case-plan tasks shared with one (birth parent)');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caseworker',   'case_plan:manage',   'assigned'),
  ('supervisor',   'case_plan:manage',   'unit'),
  ('birth_parent', 'case_plan:progress', 'own');
