-- The life of a case in the platform: intake drafts, how a removal happened,
-- and corrections of placement and episode records kept as history.

-- AFCARS element 25 (manner of removal from home): 1 voluntary placement
-- agreement, 2 court ordered, 3 not yet determined. The removal's local time
-- ("HH:MM" in the site's zone) is what the worker saw on the day.
ALTER TABLE removal_episode ADD COLUMN legal_authority text
  CHECK (legal_authority IS NULL OR legal_authority IN ('voluntary', 'court_ordered', 'not_yet_determined'));
ALTER TABLE removal_episode ADD COLUMN removal_time text
  CHECK (removal_time IS NULL OR removal_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');

-- An intake in progress: what the worker typed, saved step by step on the
-- server, so a closed tab or a lost phone signal loses nothing. Only its
-- author reads it; it is finished once the child, removal and placement exist.
CREATE TABLE intake_draft (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id       uuid NOT NULL REFERENCES site(id),
  created_by    uuid NOT NULL REFERENCES user_account(id),
  step          text NOT NULL CHECK (step IN ('child', 'removal', 'placement', 'team', 'review')),
  answers       jsonb NOT NULL DEFAULT '{}',
  child_id      uuid REFERENCES child(id),
  completed_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);
CREATE INDEX intake_draft_author_idx ON intake_draft(created_by) WHERE completed_at IS NULL;

-- A correction of a mistyped date or setting: the value before and after and
-- the worker's reason, kept beside the record it changed (the record itself
-- holds the corrected value, which the outcomes projection reads).
CREATE TABLE record_correction (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id      uuid NOT NULL REFERENCES child(id),
  site_id       uuid NOT NULL REFERENCES site(id),
  entity_type   text NOT NULL CHECK (entity_type IN ('placement', 'removal_episode')),
  entity_id     uuid NOT NULL,
  field         text NOT NULL,
  old_value     text,
  new_value     text,
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  corrected_by  uuid NOT NULL REFERENCES user_account(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_correction_child_idx ON record_correction(child_id, created_at);
