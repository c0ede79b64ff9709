-- Surveys (QPI's "improve" step, issue 15): a site's QPI coordinator publishes a short survey, built from an
-- instrument, to the caregivers, birth parents or youth of the site; they answer from their own page.
-- Anonymous by construction: a response row has no account, person or time of day, and the receipt that stops a
-- second response names the account and the survey only — no column joins a receipt to a response.

-- The instruments a survey is built from: question sets written for this project, each following the domains of a
-- published instrument (its source_note). Questions: [{ "id", "kind": "scale"|"yes_no"|"choice"|"text",
-- "en", "es", "required", "choices": [{ "value", "en", "es" }] }].
CREATE TABLE survey_instrument (
  code         text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  title_en     text NOT NULL,
  title_es     text NOT NULL,
  questions    jsonb NOT NULL CHECK (jsonb_typeof(questions) = 'array' AND jsonb_array_length(questions) > 0),
  source_note  text NOT NULL
);

CREATE TABLE survey (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id             uuid NOT NULL REFERENCES site(id),
  instrument_code     text NOT NULL REFERENCES survey_instrument(code),
  audience            text NOT NULL CHECK (audience IN ('caregiver', 'birth_parent', 'youth')),
  title_en            text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
  title_es            text NOT NULL CHECK (length(title_es) BETWEEN 1 AND 200),
  -- The questions as published, copied from the instrument: a later change of the instrument never alters them.
  questions           jsonb NOT NULL,
  opens_on            date NOT NULL,
  closes_on           date NOT NULL CHECK (closes_on >= opens_on),
  created_by_user_id  uuid NOT NULL REFERENCES user_account(id),
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_site_idx ON survey(site_id, opens_on);

-- One response: the answers and the calendar day only.
CREATE TABLE survey_response (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id     uuid NOT NULL REFERENCES survey(id),
  submitted_on  date NOT NULL,
  -- { "<question id>": 1..5 | "yes" | "no" | "<choice value>" | "<text>" }
  answers       jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object')
);
CREATE INDEX survey_response_survey_idx ON survey_response(survey_id);

-- That an account has answered a survey (one response each), and nothing else: no time, no response id.
CREATE TABLE survey_receipt (
  survey_id  uuid NOT NULL REFERENCES survey(id),
  user_id    uuid NOT NULL REFERENCES user_account(id),
  PRIMARY KEY (survey_id, user_id)
);

INSERT INTO survey_instrument (code, title_en, title_es, questions, source_note) VALUES
('caregiver_experience', 'How is it going? Caregiver experience', '¿Cómo le va? Experiencia de las familias de crianza',
 '[
  {"id":"respect","kind":"scale","required":true,"en":"Agency staff treat me with respect.","es":"El personal de la agencia me trata con respeto."},
  {"id":"information","kind":"scale","required":true,"en":"I got the information I needed about the child when the child came to live with me.","es":"Recibí la información que necesitaba sobre el niño o la niña cuando llegó a vivir conmigo."},
  {"id":"included","kind":"scale","required":true,"en":"I am included in meetings and decisions about the children in my care.","es":"Me incluyen en las reuniones y decisiones sobre los niños a mi cuidado."},
  {"id":"callback","kind":"yes_no","required":true,"en":"When I call or write to my caseworker, I hear back within one working day.","es":"Cuando llamo o escribo a mi trabajador social, me responde en un día hábil."},
  {"id":"payments","kind":"scale","required":false,"en":"Payments and reimbursements arrive on time.","es":"Los pagos y reembolsos llegan a tiempo."},
  {"id":"training","kind":"choice","required":false,"en":"Which kind of training would help you most?","es":"¿Qué tipo de capacitación le ayudaría más?","choices":[
    {"value":"behaviour","en":"Children''s behaviour and trauma","es":"Conducta de los niños y trauma"},
    {"value":"birth_family","en":"Working with birth families","es":"Trabajar con las familias biológicas"},
    {"value":"court","en":"Court and my role in it","es":"La corte y mi papel en ella"},
    {"value":"school","en":"School and education rights","es":"La escuela y los derechos educativos"}]},
  {"id":"change","kind":"text","required":false,"en":"What one thing should the agency change?","es":"¿Qué cosa debería cambiar la agencia?"}
 ]',
 'Written for this project after the domains of Washington DCYF''s annual caregiver survey (treatment by staff, information about the child, inclusion, responsiveness, reimbursements, training): https://www.dcyf.wa.gov/services/foster-parenting/caregiver-survey'),
('icebreaker_evaluation', 'The icebreaker meeting', 'La reunión para romper el hielo',
 '[
  {"id":"useful","kind":"scale","required":true,"en":"The meeting helped me get to know the other family.","es":"La reunión me ayudó a conocer a la otra familia."},
  {"id":"comfortable","kind":"scale","required":true,"en":"I felt comfortable saying what I wanted to say.","es":"Me sentí cómodo o cómoda diciendo lo que quería decir."},
  {"id":"plan","kind":"yes_no","required":true,"en":"We agreed how we will share news about the child.","es":"Acordamos cómo compartiremos noticias sobre el niño o la niña."},
  {"id":"better","kind":"text","required":false,"en":"What would have made the meeting better?","es":"¿Qué habría mejorado la reunión?"}
 ]',
 'Written for this project in the spirit of the QPI icebreaker meeting evaluation forms (qpi.md §1.3, §4.3); no text copied.'),
('home_exit', 'Leaving foster care: tell us why', 'Dejar de ser familia de crianza: díganos por qué',
 '[
  {"id":"reason","kind":"choice","required":true,"en":"What is the main reason you are closing your home?","es":"¿Cuál es la razón principal por la que cierra su hogar?","choices":[
    {"value":"adopted","en":"We adopted or became guardians","es":"Adoptamos o nos hicimos tutores"},
    {"value":"support","en":"Not enough support from the agency","es":"No hubo suficiente apoyo de la agencia"},
    {"value":"communication","en":"Communication with staff","es":"La comunicación con el personal"},
    {"value":"family","en":"Changes in our own family","es":"Cambios en nuestra propia familia"},
    {"value":"other","en":"Something else","es":"Otra razón"}]},
  {"id":"valued","kind":"scale","required":true,"en":"I felt valued as a member of the child''s team.","es":"Me sentí valorado o valorada como parte del equipo del niño o la niña."},
  {"id":"return","kind":"yes_no","required":false,"en":"Would you consider fostering again?","es":"¿Consideraría volver a ser familia de crianza?"},
  {"id":"tell","kind":"text","required":false,"en":"Anything else you want us to know?","es":"¿Algo más que quiera decirnos?"}
 ]',
 'Written for this project after the Florida DCF study of why licensed homes closed (exit interviews; qpi.md §3.4, §4.3); no text copied.');

INSERT INTO permission (code, description) VALUES
  ('survey:manage',  'Publish surveys to a site''s caregivers, birth parents or youth and read their results'),
  ('survey:respond', 'Answer the surveys published to one''s own role at one''s site');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('qpi_coordinator', 'survey:manage',  'site'),
  ('caregiver',       'survey:respond', 'own'),
  ('birth_parent',    'survey:respond', 'own'),
  ('youth',           'survey:respond', 'own')
ON CONFLICT DO NOTHING;
