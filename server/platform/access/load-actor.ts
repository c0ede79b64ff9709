import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { isLocale, type Locale } from "../i18n/locale.js";
import { zonedDay } from "../rules/zoned-time.js";
import type { Actor, HeldPermission } from "./actor.js";
import { isPermission, type Permission } from "./permissions.js";
import "./tables.js";

/**
 * Builds the actor of a signed-in user from their current role grants and the role → permission data, as of
 * `now` (the request's instant from the app's one clock). A grant is current when the site's calendar day at
 * `now`, in the site's time zone, falls within starts_on … ends_on.
 */
export async function loadActor(
  db: Kysely<Database>,
  userId: string,
  request: { ip: string | null; requestId: string | null; locale?: Locale },
  now: Date,
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
  const allGrants = await db
    .selectFrom("role_grant")
    .innerJoin("site", "site.id", "role_grant.site_id")
    .select(["role_grant.role_code", "role_grant.site_id", "role_grant.unit_id", "role_grant.starts_on"])
    .select(["role_grant.ends_on", "site.time_zone"])
    .where("role_grant.user_id", "=", userId)
    .execute();
  const siteDays: Record<string, string> = {};
  for (const g of allGrants) siteDays[g.site_id] ??= zonedDay(now, g.time_zone);
  const grants = allGrants.filter((g) => {
    const today = siteDays[g.site_id];
    return g.starts_on <= today && (g.ends_on === null || g.ends_on >= today);
  });
  for (const siteId of Object.keys(siteDays)) if (!grants.some((g) => g.site_id === siteId)) delete siteDays[siteId];
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
    siteDays,
    ip: request.ip,
    requestId: request.requestId,
  };
}
