import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor, HeldPermission } from "./actor.js";
import { childScope } from "./child-scope.js";
import type { Permission } from "./permissions.js";
import "./tables.js";

const NO_USER = "00000000-0000-0000-0000-000000000000";

/**
 * The actor a grant would make: `role` at `siteId` (no unit) for `personId`,
 * holding the role's permissions. Nothing is written; it exists so the
 * children a grant would reach can be asked of `childScope` like any read.
 */
export function prospectiveActor(
  grant: { personId: string | null; role: string; siteId: string },
  rolePermissions: Pick<HeldPermission, "permission" | "scope">[],
  /** The site's calendar day now (the granter's), against which the grant's reach is judged. */
  siteDay: string,
): Actor {
  return {
    kind: "user",
    userId: NO_USER,
    personId: grant.personId ?? NO_USER,
    displayName: "",
    email: "",
    locale: "en",
    grants: [{ role: grant.role, siteId: grant.siteId, unitId: null }],
    permissions: rolePermissions.map((p) => ({ ...p, siteId: grant.siteId, unitId: null })),
    siteDays: { [grant.siteId]: siteDay },
    ip: null,
    requestId: null,
  };
}

/** Scopes that only ever mean records around a child (the caseload, the unit, the family, a share). */
const RECORD_SCOPES = new Set(["unit", "assigned", "own", "shared"]);

/**
 * The permissions through which a grant reaches child records: every one
 * held with a record scope, and the child record's own permissions
 * (child:read, child:list …) at any scope — a site-wide `network:read` or
 * `user:invite` reaches no child.
 */
function childPermissions(actor: Actor): HeldPermission[] {
  return actor.permissions.filter((p) => RECORD_SCOPES.has(p.scope) || p.permission.startsWith("child:"));
}

/**
 * Whether `grantee` would reach, through any of its child permissions, a
 * child that `granter` does not reach with `permission` (child:read). A path
 * that grants access is checked as strictly as a read: an inviter may hand
 * out only what they themselves may read. Answers in one query.
 */
export async function grantReachesBeyond(
  db: Kysely<Database>,
  granter: Actor,
  grantee: Actor,
  permission: Permission = "child:read",
): Promise<boolean> {
  const reaching = childPermissions(grantee);
  if (reaching.length === 0) return false;
  const codes = [...new Set(reaching.map((p) => p.permission))];
  const row = await db
    .selectFrom("child")
    .select(sql`1`.as("one"))
    .where((eb) => eb.or(codes.map((code) => childScope(grantee, code)(eb))))
    .where((eb) => eb.not(childScope(granter, permission)(eb)))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
