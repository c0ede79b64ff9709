-- The youth's own page (issue 13): a permission of its own (youth, own scope:
-- themself), and the rule-set content it shows — from what age the page opens
-- and the state's foster youth bill of rights, summarised in our own words,
-- with its source and effective dates, per state.
INSERT INTO permission (code, description) VALUES
  ('youth:read', 'Read one''s own youth page (a youth in care)');
INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('youth', 'youth:read', 'own');

CREATE TABLE youth_page_rule (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_code      text NOT NULL,
  min_age         integer NOT NULL CHECK (min_age BETWEEN 10 AND 21),
  min_age_source  text NOT NULL,
  rights_en       jsonb NOT NULL,
  rights_es       jsonb NOT NULL,
  source_title    text NOT NULL,
  source_url      text NOT NULL CHECK (source_url LIKE 'https://%'),
  effective_from  date NOT NULL,
  effective_to    date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX youth_page_rule_state_idx ON youth_page_rule(state_code, effective_from);

INSERT INTO youth_page_rule (state_code, min_age, min_age_source, rights_en, rights_es, source_title, source_url, effective_from)
VALUES (
  'CA', 14,
  'No state rule sets the age at which the youth page opens; site setting.',
  '["To live in a safe, comfortable home and to be treated with respect.", "To get the health care you need, including mental health care, and to keep some of it private.", "To stay in touch with your family, brothers and sisters, unless a judge says otherwise.", "To make and get private phone calls and mail.", "To go to school, take part in activities and keep your belongings.", "To go to your court hearings and talk to the judge.", "To talk privately with your caseworker, your attorney and your CASA.", "To see your case plan and help make it.", "To not be locked in a room or punished in ways that hurt.", "To make a complaint without getting in trouble for it."]'::jsonb,
  '["Vivir en un hogar seguro y cómodo y ser tratado con respeto.", "Recibir la atención médica que necesitas, incluida la salud mental, y mantener parte de ella en privado.", "Mantener contacto con tu familia y tus hermanos, salvo que un juez diga otra cosa.", "Hacer y recibir llamadas y correo en privado.", "Ir a la escuela, participar en actividades y conservar tus pertenencias.", "Ir a tus audiencias en la corte y hablar con el juez.", "Hablar en privado con tu trabajador social, tu abogado y tu CASA.", "Ver tu plan de caso y ayudar a hacerlo.", "No ser encerrado en un cuarto ni castigado de formas que lastimen.", "Presentar una queja sin meterte en problemas por hacerlo."]'::jsonb,
  'California Welfare and Institutions Code § 16001.9 (Foster Youth Bill of Rights), summarised',
  'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=WIC&sectionNum=16001.9',
  '2020-01-01'
);
