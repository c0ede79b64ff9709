-- The network every module hangs on: states, sites (a county, a state region,
-- a private agency) with their QPI launch date, offices and units, people.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE network_state (
  code        char(2) PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE site (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code             text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,32}$'),
  name             text NOT NULL,
  state_code       char(2) NOT NULL REFERENCES network_state(code),
  kind             text NOT NULL CHECK (kind IN ('county', 'state_region', 'judicial_circuit', 'private_agency', 'tribe')),
  time_zone        text NOT NULL,
  qpi_launch_date  date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1
);

CREATE TABLE unit (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id         uuid NOT NULL REFERENCES site(id),
  parent_unit_id  uuid REFERENCES unit(id),
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('office', 'unit')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, name)
);
CREATE INDEX unit_site_idx ON unit(site_id);

-- One profile per person, whatever parts they play: a birth mother who later
-- becomes a resource parent, a youth who turns 18 and signs in, a worker.
CREATE TABLE person (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id             uuid NOT NULL REFERENCES site(id),
  given_name          text NOT NULL,
  family_name         text NOT NULL,
  preferred_name      text,
  birth_date          date,
  sex                 text CHECK (sex IN ('female', 'male', 'unknown')),
  email               text,
  phone               text,
  address_line1       text,
  city                text,
  postal_code         text,
  preferred_language  text NOT NULL DEFAULT 'en',
  created_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1
);
CREATE INDEX person_site_idx ON person(site_id);
CREATE INDEX person_name_idx ON person(site_id, lower(family_name), lower(given_name));
