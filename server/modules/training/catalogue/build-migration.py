# Writes migration 0700 from the first catalogue (tip-sheets.json) and migration 0730 from the larger catalogue
# (more/topics.json and more/items-*.json, read in name order): python3 build-migration.py
import json, os
d=json.load(open(os.path.join(os.path.dirname(__file__), 'tip-sheets.json')))
def q(s): return "'"+s.replace("'","''")+"'"
out=["-- Training library (issue 16): topics, items, hours rules, completions, the search log.",
"-- Search: full-text with the 'english' and 'spanish' configurations plus trigram similarity on titles.",
"CREATE EXTENSION IF NOT EXISTS pg_trgm;",
"""
CREATE TABLE training_topic (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name_en  text NOT NULL,
  name_es  text NOT NULL
);

CREATE TABLE training_item (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL UNIQUE,
  site_id       uuid REFERENCES site(id),
  format        text NOT NULL CHECK (format IN ('tip_sheet', 'video', 'podcast', 'webinar', 'course')),
  topic_code    text NOT NULL REFERENCES training_topic(code),
  age_min       integer NOT NULL CHECK (age_min BETWEEN 0 AND 21),
  age_max       integer NOT NULL CHECK (age_max BETWEEN 0 AND 21 AND age_max >= age_min),
  credit_hours  numeric(4,2) NOT NULL CHECK (credit_hours >= 0 AND credit_hours <= 40),
  title_en      text NOT NULL,
  title_es      text NOT NULL,
  summary_en    text NOT NULL,
  summary_es    text NOT NULL,
  body_en       text NOT NULL,
  body_es       text NOT NULL,
  search_en     tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title_en), 'A') || setweight(to_tsvector('english', summary_en), 'B')
    || setweight(to_tsvector('english', body_en), 'C')) STORED,
  search_es     tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('spanish', title_es), 'A') || setweight(to_tsvector('spanish', summary_es), 'B')
    || setweight(to_tsvector('spanish', body_es), 'C')) STORED,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_item_search_en ON training_item USING gin (search_en);
CREATE INDEX training_item_search_es ON training_item USING gin (search_es);
CREATE INDEX training_item_title_trgm ON training_item USING gin ((title_en || ' ' || title_es) gin_trgm_ops);

-- Foster-care words a caregiver types, and what the library calls them (data, not code).
CREATE TABLE training_synonym (
  term       text PRIMARY KEY CHECK (term = lower(term)),
  expansion  text NOT NULL
);

-- Training hours a family owes, per state, versioned with effective dates and the source. hours NULL = not established.
CREATE TABLE training_hours_rule (
  id              serial PRIMARY KEY,
  state_code      text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  kind            text NOT NULL CHECK (kind IN ('pre_approval', 'annual')),
  hours           numeric(5,2) CHECK (hours IS NULL OR hours > 0),
  effective_from  date NOT NULL,
  effective_to    date CHECK (effective_to IS NULL OR effective_to > effective_from),
  source_url      text CHECK (hours IS NULL OR source_url IS NOT NULL),
  note            text NOT NULL,
  note_es         text NOT NULL,
  UNIQUE (state_code, kind, effective_from)
);

CREATE TABLE training_completion (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id       uuid NOT NULL REFERENCES person(id),
  site_id         uuid NOT NULL REFERENCES site(id),
  item_id         uuid NOT NULL REFERENCES training_item(id),
  method          text NOT NULL CHECK (method IN ('attested', 'quiz', 'attendance')),
  hours           numeric(4,2) NOT NULL CHECK (hours > 0),
  completed_on    date NOT NULL,
  completed_year  integer NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, item_id, completed_year)
);
CREATE INDEX training_completion_person ON training_completion (person_id, completed_year);

-- What was searched and how many items answered: no person, no account.
CREATE TABLE training_search_log (
  id            bigserial PRIMARY KEY,
  site_id       uuid NOT NULL REFERENCES site(id),
  query         text NOT NULL CHECK (length(query) <= 200),
  result_count  integer NOT NULL,
  searched_at   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO permission (code, description) VALUES
  ('training:read',     'Search and read the training library'),
  ('training:complete', 'Record one''s own completed training and see one''s hours'),
  ('training:coordinate', 'See the training search log of a site');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caregiver',       'training:read',       'own'),
  ('caregiver',       'training:complete',   'own'),
  ('caseworker',      'training:read',       'site'),
  ('supervisor',      'training:read',       'site'),
  ('rfa_worker',      'training:read',       'site'),
  ('qpi_coordinator', 'training:read',       'site'),
  ('qpi_coordinator', 'training:coordinate', 'site');

INSERT INTO training_hours_rule (state_code, kind, hours, effective_from, source_url, note, note_es) VALUES
  ('CA', 'pre_approval', 12, '2017-01-01',
   'https://kids-alliance.org/ufaqs/understand-training-requirements-potential-caregivers-changed-new-rfa-guidelines-whats-changed/',
   'Resource Family Approval: at least 12 hours of pre-approval training (counties may require more).',
   'Aprobación de Familias de Recursos: al menos 12 horas de capacitación antes de la aprobación (los condados pueden exigir más).'),
  ('CA', 'annual', 8, '2017-01-01',
   'https://fosterquest.helpjuice.com/102219-foster-parents/annual-training-requirements',
   'Resource Family Approval: at least 8 hours of training a year per resource parent, including the reasonable and prudent parent standard.',
   'Aprobación de Familias de Recursos: al menos 8 horas de capacitación al año por cada padre de recursos, incluido el estándar del padre razonable y prudente.'),
  ('FL', 'annual', NULL, '2017-01-01', NULL, 'Not established: no state rule recorded yet; a site setting until the source is found.',
   'No establecido: aún no hay una regla estatal registrada; una configuración del sitio hasta encontrar la fuente.'),
  ('MN', 'annual', NULL, '2017-01-01', NULL, 'Not established: no state rule recorded yet; a site setting until the source is found.',
   'No establecido: aún no hay una regla estatal registrada; una configuración del sitio hasta encontrar la fuente.');
"""]
out.append("INSERT INTO training_topic (code, name_en, name_es) VALUES")
out.append(",\n".join(f"  ({q(t['code'])}, {q(t['en'])}, {q(t['es'])})" for t in d['topics'])+";")
syn=[("rpps","reasonable prudent parent normalcy activities"),("rpp","reasonable prudent parent normalcy activities"),
("normalcy","reasonable prudent parent activities"),("cft","child family team meeting"),("iep","individualized education program special education"),
("tpr","termination parental rights"),("icwa","indian child welfare act tribe culture"),("sleepover","sleepover activities normalcy"),
("pijamada","pijamada actividades normalidad"),("meds","medication"),("psychotropics","psychotropic medication"),
("ran","runs away missing"),("runaway","runs away missing"),("escapó","escapa desaparecido"),("visits","family time visitation"),
("visitas","visitas tiempo en familia"),("gay","lgbtq"),("trans","lgbtq transgender"),("burnout","self-care secondary trauma"),
("respite","self-care respite")]
out.append("\nINSERT INTO training_synonym (term, expansion) VALUES")
out.append(",\n".join(f"  ({q(a)}, {q(b)})" for a,b in syn)+";")
out.append("\nINSERT INTO training_item (code, format, topic_code, age_min, age_max, credit_hours, title_en, title_es, summary_en, summary_es, body_en, body_es) VALUES")
rows=[]
for i in d['items']:
    rows.append(f"  ({q(i['code'])}, 'tip_sheet', {q(i['topic'])}, {i['ageMin']}, {i['ageMax']}, {i['hours']},\n   {q(i['en']['title'])}, {q(i['es']['title'])}, {q(i['en']['summary'])}, {q(i['es']['summary'])},\n   {q(chr(10).join(i['en']['body']))}, {q(chr(10).join(i['es']['body']))})")
out.append(",\n".join(rows)+";")
open(os.path.join(os.path.dirname(__file__), '../../../db/migrations/0700_training.sql'),'w').write("\n".join(out)+"\n")


# Migration 0730: the topics the first catalogue did not have, and the items written for the larger catalogue.
# Explicit column lists of training_topic and training_item only; every item is network-wide (no site_id).
FORMATS = ("tip_sheet", "video", "podcast", "webinar", "course")
more_dir = os.path.join(os.path.dirname(__file__), 'more')
more_topics = json.load(open(os.path.join(more_dir, 'topics.json')))
known = {t['code'] for t in d['topics']} | {t['code'] for t in more_topics}
codes = {i['code'] for i in d['items']}
items = []
for name in sorted(f for f in os.listdir(more_dir) if f.startswith('items-') and f.endswith('.json')):
    for i in json.load(open(os.path.join(more_dir, name))):
        fmt = i.get('format', 'tip_sheet')
        assert fmt in FORMATS, (i['code'], fmt)
        assert i['topic'] in known, (i['code'], i['topic'])
        assert i['code'] not in codes, i['code']
        assert 0 <= i['ageMin'] <= i['ageMax'] <= 21, i['code']
        for lang in ('en', 'es'):
            assert i[lang]['title'].strip() and i[lang]['summary'].strip() and i[lang]['body'], (i['code'], lang)
        codes.add(i['code'])
        items.append(dict(i, format=fmt))
m = ["-- Training catalogue, second part (issue 16): more topics and items written for the project, in English and Spanish.",
     "-- Generated by server/modules/training/catalogue/build-migration.py from catalogue/more/*.json; edit those, not this file.",
     "INSERT INTO training_topic (code, name_en, name_es) VALUES",
     ",\n".join(f"  ({q(t['code'])}, {q(t['en'])}, {q(t['es'])})" for t in more_topics) + ";",
     "",
     "INSERT INTO training_item (code, format, topic_code, age_min, age_max, credit_hours, title_en, title_es, summary_en, summary_es, body_en, body_es) VALUES"]
m.append(",\n".join(
    f"  ({q(i['code'])}, {q(i['format'])}, {q(i['topic'])}, {i['ageMin']}, {i['ageMax']}, {i['hours']},\n   {q(i['en']['title'])}, {q(i['es']['title'])}, {q(i['en']['summary'])}, {q(i['es']['summary'])},\n   {q(chr(10).join(i['en']['body']))}, {q(chr(10).join(i['es']['body']))})"
    for i in items) + ";")
# Summaries of first-catalogue items rewritten in the words caregivers search with (more/summaries.json).
first_codes = {i['code'] for i in d['items']}
updates = json.load(open(os.path.join(more_dir, 'summaries.json')))
m.append("")
m.append("-- Summaries of first-catalogue items, rewritten in the words caregivers use when they search.")
for u in updates:
    assert u['code'] in first_codes, u['code']
    m.append(f"UPDATE training_item SET summary_en = {q(u['en'])}, summary_es = {q(u['es'])} WHERE code = {q(u['code'])};")
open(os.path.join(os.path.dirname(__file__), '../../../db/migrations/0730_training_catalogue.sql'), 'w').write("\n".join(m) + "\n")
print(f"0730: {len(more_topics)} topics, {len(items)} items; catalogue total {len(d['items']) + len(items)} items")
