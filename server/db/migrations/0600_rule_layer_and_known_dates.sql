-- Where a rule comes from, and honest effective dates.
-- layer: 'state' = state law or regulation; 'site' = a site's own QPI setting (it may be stricter than the
-- state, never looser); 'guidance' = network or federal guidance. The demo county's settings that were stored
-- as statewide rules (CA comfort call, icebreaker, hearing notice, court report; FL hearing notice) are labelled
-- as site settings here; their notes already said "this site's setting".
ALTER TABLE practice_rule ADD COLUMN layer text NOT NULL DEFAULT 'state'
  CHECK (layer IN ('state', 'site', 'guidance'));

-- A rule whose real start date the sources do not establish has no effective_from and says so in a note
-- (instead of a placeholder date). It applies to every day up to its effective_to.
ALTER TABLE practice_rule ALTER COLUMN effective_from DROP NOT NULL;
ALTER TABLE practice_rule ADD COLUMN effective_note text;
ALTER TABLE practice_rule ADD COLUMN effective_note_es text;
ALTER TABLE practice_rule ADD CONSTRAINT practice_rule_effective_known
  CHECK (effective_from IS NOT NULL OR (effective_note IS NOT NULL AND length(btrim(effective_note)) >= 3));

UPDATE practice_rule SET layer = 'site'
 WHERE (state_code = 'CA' AND practice IN ('comfort_call', 'icebreaker', 'hearing_caregiver_notice', 'caregiver_court_report'))
    OR (state_code = 'FL' AND practice = 'hearing_caregiver_notice');

-- Sibling visits at least monthly: the FL and MN rows cite Children's Bureau guidance, not a state rule.
UPDATE practice_rule SET layer = 'guidance'
 WHERE practice = 'sibling_visit' AND state_code IN ('FL', 'MN');

UPDATE practice_rule SET effective_from = NULL,
  effective_note = 'In force before 1 January 2019; start date not established.',
  effective_note_es = 'Vigente antes del 1 de enero de 2019; fecha de inicio no establecida.'
 WHERE effective_from = '2000-01-01' AND effective_to IS NOT NULL AND effective_to < '2019-01-01';

UPDATE practice_rule SET effective_from = NULL,
  effective_note = 'In force before 2019; start date not established.',
  effective_note_es = 'Vigente antes de 2019; fecha de inicio no establecida.'
 WHERE effective_from = '2000-01-01';

-- Minnesota's 30-day rule is the out-of-home placement plan (Minn. Stat. 260C.212), not a health and
-- education summary: its text says so in both languages (the practice code is unchanged so tasks keep their rule).
UPDATE practice_rule SET
  source_note = 'Out-of-home placement plan (Minn. Stat. 260C.212), prepared in consultation with the foster parent, within 30 days of placement.',
  source_note_es = 'Plan de colocación fuera del hogar (Minn. Stat. 260C.212), preparado en consulta con el padre de crianza, dentro de los 30 días siguientes a la colocación.'
 WHERE state_code = 'MN' AND practice = 'health_education_summary';
