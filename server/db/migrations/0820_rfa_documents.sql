-- Resource families (issue 14), documents and e-signatures in the approval pipeline. The documents an approval asks
-- for are data per state, with effective dates and the source that names them (research qpi.md §3.1); a state with
-- no rows has "not established" requirements and the pipeline asks for none. Each upload keeps its stored file
-- (type checked from content, photo metadata removed, at most 10 MB) and the worker's review with its reason.
-- Attestations the applicant signs are versioned texts in both languages; a signature keeps the typed name, the
-- account, the instant and the SHA-256 of the exact text shown.

CREATE TABLE rfa_document_requirement (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_code       text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  code             text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,60}$'),
  -- Who normally provides it: the applicant (uploaded from their own page) or the RFA worker.
  provided_by      text NOT NULL CHECK (provided_by IN ('applicant', 'worker')),
  -- Whether approval waits for it accepted; others are asked for after approval or only when they apply.
  blocks_approval  boolean NOT NULL,
  sort_order       integer NOT NULL,
  effective_from   date NOT NULL,
  effective_to     date,
  source_url       text NOT NULL,
  source_note      text NOT NULL,
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX rfa_document_requirement_state_idx ON rfa_document_requirement (state_code, effective_from);

INSERT INTO rfa_document_requirement
  (state_code, code, provided_by, blocks_approval, sort_order, effective_from, source_url, source_note)
VALUES
  ('CA', 'rfa_01b_criminal_record_statement', 'applicant', true, 10, '2017-01-01',
   'https://theacademy.sdsu.edu/?p=9004111222059241',
   'RFA 01B Criminal Record Statement, one of the RFA forms (county equivalents allowed); background check, Written Directives 6-03A.'),
  ('CA', 'pre_approval_training_certificate', 'applicant', true, 20, '2017-01-01',
   'https://kids-alliance.org/ufaqs/understand-training-requirements-potential-caregivers-changed-new-rfa-guidelines-whats-changed/',
   'Proof of the pre-approval training (at least 12 hours), Written Directives 6-06.'),
  ('CA', 'dmv_report', 'applicant', false, 30, '2017-01-01',
   'https://policy.dcfs.lacounty.gov/Policy?id=5919',
   'DMV report for each adult who will transport children (LA County RFA policy); asked only where it applies.'),
  ('CA', 'rfa_03_home_health_safety_checklist', 'worker', true, 40, '2017-01-01',
   'https://theacademy.sdsu.edu/?p=9004111222059241',
   'RFA 03 Home Health and Safety Assessment Checklist (Home Environment Assessment, Written Directives 6-02).'),
  ('CA', 'rfa_05_written_report', 'worker', true, 50, '2017-01-01',
   'https://theacademy.sdsu.edu/?p=9004111222059241',
   'RFA 05 Written Report (Written Directives 6-07).'),
  ('CA', 'rfa_05a_approval_certificate', 'worker', false, 60, '2017-01-01',
   'https://theacademy.sdsu.edu/?p=9004111222059241',
   'RFA 05A Approval Certificate (Written Directives 6-08), issued at approval.'),
  ('CA', 'cpr_first_aid_certificate', 'applicant', false, 70, '2017-01-01',
   'https://kids-alliance.org/ufaqs/understand-training-requirements-potential-caregivers-changed-new-rfa-guidelines-whats-changed/',
   'CPR and first aid certification, no later than 90 days after approval.');

CREATE TABLE household_document (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id   uuid NOT NULL REFERENCES household(id),
  site_id        uuid NOT NULL REFERENCES site(id),
  requirement_id uuid NOT NULL REFERENCES rfa_document_requirement(id),
  file_id        uuid NOT NULL REFERENCES stored_file(id),
  uploaded_by    uuid NOT NULL REFERENCES user_account(id),
  uploaded_as    text NOT NULL CHECK (uploaded_as IN ('applicant', 'worker')),
  status         text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'rejected')),
  reviewed_by    uuid REFERENCES user_account(id),
  reviewed_at    timestamptz,
  review_reason  text CHECK (review_reason IS NULL OR length(review_reason) <= 1000),
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- A rejection always says why, so the applicant knows what to send again.
  CHECK (status <> 'rejected' OR length(trim(review_reason)) >= 3),
  CHECK ((status = 'submitted') = (reviewed_by IS NULL))
);
CREATE INDEX household_document_household_idx ON household_document (household_id, created_at);

-- Statements the applicant signs, versioned; a version's text never changes once written (its hash is signed).
CREATE TABLE rfa_attestation (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code            text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,60}$'),
  version         integer NOT NULL CHECK (version > 0),
  state_code      text CHECK (state_code IS NULL OR state_code ~ '^[A-Z]{2}$'),
  text_en         text NOT NULL,
  text_es         text NOT NULL,
  effective_from  date NOT NULL,
  effective_to    date,
  source_note     text NOT NULL,
  UNIQUE (code, version)
);
CREATE FUNCTION rfa_attestation_text_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.text_en IS DISTINCT FROM OLD.text_en OR NEW.text_es IS DISTINCT FROM OLD.text_es THEN
    RAISE EXCEPTION 'rfa_attestation text is fixed once written; add a version' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER rfa_attestation_text_fixed BEFORE UPDATE ON rfa_attestation
  FOR EACH ROW EXECUTE FUNCTION rfa_attestation_text_fixed();

-- The platform's own application statement (not a state form: the state's forms are uploaded as documents above).
INSERT INTO rfa_attestation (code, version, state_code, text_en, text_es, effective_from, source_note) VALUES
  ('application_truthful', 1, NULL,
   'I confirm that the information I gave in this application, and the documents I uploaded, are true and complete to the best of my knowledge. I will tell the agency promptly about any change in my household.',
   'Confirmo que la información que di en esta solicitud, y los documentos que subí, son verdaderos y completos según mi leal saber. Informaré a la agencia pronto de cualquier cambio en mi hogar.',
   '2017-01-01',
   'Written for this platform so the applicant confirms the application; it is not a state form and cites no rule.');

CREATE TABLE household_signature (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id    uuid NOT NULL REFERENCES household(id),
  site_id         uuid NOT NULL REFERENCES site(id),
  attestation_id  uuid NOT NULL REFERENCES rfa_attestation(id),
  signer_user_id  uuid NOT NULL REFERENCES user_account(id),
  typed_name      text NOT NULL CHECK (length(typed_name) BETWEEN 2 AND 200),
  locale          text NOT NULL CHECK (locale IN ('en', 'es')),
  text_sha256     text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  signed_at       timestamptz NOT NULL,
  UNIQUE (household_id, attestation_id, signer_user_id)
);
CREATE INDEX household_signature_household_idx ON household_signature (household_id);
