import type { Generated } from "kysely";

export interface SiteSecurityPolicyTable {
  site_id: string;
  staff_idle_minutes: Generated<number>;
  family_idle_minutes: Generated<number>;
  absolute_hours: Generated<number>;
  mfa_required_for_staff: Generated<boolean>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface SignInFailureTable {
  id: Generated<string>;
  account_key: string;
  ip: string | null;
  /** The nonce of the valid device cookie the attempt came with. */
  device: string | null;
  occurred_at: Date;
}

export interface AccountLockoutTable {
  account_key: string;
  /** '*' the whole account, 'address:<addr>' one client address, 'device:<nonce>' one device cookie. */
  scope: Generated<string>;
  locked_until: Date;
  lockouts: Generated<number>;
}

export interface ServerSecretTable {
  name: string;
  secret: string;
  created_at: Generated<Date>;
}

export interface UserTotpTable {
  user_id: string;
  secret: string;
  confirmed_at: Date | null;
  last_time_step: string | number | null;
  created_at: Generated<Date>;
}

export interface UserRecoveryCodeTable {
  code_hash: string;
  user_id: string;
  used_at: Date | null;
  created_at: Generated<Date>;
}

export interface MfaChallengeTable {
  id_hash: string;
  user_id: string;
  purpose: "verify" | "enroll";
  attempts: Generated<number>;
  expires_at: Date;
  used_at: Date | null;
  created_at: Generated<Date>;
}

export interface AccountTokenTable {
  id_hash: string;
  user_id: string;
  purpose: "invitation" | "password_reset";
  site_id: string | null;
  created_by: string | null;
  expires_at: Date;
  used_at: Date | null;
  created_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Database {
    site_security_policy: SiteSecurityPolicyTable;
    sign_in_failure: SignInFailureTable;
    account_lockout: AccountLockoutTable;
    server_secret: ServerSecretTable;
    user_totp: UserTotpTable;
    user_recovery_code: UserRecoveryCodeTable;
    mfa_challenge: MfaChallengeTable;
    account_token: AccountTokenTable;
  }
}
