-- Rules as data: the practices a rule can set, the events that start them, the exclusions that spare a child and
-- the people a notice goes to are rows (labels in English and Spanish), no longer CHECK constraints, so a site's
-- coordinator adds a practice of the site's own (for example Los Angeles County's call between a child and the
-- family within hours of protective custody) without a migration. The existing codes stay valid.

-- A practice a rule can set. Network-wide when state_code and site_id are null; a state's own when state_code is
-- set; a site's own when site_id is set (then state_code is the site's state).
CREATE TABLE practice_kind (
  code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{2,59}$'),
  label_en        text NOT NULL CHECK (length(btrim(label_en)) BETWEEN 2 AND 120),
  label_es        text NOT NULL CHECK (length(btrim(label_es)) BETWEEN 2 AND 120),
  description_en  text CHECK (description_en IS NULL OR length(description_en) <= 1000),
  description_es  text CHECK (description_es IS NULL OR length(description_es) <= 1000),
  state_code      text CHECK (state_code IS NULL OR state_code ~ '^[A-Z]{2}$'),
  site_id         uuid REFERENCES site(id),
  -- How a task of the kind is completed: a caseworker's form, or the plan's signatures (partnership plan).
  completion      text NOT NULL DEFAULT 'form' CHECK (completion IN ('form', 'signatures')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid REFERENCES user_account(id),
  CHECK (site_id IS NULL OR state_code IS NOT NULL)
);

-- An event that starts a practice's task. The placement and hearing code fires these codes; a rule counting
-- "before" the event needs an event known ahead (a planned move, a hearing).
CREATE TABLE rule_trigger (
  code           text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{2,59}$'),
  label_en       text NOT NULL,
  label_es       text NOT NULL,
  allows_before  boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- A fact that spares a child a practice (the task is recorded as not required, with the reason).
CREATE TABLE rule_exclusion (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{2,59}$'),
  label_en    text NOT NULL,
  label_es    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Who a practice's notice goes to, and which kinds notify whom.
CREATE TABLE practice_recipient (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{2,59}$'),
  label_en    text NOT NULL,
  label_es    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE practice_kind_recipient (
  kind_code       text NOT NULL REFERENCES practice_kind(code),
  recipient_code  text NOT NULL REFERENCES practice_recipient(code),
  PRIMARY KEY (kind_code, recipient_code)
);

INSERT INTO practice_kind (code, label_en, label_es) VALUES
  ('comfort_call', 'Comfort call', 'Llamada de bienvenida'),
  ('icebreaker', 'Icebreaker meeting', 'Reunión para romper el hielo'),
  ('planned_move_notice', 'Notice of planned move', 'Aviso de cambio planificado'),
  ('emergency_move_notice', 'Notice of emergency move', 'Aviso de cambio de emergencia'),
  ('health_education_summary', 'Health and education information', 'Información de salud y educación'),
  ('medication_handover', 'Medications and treatment information', 'Medicamentos e información del tratamiento'),
  ('cft_meeting', 'Child and family team meeting', 'Reunión del equipo del niño y la familia'),
  ('sibling_visit', 'Sibling visit', 'Visita entre hermanos'),
  ('hearing_caregiver_notice', 'Hearing notice to caregiver', 'Aviso de audiencia al cuidador'),
  ('caregiver_court_report', 'Caregiver''s report to the court', 'Informe del cuidador al tribunal');

-- The partnership plan (QPI's "define" step), completed by both parties' signatures on the plan.
INSERT INTO practice_kind (code, label_en, label_es, description_en, description_es, completion) VALUES
  ('partnership_plan', 'Partnership plan', 'Plan de colaboración',
   'The caregiver and a case-management representative go through and sign the partnership plan.',
   'El cuidador y un representante de la gestión del caso revisan y firman el plan de colaboración.', 'signatures');

INSERT INTO rule_trigger (code, label_en, label_es, allows_before) VALUES
  ('any_placement', 'Every placement or move', 'Cada colocación o cambio', false),
  ('initial_placement', 'First placement', 'Primera colocación', false),
  ('later_placement', 'Each later placement', 'Cada colocación posterior', false),
  ('planned_move', 'Planned move', 'Cambio planificado', true),
  ('emergency_move', 'Emergency move', 'Cambio de emergencia', false),
  ('siblings_separated', 'Siblings placed apart', 'Hermanos colocados por separado', false),
  ('hearing', 'Court hearing', 'Audiencia judicial', true);

INSERT INTO rule_exclusion (code, label_en, label_es) VALUES
  ('expedited_tpr', 'Expedited termination of parental rights', 'Terminación acelerada de la patria potestad'),
  ('parent_incarcerated', 'Parent incarcerated', 'Padre o madre en prisión'),
  ('placed_with_relatives', 'Placed with relatives', 'Colocado con familiares'),
  ('group_care', 'Group care', 'Cuidado en grupo'),
  ('contrary_to_safety', 'Contrary to safety', 'Contrario a la seguridad');

INSERT INTO practice_recipient (code, label_en, label_es) VALUES
  ('caregiver', 'Caregiver', 'Cuidador'),
  ('birth_parents', 'Birth parents', 'Padres biológicos'),
  ('child_attorney', 'Child''s attorney', 'Abogado del niño');

INSERT INTO practice_kind_recipient (kind_code, recipient_code) VALUES
  ('planned_move_notice', 'caregiver'), ('planned_move_notice', 'birth_parents'), ('planned_move_notice', 'child_attorney'),
  ('emergency_move_notice', 'caregiver'), ('emergency_move_notice', 'birth_parents'),
  ('emergency_move_notice', 'child_attorney');

-- The vocabulary CHECKs go (and the one rule per key per day exclusion, which now counts the site too).
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conrelid = 'practice_rule'::regclass AND contype IN ('c', 'x') LOOP
    IF c.contype = 'x'
       OR c.def LIKE '%comfort_call%' OR c.def LIKE '%any_placement%' OR c.def LIKE '%expedited_tpr%'
       OR c.def LIKE '%due_amount%' OR c.def LIKE '%planned_move%' THEN
      EXECUTE format('ALTER TABLE practice_rule DROP CONSTRAINT %I', c.conname);
    END IF;
  END LOOP;
END;
$$;

-- A site's own setting belongs to its site: a site's coordinator edits only its rows. Rows of layer 'site' written
-- before this column have no site: they stand for every site of the state until a site sets its own.
ALTER TABLE practice_rule ADD COLUMN site_id uuid REFERENCES site(id);
ALTER TABLE practice_rule ADD CONSTRAINT practice_rule_site_layer CHECK (site_id IS NULL OR layer = 'site');
ALTER TABLE practice_rule ADD CONSTRAINT practice_rule_practice_fk FOREIGN KEY (practice) REFERENCES practice_kind(code);
ALTER TABLE practice_rule ADD CONSTRAINT practice_rule_trigger_fk FOREIGN KEY (trigger) REFERENCES rule_trigger(code);
-- 0 = on the day of the event (Florida's partnership plan is signed at the move itself).
ALTER TABLE practice_rule ADD CONSTRAINT practice_rule_due_amount CHECK (due_amount >= 0 AND due_amount <= 400);
ALTER TABLE practice_rule ADD CONSTRAINT practice_rule_one_version_a_day
  EXCLUDE USING gist (state_code WITH =, (COALESCE(site_id, '00000000-0000-0000-0000-000000000000'::uuid)) WITH =,
                      practice WITH =, trigger WITH =, applies_to WITH =,
                      daterange(effective_from, effective_to, '[]') WITH &&);
CREATE INDEX practice_rule_site_idx ON practice_rule(site_id) WHERE site_id IS NOT NULL;

ALTER TABLE practice_task ADD CONSTRAINT practice_task_practice_fk FOREIGN KEY (practice) REFERENCES practice_kind(code);

-- What the foreign keys cannot say of an array or across tables: each exclusion is a known one, a "before" deadline
-- needs an event known ahead, a kind of a state or site is used only there, and a site rule is of the site's state.
CREATE FUNCTION practice_rule_vocabulary() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unknown text;
  kind record;
BEGIN
  SELECT e INTO unknown FROM unnest(NEW.exclusions) AS e WHERE e NOT IN (SELECT code FROM rule_exclusion) LIMIT 1;
  IF unknown IS NOT NULL THEN
    RAISE EXCEPTION 'unknown exclusion %', unknown USING ERRCODE = 'check_violation',
      CONSTRAINT = 'practice_rule_exclusions_known';
  END IF;
  IF NEW.due_direction = 'before' AND NOT EXISTS (SELECT 1 FROM rule_trigger WHERE code = NEW.trigger AND allows_before) THEN
    RAISE EXCEPTION 'a deadline before % is not possible', NEW.trigger USING ERRCODE = 'check_violation',
      CONSTRAINT = 'practice_rule_before_known_event';
  END IF;
  SELECT state_code, site_id INTO kind FROM practice_kind WHERE code = NEW.practice;
  IF (kind.state_code IS NOT NULL AND kind.state_code <> NEW.state_code)
     OR (kind.site_id IS NOT NULL AND kind.site_id IS DISTINCT FROM NEW.site_id) THEN
    RAISE EXCEPTION 'practice % is not of this jurisdiction', NEW.practice USING ERRCODE = 'check_violation',
      CONSTRAINT = 'practice_rule_kind_jurisdiction';
  END IF;
  IF NEW.site_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM site WHERE id = NEW.site_id AND state_code = NEW.state_code) THEN
    RAISE EXCEPTION 'site is not in state %', NEW.state_code USING ERRCODE = 'check_violation',
      CONSTRAINT = 'practice_rule_site_state';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER practice_rule_vocabulary BEFORE INSERT OR UPDATE ON practice_rule
  FOR EACH ROW EXECUTE FUNCTION practice_rule_vocabulary();

-- The partnership plan's signing (qpi.md §1.5).
-- Florida: "effective 2018, a new Partnership Plan must be signed by the caregiver and a case-management
-- representative each time a child moves placement, and filed in the child's file" — so at every placement, on the
-- day of the placement (0 days). The exact start date in 2018 is not established by the source.
-- California: the Partnership Plan's first intended use is "at first placement, go through each element to discuss
-- the child's needs and how they will be met" — QPI and CDSS guidance, not a statute; so a guidance rule on the day
-- of the first placement.
INSERT INTO practice_rule (state_code, practice, trigger, applies_to, due_amount, due_unit, due_direction, exclusions,
  effective_from, effective_note, effective_note_es, layer, source_url, source_note, source_note_es) VALUES
('FL', 'partnership_plan', 'any_placement', 'all', 0, 'days', 'after', '{}', NULL,
 'In force since 2018; exact start date not established.',
 'Vigente desde 2018; fecha de inicio exacta no establecida.', 'state',
 'https://sccfl.org/safechildrencoalition-blog/2019/7/17/partnership-plan-for-children-in-out-of-home-care',
 'A new Partnership Plan is signed by the caregiver and a case-management representative each time a child moves placement, and filed in the child''s file (s. 409.1415 parenting partnerships).',
 'Cada vez que el niño cambia de colocación, el cuidador y un representante de la gestión del caso firman un nuevo Plan de Colaboración, que se archiva en el expediente del niño (s. 409.1415, colaboración en la crianza).'),
('CA', 'partnership_plan', 'initial_placement', 'all', 0, 'days', 'after', '{}', NULL,
 'In use since the California Partnership Plan was adopted; start date not established.',
 'En uso desde la adopción del Plan de Colaboración de California; fecha de inicio no establecida.', 'guidance',
 'https://sonomacounty.ca.gov/Human-Services/Family-Youth-Children/Services/Foster-Care/California-Partnership-Plan/',
 'At first placement, go through each element of the California Partnership Plan to discuss the child''s needs and how they will be met (QPI, CWDA and CDSS).',
 'En la primera colocación, revisar cada elemento del Plan de Colaboración de California para hablar de las necesidades del niño y de cómo se atenderán (QPI, CWDA y CDSS).');
