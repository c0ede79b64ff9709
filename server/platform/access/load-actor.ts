import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";
import type { AccessScope, CalendarDay, Database } from "../../db/database.js";
import { isLocale, type Locale } from "../i18n/locale.js";
import { zonedDay } from "../rules/zoned-time.js";
import type { Actor, HeldPermission } from "./actor.js";
import { isPermission, type Permission } from "./permissions.js";
import "./tables.js";

/**
 * What an actor is built from, as stored: the account and its person, every role grant it has ever held (with
 * its dates and its site's time zone), the permissions of those roles, and the sites where a child has been shared
 * with it. Which grants are current depends on the clock, so it is decided when the actor is built, not here:
 * these facts can be cached while the account's access version is unchanged (migration 0400).
 */
export interface ActorFacts {
  userId: string;
  email: string;
  preferredLanguage: string;
  personId: string;
  givenName: string;
  familyName: string;
  grants: {
    role: string;
    siteId: string;
    unitId: string | null;
    startsOn: CalendarDay;
    endsOn: CalendarDay | null;
    timeZone: string;
  }[];
  rolePermissions: { role: string; permission: string; scope: AccessScope }[];
  shareSites: string[];
}

/**
 * One scalar subquery that gathers an account's ActorFacts as JSON (json aggregation, no round trip per part).
 * `account` is an expression naming a user_account row's id in the enclosing query.
 */
export function actorFactsJson(account: Expression<string>): RawBuilder<ActorFacts> {
  return sql<ActorFacts>`(
    SELECT json_build_object(
      'userId', ua.id, 'email', ua.email, 'preferredLanguage', ua.preferred_language,
      'personId', p.id, 'givenName', p.given_name, 'familyName', p.family_name,
      'grants', (
        SELECT coalesce(json_agg(json_build_object(
          'role', g.role_code, 'siteId', g.site_id, 'unitId', g.unit_id,
          'startsOn', g.starts_on, 'endsOn', g.ends_on, 'timeZone', s.time_zone)), '[]'::json)
        FROM role_grant g JOIN site s ON s.id = g.site_id
        WHERE g.user_id = ua.id),
      'rolePermissions', (
        SELECT coalesce(json_agg(json_build_object(
          'role', rp.role_code, 'permission', rp.permission_code, 'scope', rp.scope)), '[]'::json)
        FROM role_permission rp
        WHERE rp.role_code IN (SELECT g.role_code FROM role_grant g WHERE g.user_id = ua.id)),
      'shareSites', (
        SELECT coalesce(json_agg(DISTINCT cs.site_id), '[]'::json)
        FROM child_share cs WHERE cs.shared_with_user_id = ua.id))
    FROM user_account ua JOIN person p ON p.id = ua.person_id
    WHERE ua.id = ${account}
  )`;
}

export interface ActorRequest {
  ip: string | null;
  requestId: string | null;
  locale?: Locale;
}

/**
 * The actor of a signed-in user from their facts, as of `now` (the request's instant from the app's one clock).
 * A grant is current when the site's calendar day at `now`, in the site's time zone, falls within
 * starts_on … ends_on; so a cached set of facts never serves a grant past its last day.
 */
export function actorFromFacts(facts: ActorFacts, request: ActorRequest, now: Date): Actor {
  const siteDays: Record<string, string> = {};
  for (const g of facts.grants) siteDays[g.siteId] ??= zonedDay(now, g.timeZone);
  const grants = facts.grants.filter((g) => {
    const today = siteDays[g.siteId];
    return g.startsOn <= today && (g.endsOn === null || g.endsOn >= today);
  });
  for (const siteId of Object.keys(siteDays)) if (!grants.some((g) => g.siteId === siteId)) delete siteDays[siteId];
  // A user who has been given a share at a site of theirs holds child:read and
  // child:list there through the 'shared' scope; which children (and until
  // when) is decided per record by childScope. Ended shares still count here,
  // so once a share ends the record answers 404 like any other out of reach.
  const shared: HeldPermission[] = facts.shareSites
    .filter((siteId) => siteId in siteDays)
    .flatMap((siteId) =>
      (["child:read", "child:list"] as const).map((permission) => ({
        permission,
        scope: "shared" as const,
        siteId,
        unitId: null,
      })),
    );
  return {
    kind: "user",
    userId: facts.userId,
    personId: facts.personId,
    displayName: `${facts.givenName} ${facts.familyName}`,
    email: facts.email,
    locale: request.locale ?? (isLocale(facts.preferredLanguage) ? facts.preferredLanguage : "en"),
    grants: grants.map((g) => ({ role: g.role, siteId: g.siteId, unitId: g.unitId })),
    permissions: grants
      .flatMap((g): HeldPermission[] =>
        facts.rolePermissions
          .filter((p) => p.role === g.role)
          .flatMap((p) => {
            // A code the platform does not know grants nothing (the permissions test keeps there none).
            const permission: Permission | null = isPermission(p.permission) ? p.permission : null;
            return permission ? [{ permission, scope: p.scope, siteId: g.siteId, unitId: g.unitId }] : [];
          }),
      )
      .concat(shared),
    siteDays,
    ip: request.ip,
    requestId: request.requestId,
  };
}

/** Builds the actor of an active account in one query (the session hook loads it with the session instead). */
export async function loadActor(
  db: Kysely<Database>,
  userId: string,
  request: ActorRequest,
  now: Date,
): Promise<Actor | null> {
  const row = await db
    .selectFrom("user_account")
    .select(actorFactsJson(sql.ref("user_account.id")).as("facts"))
    .where("user_account.id", "=", userId)
    .where("user_account.status", "=", "active")
    .executeTakeFirst();
  return row ? actorFromFacts(row.facts, request, now) : null;
}
