import type { Kysely } from "kysely";
import type { Database } from "../../server/db/database.js";

/**
 * The declarative authorization policy, kept apart from the code it checks.
 * Every API route has one entry in test/authz/policies/<module>.ts; a
 * meta-test fails when a route of the app has no entry, so a new route is
 * denied in review until someone writes down who may use it.
 *
 * For each route: the roles that may call it, and for each relationship of the
 * actor to the target record, the status expected (and for reads, the exact
 * set of top-level fields returned — redaction is part of the policy).
 */
export type RoleName =
  | "caseworker"
  | "supervisor"
  | "rfa_worker"
  | "qpi_coordinator"
  | "site_admin"
  | "analyst"
  | "state_analyst" // outcomes at every site of the grant site's state (migration 0340)
  | "network_analyst" // outcomes at every site (migration 0340)
  | "caregiver"
  | "birth_parent"
  | "youth";

/**
 * Every role at run time: the runner signs each in. Adding a role to RoleName without listing it here fails the type
 * check.
 */
export const ALL_ROLES = [
  "caseworker",
  "supervisor",
  "rfa_worker",
  "qpi_coordinator",
  "site_admin",
  "analyst",
  "state_analyst",
  "network_analyst",
  "caregiver",
  "birth_parent",
  "youth",
] as const satisfies readonly RoleName[];
type UnlistedRole = Exclude<RoleName, (typeof ALL_ROLES)[number]>;
export const everyRoleListed: [UnlistedRole] extends [never] ? true : UnlistedRole = true;

/**
 * How the actor relates to the record the route is about. The runner
 * (authorization.int.test.ts) picks a real record of the test world for each:
 *
 *   child targets
 *     own         caseworker: the child's caseworker; supervisor: on the child's team;
 *                 caregiver: the child lives in their home now; birth parent: their child;
 *                 youth: themself; roles without caseload or family tie: a child of their site
 *     same_unit   a child whose caseworker is in the actor's unit (for families: the unit of
 *                 their own child's caseworker), not related to the actor
 *     same_site   a child of the actor's site in another unit, not related to the actor
 *     other_site  a child of another jurisdiction
 *   site targets: own (the actor's site) and other_site only
 *   no target ("none"): own only — the route is about the caller
 *
 * Without a session is `anonymous` on the entry.
 */
export type Relation = "own" | "same_unit" | "same_site" | "other_site";

/** The relations the runner tries for a target kind. */
export const relationsFor: Record<TargetKind, readonly Relation[]> = {
  none: ["own"],
  site: ["own", "other_site"],
  child: ["own", "same_unit", "same_site", "other_site"],
};

export type TargetKind = "none" | "site" | "child";

export interface PolicyTarget {
  siteId: string;
  childId?: string;
  /**
   * People around the child, minted for the call when the entry sets
   * `mintsFamily`: the child themself (a youth), a birth parent, and a member
   * of the home the child is placed in — none with an account yet.
   */
  people?: { youth: string; birthParent: string; caregiver: string };
  /** Records of a child minted for a call that changes things (unset for the world's children). */
  episodeId?: string;
  /** The child's caseworker's team membership. */
  teamMemberId?: string;
  /** A share of the child, minted for routes about a share. */
  shareId?: string;
  /**
   * A court hearing of the child in two weeks, minted for routes about a hearing (with a caregiver's report for its
   * receipt).
   */
  hearingId?: string;
  /** A no-contact court order of the child from today, minted for routes about a court order. */
  courtOrderId?: string;
  /** An unfinished intake draft of the caller's site by another worker, minted for routes about a draft. */
  draftId?: string;
  /** The partnership plan version in force at the child's site, for routes that sign it. */
  templateId?: string;
  /** A planned move of the child in two weeks, minted for routes about a placement. */
  placementId?: string;
}

export interface RouteRequest {
  url: string;
  payload?: unknown;
}

export interface Expectation {
  status: number;
  /** For 2xx JSON object answers: exactly these top-level keys (omit when not a record). */
  fields?: string[];
}

export interface RoutePolicy {
  /** "METHOD /path/:param" exactly as Fastify registers it. */
  route: string;
  /**
   * Names a second (third…) entry of the same route that tries another kind
   * of request (an invitation of a youth, of a birth parent…). Each route has
   * one entry without a variant; (route, variant) is unique.
   */
  variant?: string;
  target: TargetKind;
  /** Builds a request against a target chosen for the relation under test. */
  build(target: PolicyTarget): RouteRequest;
  /** Without a session. */
  anonymous: number;
  /** Role → relation → expectation. A role or relation not listed expects `otherwise`. */
  expect: Partial<Record<RoleName, Partial<Record<Relation, Expectation>>>>;
  otherwise: Expectation;
  /**
   * Set for state-changing routes whose success would disturb other cases:
   * the runner calls them after every read, each child-target call on a
   * child minted for it with the relation under test, and sign-out on a
   * session of its own.
   */
  mutates?: boolean;
  /** The call ends the caller's session (sign-out): the runner spends a spare session on it. */
  endsSession?: boolean;
  /** With `mutates` on a child target: the minted child also gets a birth parent and a home of its own (`people`). */
  mintsFamily?: boolean;
  /**
   * Puts into the database the records of the route's module that the chosen target needs and may lack (a child
   * minted for the relation has none): called before `build`, for every target.
   */
  prepareTarget?: (db: Kysely<Database>, target: PolicyTarget) => Promise<void>;
}
