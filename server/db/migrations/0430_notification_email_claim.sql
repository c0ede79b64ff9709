-- The mail job's outbox lease: a short transaction claims unsent notifications (claim time and token), the SMTP
-- conversation happens after commit, and each sent message is marked in its own statement guarded by the token.
-- A claim older than the lease (a crashed sender) can be claimed again, so no email is lost.
ALTER TABLE notification ADD COLUMN email_claimed_at timestamptz;
ALTER TABLE notification ADD COLUMN email_claim_token text;
