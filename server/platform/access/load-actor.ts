import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { isLocale, type Locale } from "../i18n/locale.js";
import type { Actor, HeldPermission } from "./actor.js";
import { isPermission, type Permission } from "./permissions.js";
import "./tables.js";

/** Builds the actor of a signed-in user from their current role grants and the role → permission data. */
export async function loadActor(
  db: Kysely<Database>,
  userId: string,
  request: { ip: string | null; requestId: string | null; locale?: Locale },
): Promise<Actor | null> {
  const user = await db
    .selectFrom("user_account")
    .innerJoin("person", "person.id", "user_account.person_id")
    .select([
      "user_account.id",
      "user_account.email",
      "user_account.preferred_language",
      "person.id as person_id",
      "person.given_name",
      "person.family_name",
    ])
    .where("user_account.id", "=", userId)
    .where("user_account.status", "=", "active")
    .executeTakeFirst();
  if (!user) return null;
  const today = new Date().toISOString().slice(0, 10);
  const grants = await db
    .selectFrom("role_grant")
    .select(["role_code", "site_id", "unit_id"])
    .where("user_id", "=", userId)
    .where("starts_on", "<=", today)
    .where((eb) => eb.or([eb("ends_on", "is", null), eb("ends_on", ">=", today)]))
    .execute();
  const permissions = grants.length
    ? await db
        .selectFrom("role_permission")
        .select(["role_code", "permission_code", "scope"])
        .where("role_code", "in", [...new Set(grants.map((g) => g.role_code))])
        .execute()
    : [];
  const roleSites = new Set(grants.map((g) => g.site_id));
  // A user who has been given a share at a site of theirs holds child:read and
  // child:list there through the 'shared' scope; which children (and until
  // when) is decided per record by childScope. Ended shares still count here,
  // so once a share ends the record answers 404 like any other out of reach.
  const shareSites = (
    await db.selectFrom("child_share").select("site_id").distinct().where("shared_with_user_id", "=", userId).execute()
  ).filter((s) => roleSites.has(s.site_id));
  const shared: HeldPermission[] = shareSites.flatMap((s) =>
    (["child:read", "child:list"] as const).map((permission) => ({
      permission,
      scope: "shared" as const,
      siteId: s.site_id,
      unitId: null,
    })),
  );
  return {
    kind: "user",
    userId: user.id,
    personId: user.person_id,
    displayName: `${user.given_name} ${user.family_name}`,
    email: user.email,
    locale: request.locale ?? (isLocale(user.preferred_language) ? user.preferred_language : "en"),
    grants: grants.map((g) => ({ role: g.role_code, siteId: g.site_id, unitId: g.unit_id })),
    permissions: grants
      .flatMap((g): HeldPermission[] =>
        permissions
          .filter((p) => p.role_code === g.role_code)
          .flatMap((p) => {
            // A code the platform does not know grants nothing (the permissions test keeps there none).
            const permission: Permission | null = isPermission(p.permission_code) ? p.permission_code : null;
            return permission ? [{ permission, scope: p.scope, siteId: g.site_id, unitId: g.unit_id }] : [];
          }),
      )
      .concat(shared),
    ip: request.ip,
    requestId: request.requestId,
  };
}
