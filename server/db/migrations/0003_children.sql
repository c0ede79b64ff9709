-- Children in care, the people around them, resource family households,
-- removal episodes and placements. Practices, rules and tasks come later
-- (0200–0299); these are the histories outcomes are measured from.

CREATE TABLE household (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id          uuid NOT NULL REFERENCES site(id),
  name             text NOT NULL,
  -- AFCARS distinguishes relative from non-relative family homes; facilities
  -- (group homes, institutions) are households of kind 'facility'.
  kind             text NOT NULL CHECK (kind IN ('resource_family', 'relative', 'facility')),
  address_line1    text,
  city             text,
  postal_code      text,
  phone            text,
  capacity         integer CHECK (capacity IS NULL OR capacity > 0),
  inquiry_on       date,
  approved_on      date,
  closed_on        date,
  closure_reason   text CHECK (closure_reason IS NULL OR closure_reason IN
                     ('adopted', 'guardianship', 'family_request', 'moved', 'agency_decision', 'transferred', 'other')),
  -- The caregiver's recorded consent to share address and phone with birth parents.
  contact_shared_with_birth_parents boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  CHECK (closed_on IS NULL OR approved_on IS NULL OR closed_on >= approved_on)
);
CREATE INDEX household_site_idx ON household(site_id);

CREATE TABLE household_member (
  household_id  uuid NOT NULL REFERENCES household(id),
  person_id     uuid NOT NULL REFERENCES person(id),
  role          text NOT NULL CHECK (role IN ('primary_caregiver', 'caregiver', 'adult_member', 'staff')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (household_id, person_id)
);
CREATE INDEX household_member_person_idx ON household_member(person_id);

CREATE TABLE child (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id            uuid NOT NULL UNIQUE REFERENCES person(id),
  site_id              uuid NOT NULL REFERENCES site(id),
  case_number          text NOT NULL,
  race_ethnicity       text NOT NULL DEFAULT 'unknown' CHECK (race_ethnicity IN
                         ('american_indian_alaska_native', 'asian', 'black', 'hispanic', 'native_hawaiian_pacific_islander',
                          'white', 'two_or_more', 'unknown')),
  languages            text[] NOT NULL DEFAULT ARRAY['en'],
  icwa                 boolean NOT NULL DEFAULT false,
  tribal_affiliation   text,
  school               text,
  school_of_origin     text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  UNIQUE (site_id, case_number)
);
CREATE INDEX child_site_idx ON child(site_id);

-- People linked to a child: birth parents, guardians, relatives. Siblings are
-- relations between two children, so sibling groups are derived.
CREATE TABLE child_relation (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id    uuid NOT NULL REFERENCES child(id),
  person_id   uuid NOT NULL REFERENCES person(id),
  kind        text NOT NULL CHECK (kind IN ('birth_parent', 'legal_guardian', 'relative',
                                            'sibling_full', 'sibling_half', 'sibling_step')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (child_id, person_id, kind)
);
CREATE INDEX child_relation_person_idx ON child_relation(person_id);

CREATE TABLE removal_episode (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id        uuid NOT NULL REFERENCES child(id),
  site_id         uuid NOT NULL REFERENCES site(id),
  removal_date    date NOT NULL,
  removal_reason  text NOT NULL,
  exit_date       date,
  exit_reason     text CHECK (exit_reason IS NULL OR exit_reason IN
                    ('reunification', 'relative', 'guardianship', 'adoption', 'emancipation',
                     'transfer', 'runaway', 'death')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK (exit_date IS NULL OR exit_date >= removal_date),
  CHECK ((exit_date IS NULL) = (exit_reason IS NULL)),
  -- Episodes of one child never overlap.
  EXCLUDE USING gist (child_id WITH =, daterange(removal_date, exit_date, '[]') WITH &&)
);
CREATE INDEX removal_episode_site_idx ON removal_episode(site_id, removal_date);

CREATE TABLE placement (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id           uuid NOT NULL REFERENCES removal_episode(id),
  child_id             uuid NOT NULL REFERENCES child(id),
  site_id              uuid NOT NULL REFERENCES site(id),
  household_id         uuid REFERENCES household(id),
  -- AFCARS placement settings (legacy element 41, kept in the 2020 rule).
  setting              text NOT NULL CHECK (setting IN
                         ('pre_adoptive_home', 'relative_family_home', 'nonrelative_family_home', 'group_home',
                          'institution', 'supervised_independent_living', 'runaway', 'trial_home_visit')),
  start_date           date NOT NULL,
  end_date             date,
  -- How the child came to this placement.
  change_kind          text NOT NULL CHECK (change_kind IN ('initial', 'planned', 'emergency', 'unplanned')),
  change_requested_by  text CHECK (change_requested_by IS NULL OR change_requested_by IN
                         ('agency', 'caregiver', 'child', 'birth_parent', 'court', 'other')),
  change_reason        text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  CHECK (end_date IS NULL OR end_date >= start_date),
  -- A child has at most one placement on any given day; a move ends the old
  -- placement the day the new one starts ('[)' ranges).
  EXCLUDE USING gist (child_id WITH =, daterange(start_date, end_date, '[)') WITH &&)
);
-- One open placement per child.
CREATE UNIQUE INDEX placement_one_open_idx ON placement(child_id) WHERE end_date IS NULL;
CREATE INDEX placement_episode_idx ON placement(episode_id, start_date);
CREATE INDEX placement_household_idx ON placement(household_id) WHERE end_date IS NULL;
CREATE INDEX placement_site_idx ON placement(site_id, start_date);

-- The child's team with dates: who works with and for this child.
CREATE TABLE child_team_member (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id    uuid NOT NULL REFERENCES child(id),
  person_id   uuid NOT NULL REFERENCES person(id),
  role        text NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'casa', 'guardian_ad_litem', 'attorney',
                                            'education_rights_holder')),
  starts_on   date NOT NULL,
  ends_on     date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX child_team_child_idx ON child_team_member(child_id);
CREATE INDEX child_team_person_idx ON child_team_member(person_id) WHERE ends_on IS NULL;
