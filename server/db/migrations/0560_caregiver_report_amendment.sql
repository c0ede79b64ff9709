-- Amendments a caregiver adds to their report to the court before the hearing.
-- The report's original text never changes; each amendment is a new row, so
-- the court and the caseworker read the whole history in order. Rows are
-- append-only: a correction is another amendment.
CREATE TABLE caregiver_report_amendment (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id     uuid NOT NULL REFERENCES caregiver_report(id),
  child_id      uuid NOT NULL REFERENCES child(id),
  submitted_by  uuid NOT NULL REFERENCES user_account(id),
  submitted_at  timestamptz NOT NULL DEFAULT now(),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX caregiver_report_amendment_report_idx ON caregiver_report_amendment(report_id, submitted_at);

CREATE FUNCTION caregiver_report_amendment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'caregiver_report_amendment is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER caregiver_report_amendment_append_only BEFORE UPDATE OR DELETE ON caregiver_report_amendment
  FOR EACH ROW EXECUTE FUNCTION caregiver_report_amendment_append_only();
