-- Sign-in throttling that cannot be turned against an account's owner
-- (OWASP "Slow down online guessing attacks with device cookies"): failures
-- are counted per (account, client address) pair first, the account as a
-- whole is locked only when failures come from many addresses, and a browser
-- the owner signed in from before (a signed device cookie) is judged on its
-- own failures only.

-- The device cookie's nonce when the failed attempt came with a valid one.
ALTER TABLE sign_in_failure ADD COLUMN device text;
CREATE INDEX sign_in_failure_pair_idx ON sign_in_failure(account_key, ip, occurred_at);
CREATE INDEX sign_in_failure_device_idx ON sign_in_failure(device, occurred_at) WHERE device IS NOT NULL;

-- A lockout now has a scope: '*' the whole account (for browsers it does not
-- know), 'address:<addr>' one client address, 'device:<nonce>' one device cookie.
ALTER TABLE account_lockout ADD COLUMN scope text NOT NULL DEFAULT '*';
ALTER TABLE account_lockout DROP CONSTRAINT account_lockout_pkey;
ALTER TABLE account_lockout ADD PRIMARY KEY (account_key, scope);

-- Server-side secrets the instances share (the key that signs device cookies).
-- Made on first use; replacing a row invalidates what it signed.
CREATE TABLE server_secret (
  name        text PRIMARY KEY,
  secret      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
