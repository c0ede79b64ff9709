-- What a signed-in request's actor is built from changes rarely; reading it on every request cost four queries.
-- Each instance caches the built actor per session for a few seconds, and uses the cached one only while these
-- versions, read in the same statement that loads the session, are unchanged. Triggers bump them in the
-- transaction that changes access, so the very next request of any instance sees the change.
--   user_account.access_version: the account's own grants, shares given to it, status, email, language, name.
--   access_epoch.version: what every actor depends on — role → permission rows, a site's time zone, the sites'
--   security policies (the idle timeout cached beside the actor).
ALTER TABLE user_account ADD COLUMN access_version bigint NOT NULL DEFAULT 0;

CREATE TABLE access_epoch (
  only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version     bigint NOT NULL DEFAULT 0,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO access_epoch DEFAULT VALUES;

CREATE FUNCTION bump_access_version_of(account uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE user_account SET access_version = access_version + 1 WHERE id = account;
$$;

-- A row that gives an account access (a role grant; a share, to the account it is shared with) bumps that
-- account's version when it is written, changed or removed, and both accounts' when it moves from one to another.
-- TG_ARGV[0] names the row's account column.
CREATE FUNCTION row_bumps_access_of_account() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_account uuid := CASE WHEN TG_OP <> 'INSERT' THEN (to_jsonb(OLD) ->> TG_ARGV[0])::uuid END;
  after_account uuid := CASE WHEN TG_OP <> 'DELETE' THEN (to_jsonb(NEW) ->> TG_ARGV[0])::uuid END;
BEGIN
  IF before_account IS NOT NULL THEN PERFORM bump_access_version_of(before_account); END IF;
  IF after_account IS DISTINCT FROM before_account AND after_account IS NOT NULL THEN
    PERFORM bump_access_version_of(after_account);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER role_grant_access_version AFTER INSERT OR UPDATE OR DELETE ON role_grant
  FOR EACH ROW EXECUTE FUNCTION row_bumps_access_of_account('user_id');
CREATE TRIGGER child_share_access_version AFTER INSERT OR UPDATE OR DELETE ON child_share
  FOR EACH ROW EXECUTE FUNCTION row_bumps_access_of_account('shared_with_user_id');

-- The account row itself: bumped in place, before the row is written.
CREATE FUNCTION user_account_bumps_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.access_version := OLD.access_version + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER user_account_access_version BEFORE UPDATE ON user_account
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
     OR OLD.email IS DISTINCT FROM NEW.email
     OR OLD.preferred_language IS DISTINCT FROM NEW.preferred_language
     OR OLD.person_id IS DISTINCT FROM NEW.person_id)
  EXECUTE FUNCTION user_account_bumps_access();

-- The actor carries the user's name; only a person who has an account is touched (person_id is unique there).
CREATE FUNCTION person_name_bumps_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE user_account SET access_version = access_version + 1 WHERE person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER person_name_access_version AFTER UPDATE ON person
  FOR EACH ROW
  WHEN (OLD.given_name IS DISTINCT FROM NEW.given_name OR OLD.family_name IS DISTINCT FROM NEW.family_name)
  EXECUTE FUNCTION person_name_bumps_access();

CREATE FUNCTION access_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_epoch SET version = version + 1, changed_at = now();
  RETURN NULL;
END $$;
CREATE TRIGGER role_permission_access_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_permission
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER site_time_zone_access_epoch AFTER UPDATE OF time_zone ON site
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER security_policy_access_epoch AFTER INSERT OR UPDATE OR DELETE ON site_security_policy
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
