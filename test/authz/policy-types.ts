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
  | "caregiver"
  | "birth_parent"
  | "youth";

/** How the actor relates to the record the route is about. */
export type Relation =
  | "own" //       on the child's team / the child's caregiver now / the child's parent / the youth themself; for a site: the actor's own site
  | "same_unit" // a child whose caseworker is in the actor's unit (not the actor's own)
  | "same_site" // a child of the actor's site the actor has no relationship to
  | "other_site"; // a record of another jurisdiction

export type TargetKind = "none" | "site" | "child";

export interface PolicyTarget {
  siteId: string;
  childId?: string;
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
  target: TargetKind;
  /** Builds a request against a target chosen for the relation under test. */
  build(target: PolicyTarget): RouteRequest;
  /** Without a session. */
  anonymous: number;
  /** Role → relation → expectation. A role or relation not listed expects `otherwise`. */
  expect: Partial<Record<RoleName, Partial<Record<Relation, Expectation>>>>;
  otherwise: Expectation;
  /** Set for state-changing routes whose success would disturb other cases (each run gets a fresh world when true). */
  mutates?: boolean;
}
