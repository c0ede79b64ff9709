-- Stale availability is a top caregiver complaint (placement calls to homes that are full or on hold): approved homes
-- are asked by email to confirm their availability when it was last confirmed more than 30 days ago, at most once
-- every 30 days (a site practice from issue 14, not a state rule). The caregiver confirms on My home.
ALTER TABLE household ADD COLUMN availability_asked_on date;
INSERT INTO scheduled_job (name, interval_secs) VALUES ('household_availability_check', 3600);
