import { ALL_ROLES, type Expectation, type Relation, type RoleName, type RoutePolicy } from "./policy-types.js";

/** Building blocks for policy entries: statuses, and role × relation tables from who reaches what. */
export const ok = (fields?: string[]): Expectation => ({ status: 200, ...(fields ? { fields } : {}) });
export const created = (fields?: string[]): Expectation => ({ status: 201, ...(fields ? { fields } : {}) });
/** Not found, or not yours: another site's record, or one of your site out of your scope. */
export const hidden: Expectation = { status: 404 };
/** The role lacks the permission everywhere: refused before any record is looked at. */
export const denied: Expectation = { status: 403 };

export const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
/**
 * Today at a site (by default the demo's Fresno County, whose records most policy rows touch): the server checks
 * dates against the site's own day, which differs from the UTC day for hours every evening.
 */
export const today = (timeZone = "America/Los_Angeles") =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

/** Which relations each role reaches with a permission (the role_permission rows, read as sentences). */
export type Reach = Partial<Record<RoleName, readonly Relation[]>>;

/** child:read — caseworkers their team's children, supervisors their unit's, families their own child. */
export const CHILD_READ: Reach = {
  caseworker: ["own"],
  supervisor: ["own", "same_unit"],
  caregiver: ["own"],
  birth_parent: ["own"],
  youth: ["own"],
};
/** practice:read — as child:read, without birth parents and youth. */
export const PRACTICE_READ: Reach = { caseworker: ["own"], supervisor: ["own", "same_unit"], caregiver: ["own"] };
/** child:write, practice:complete, child:share — the child's caseworker and the unit's supervisor. */
export const CHILD_WRITE: Reach = { caseworker: ["own"], supervisor: ["own", "same_unit"] };
/** audit:read — a supervisor for the unit, a site administrator for the site. */
export const AUDIT_READ: Reach = { supervisor: ["own", "same_unit"], site_admin: ["own", "same_unit", "same_site"] };

/**
 * A child route's table: roles of `reach` get `success` (per role and
 * relation when a function) where they reach the child and 404 elsewhere;
 * every other role lacks the permission and gets 403.
 */
export function childRoute(
  reach: Reach,
  success: Expectation | ((role: RoleName, relation: Relation) => Expectation),
): RoutePolicy["expect"] {
  const relations: Relation[] = ["own", "same_unit", "same_site", "other_site"];
  return Object.fromEntries(
    ALL_ROLES.map((role) => {
      const reached = reach[role];
      return [
        role,
        Object.fromEntries(
          relations.map((relation) => [
            relation,
            !reached
              ? denied
              : reached.includes(relation)
                ? typeof success === "function"
                  ? success(role, relation)
                  : success
                : hidden,
          ]),
        ),
      ];
    }),
  );
}

/** Every role gets the same answer (routes about the caller themself). */
export function everyone(expectation: Expectation): RoutePolicy["expect"] {
  return Object.fromEntries(
    ALL_ROLES.map((r) => [
      r,
      { own: expectation, same_unit: expectation, same_site: expectation, other_site: expectation },
    ]),
  );
}

/**
 * A site route: the roles that hold the permission at their own site get
 * `allowed` there; every other role gets 403 at its own site; a site the
 * actor has no role at answers 404 for everyone.
 */
export function siteRoute(allowedRoles: RoleName[], allowed: Expectation): RoutePolicy["expect"] {
  return Object.fromEntries(
    ALL_ROLES.map((role) => [role, { own: allowedRoles.includes(role) ? allowed : denied, other_site: hidden }]),
  );
}

/** A route about the caller: the roles listed get `allowed`, everyone else 403. */
export function callerRoute(allowedRoles: RoleName[], allowed: Expectation): RoutePolicy["expect"] {
  return Object.fromEntries(ALL_ROLES.map((role) => [role, { own: allowedRoles.includes(role) ? allowed : denied }]));
}
