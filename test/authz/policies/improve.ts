import type { Kysely } from "kysely";
import type { Database } from "../../../server/db/database.js";
import { callerRoute, created, denied, hidden, ok, siteRoute } from "../expect.js";
import { ALL_ROLES, type Expectation, type RoleName, type RoutePolicy } from "../policy-types.js";

/**
 * The improve module. Concerns: caregivers, birth parents and youth raise and read their own (concern:raise); the
 * site's QPI coordinator reads and handles the site's (concern:manage). `prepare` mints, at every site, a concern
 * for the coordinator's step (raised by an account of that site), so each call acts on a real record.
 */
const FAMILY: RoleName[] = ["caregiver", "birth_parent", "youth"];
const concerns = new Map<string, string>(); // siteId → an open concern, version 1

export async function prepare(db: Kysely<Database>) {
  const sites = await db.selectFrom("site").select("id").execute();
  for (const site of sites) {
    const raiser = await db
      .selectFrom("role_grant")
      .select("user_id")
      .where("site_id", "=", site.id)
      .where("role_code", "in", FAMILY)
      .orderBy("user_id")
      .executeTakeFirst();
    if (!raiser) continue;
    const concern = await db
      .insertInto("concern")
      .values({
        site_id: site.id,
        raised_by_user_id: raiser.user_id,
        raiser_role: "caregiver",
        topic: "communication",
        body: "Minted concern for a policy call.",
        share_name: false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    concerns.set(site.id, concern.id);
  }
}

/**
 * A route about one record of a site, reached only through a site-scoped permission: the roles listed reach their
 * own site's (404 at another site); every other role lacks the permission everywhere (403).
 */
function siteRecordRoute(roles: RoleName[], allowed: Expectation): RoutePolicy["expect"] {
  return Object.fromEntries(
    ALL_ROLES.map((role) => [
      role,
      roles.includes(role) ? { own: allowed, other_site: hidden } : { own: denied, other_site: denied },
    ]),
  );
}

const MY_CONCERN = [
  "id",
  "topic",
  "text",
  "shareName",
  "status",
  "raisedAt",
  "acknowledgedAt",
  "response",
  "respondedAt",
  "closeNote",
  "closedAt",
];

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/improve/my-concerns",
    target: "none",
    build: () => ({ url: "/api/improve/my-concerns" }),
    anonymous: 401,
    expect: callerRoute(FAMILY, ok(["reportLine", "concerns"])),
    otherwise: denied,
  },
  {
    route: "POST /api/improve/my-concerns",
    target: "none",
    build: () => ({
      url: "/api/improve/my-concerns",
      payload: { concernTopic: "other", concern: "A concern raised by the policy runner.", shareName: false },
    }),
    anonymous: 401,
    expect: callerRoute(FAMILY, created(MY_CONCERN)),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/improve/sites/:siteId/concerns",
    target: "site",
    build: (t) => ({ url: `/api/improve/sites/${t.siteId}/concerns` }),
    anonymous: 401,
    expect: siteRoute(["qpi_coordinator"], ok(["concerns"])),
    otherwise: denied,
  },
  {
    route: "POST /api/improve/concerns/:concernId/steps",
    target: "site",
    build: (t) => ({
      url: `/api/improve/concerns/${concerns.get(t.siteId)}/steps`,
      payload: { concernStep: "acknowledge", version: 1 },
    }),
    anonymous: 401,
    expect: siteRecordRoute(["qpi_coordinator"], ok(["id", "status", "version"])),
    otherwise: denied,
    mutates: true,
  },
];
