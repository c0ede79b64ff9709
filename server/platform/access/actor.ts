import type { AccessScope } from "../../db/database.js";
import type { Locale } from "../i18n/locale.js";
import type { Permission } from "./permissions.js";

/** A role the user holds at a site (and perhaps one unit), as loaded at sign-in. */
export interface RoleGrant {
  role: string;
  siteId: string;
  unitId: string | null;
}

/**
 * How a held permission reaches records: a role's scope (site, unit,
 * assigned, own), or 'shared' — a child's record shared with this user for a
 * reason until a date (child_share), which is data about the record, not a role.
 */
export type HeldScope = AccessScope | "shared";

/** A permission the actor holds, with the scope it reaches and where. */
export interface HeldPermission {
  permission: Permission;
  scope: HeldScope;
  siteId: string;
  unitId: string | null;
}

/**
 * Who is asking. Every service function takes the actor first; nothing about
 * a child is read or written without one.
 */
export interface Actor {
  kind: "user";
  userId: string;
  personId: string;
  displayName: string;
  email: string;
  locale: Locale;
  grants: RoleGrant[];
  permissions: HeldPermission[];
  /**
   * The calendar day ("YYYY-MM-DD") at each of the actor's sites, in that site's time zone, at the instant the
   * request was made. Grants, shares, team memberships and placements start and end on site days, so a share
   * ending "today" in California lasts until midnight Pacific, not until midnight UTC.
   */
  siteDays: Record<string, string>;
  ip: string | null;
  requestId: string | null;
}

/** The platform itself (migrations, the seeder, scheduled jobs), audited as such. */
export interface SystemActor {
  kind: "system";
  reason: string;
  locale: Locale;
  ip: null;
  requestId: string | null;
}

export type AnyActor = Actor | SystemActor;

export function systemActor(reason: string): SystemActor {
  return { kind: "system", reason, locale: "en", ip: null, requestId: null };
}

/** The actor's "today" at a site of theirs (the site's calendar day when the request was made). */
export function actorDay(actor: Actor, siteId: string): string {
  const day = actor.siteDays[siteId];
  if (!day) throw new Error(`No calendar day for site ${siteId}: the actor holds no grant there`);
  return day;
}

export function siteIdsOf(actor: Actor): string[] {
  return [...new Set(actor.grants.map((g) => g.siteId))];
}
