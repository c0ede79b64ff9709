-- An unfinished intake can be handed to another worker of its site (a shift
-- ends, the case goes to the worker who will carry it): held_by is who may
-- read, save and finish the draft now; created_by stays its author. The
-- handover itself is in the audit log (intake.draft.handover).
ALTER TABLE intake_draft ADD COLUMN held_by uuid REFERENCES user_account(id);
UPDATE intake_draft SET held_by = created_by;
ALTER TABLE intake_draft ALTER COLUMN held_by SET NOT NULL;
DROP INDEX intake_draft_author_idx;
CREATE INDEX intake_draft_holder_idx ON intake_draft(held_by) WHERE completed_at IS NULL;
