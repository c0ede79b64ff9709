import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import "./tables.js";

/** A site's session and second-factor rules (security.md §session). */
export interface SecurityPolicy {
  staffIdleMinutes: number;
  familyIdleMinutes: number;
  absoluteHours: number;
  mfaRequiredForStaff: boolean;
  version: number;
}

/** What a site without a policy row gets: the production defaults, MFA on. */
export const productionDefaults: SecurityPolicy = {
  staffIdleMinutes: 15,
  familyIdleMinutes: 30,
  absoluteHours: 12,
  mfaRequiredForStaff: true,
  version: 0,
};

export async function policyOfSite(db: Kysely<Database>, siteId: string): Promise<SecurityPolicy> {
  const row = await db.selectFrom("site_security_policy").selectAll().where("site_id", "=", siteId).executeTakeFirst();
  if (!row) return productionDefaults;
  return {
    staffIdleMinutes: row.staff_idle_minutes,
    familyIdleMinutes: row.family_idle_minutes,
    absoluteHours: row.absolute_hours,
    mfaRequiredForStaff: row.mfa_required_for_staff,
    version: row.version,
  };
}

/** The rules that bind one user: the strictest of the sites they hold roles at. */
export interface UserSessionRules {
  isStaff: boolean;
  idleMinutes: number;
  absoluteHours: number;
  mfaRequired: boolean;
}

export async function sessionRulesOf(db: Kysely<Database>, userId: string): Promise<UserSessionRules> {
  const grants = await db
    .selectFrom("role_grant")
    .innerJoin("role", "role.code", "role_grant.role_code")
    .select(["role_grant.site_id", "role.kind"])
    .where("role_grant.user_id", "=", userId)
    .execute();
  const isStaff = grants.some((g) => g.kind === "staff");
  const siteIds = [...new Set(grants.map((g) => g.site_id))];
  const policies: SecurityPolicy[] = [];
  for (const id of siteIds) policies.push(await policyOfSite(db, id));
  const all = policies.length ? policies : [productionDefaults];
  const idle = Math.min(...all.map((p) => (isStaff ? p.staffIdleMinutes : p.familyIdleMinutes)));
  return {
    isStaff,
    idleMinutes: idle,
    absoluteHours: Math.min(...all.map((p) => p.absoluteHours)),
    mfaRequired: isStaff && all.some((p) => p.mfaRequiredForStaff),
  };
}
