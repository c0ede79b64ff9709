-- The shared file store (server/platform/files): photos and PDFs kept in the database as bytea, on PGlite and
-- PostgreSQL alike, so a backup, a restore and the transaction of the record that uses a file cover its bytes too.
-- Only JPEG, PNG and PDF recognised from the content are stored, at most 10 MB, photos with their metadata removed
-- (the code checks; the constraints below are the last wall). A row is reached only through the record of the module
-- that holds its id, whose scoped service decides who may read it.
CREATE TABLE stored_file (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id       uuid NOT NULL REFERENCES site(id),
  uploaded_by   uuid NOT NULL REFERENCES user_account(id),
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  byte_size     integer NOT NULL CHECK (byte_size BETWEEN 1 AND 10485760),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content       bytea NOT NULL CHECK (octet_length(content) = byte_size),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stored_file_site_idx ON stored_file(site_id);
