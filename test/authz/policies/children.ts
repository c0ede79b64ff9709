import type { Expectation, RoleName, RoutePolicy } from "../policy-types.js";

/**
 * Who may use the placement and practice routes (issue 4). Scopes come from
 * the permission rows in migrations 0004/0200: caseworkers reach children on
 * their team ("own"), supervisors their unit's, families their own child;
 * another site's child does not exist (404); a role without the permission
 * anywhere gets 403.
 */
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const today = () => new Date().toISOString().slice(0, 10);
const ok = (fields?: string[]): Expectation => ({ status: 200, ...(fields ? { fields } : {}) });
const created = (fields?: string[]): Expectation => ({ status: 201, ...(fields ? { fields } : {}) });
const hidden: Expectation = { status: 404 };
const denied: Expectation = { status: 403 };

/** Reads of a child's records by child:read / practice:read holders. */
function childRead(fields: string[]): RoutePolicy["expect"] {
  const reach = { own: ok(fields), same_unit: hidden, same_site: hidden, other_site: hidden };
  const noPermission = { own: denied, same_unit: denied, same_site: denied, other_site: denied };
  const roles: Partial<Record<RoleName, typeof reach>> = {
    caseworker: reach,
    supervisor: { ...reach, same_unit: ok(fields) },
    caregiver: reach,
    rfa_worker: noPermission,
    qpi_coordinator: noPermission,
    site_admin: noPermission,
    analyst: noPermission,
  };
  return roles;
}

/** Writes on a child by child:write / practice:complete holders (caseworker on the team, supervisor of the unit). */
function childWrite(status: Expectation): RoutePolicy["expect"] {
  const none = { own: denied, same_unit: denied, same_site: denied, other_site: denied };
  return {
    caseworker: { own: status, same_unit: hidden, same_site: hidden, other_site: hidden },
    supervisor: { own: status, same_unit: status, same_site: hidden, other_site: hidden },
    rfa_worker: none,
    qpi_coordinator: none,
    site_admin: none,
    analyst: none,
    caregiver: none,
    birth_parent: none,
    youth: none,
  };
}

const childFields = { givenName: "Policy", familyName: "Probe", preferredName: null, birthDate: "2015-01-01", sex: "unknown", languages: ["en"], icwa: false, tribalAffiliation: null, school: null, schoolOfOrigin: null };
const recordFields = ["id", "siteId", "caseNumber", "version", ...Object.keys(childFields)];

export const policies: RoutePolicy[] = [
  {
    route: "POST /api/children",
    target: "site",
    build: (t) => ({ url: "/api/children", payload: { siteId: t.siteId, caseNumber: `POLICY-${Math.random().toString(36).slice(2, 10)}`, ...childFields } }),
    anonymous: 401,
    expect: {
      caseworker: { own: created(recordFields), other_site: hidden },
      supervisor: { own: created(recordFields), other_site: hidden },
    },
    otherwise: denied,
    mutates: true,
  },
  {
    route: "PUT /api/children/:childId/record",
    target: "child",
    // Version 999 is stale: a permitted actor gets the 409, never a silent overwrite.
    build: (t) => ({ url: `/api/children/${t.childId}/record`, payload: { version: 999, ...childFields } }),
    anonymous: 401,
    expect: childWrite({ status: 409 }),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/relations",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/relations`, payload: { kind: "relative", person: { givenName: "Policy", familyName: "Probe" } } }),
    anonymous: 401,
    expect: childWrite(created(["personId", "kind"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/children/:childId/placements",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/placements` }),
    anonymous: 401,
    expect: {
      ...childRead(["childId", "icwa", "episodes", "team", "relations", "households"]),
      birth_parent: { own: ok(["childId", "icwa", "episodes", "team", "relations", "households"]), same_site: hidden, other_site: hidden },
      youth: { own: ok(["childId", "icwa", "episodes", "team", "relations", "households"]), same_site: hidden, other_site: hidden },
    },
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/episodes",
    target: "child",
    // A child in care already has an open placement: the permitted answer is the specific 409.
    build: (t) => ({ url: `/api/children/${t.childId}/episodes`, payload: { removalDate: today(), removalReason: "neglect", placement: { householdId: null, setting: "runaway", startDate: today() } } }),
    anonymous: 401,
    expect: childWrite({ status: 409 }),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/placements",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/placements`, payload: { householdId: null, setting: "runaway", startDate: today(), changeKind: "unplanned", requestedBy: "child", reason: "runaway" } }),
    anonymous: 401,
    expect: childWrite(created(["episodeId", "placementId", "tasks"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/episodes/:episodeId/exit",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/episodes/${NO_SUCH_ID}/exit`, payload: { exitDate: today(), exitReason: "reunification", version: 1 } }),
    anonymous: 401,
    expect: childWrite(hidden),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/team",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/team`, payload: { role: "casa", startsOn: today(), person: { givenName: "Policy", familyName: "Probe" } } }),
    anonymous: 401,
    expect: childWrite(created(["id", "personId", "role", "startsOn", "endsOn"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/team/:memberId/end",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/team/${NO_SUCH_ID}/end`, payload: { endsOn: today() } }),
    anonymous: 401,
    expect: childWrite(hidden),
    otherwise: hidden,
  },
  {
    route: "GET /api/children/:childId/tasks",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/tasks` }),
    anonymous: 401,
    // Scoped lists: outside the actor's reach the list is empty, never another family's tasks.
    expect: {
      caseworker: { own: ok(["tasks"]), same_unit: ok(["tasks"]), same_site: ok(["tasks"]), other_site: ok(["tasks"]) },
      supervisor: { own: ok(["tasks"]), same_unit: ok(["tasks"]), same_site: ok(["tasks"]), other_site: ok(["tasks"]) },
      caregiver: { own: ok(["tasks"]), same_site: ok(["tasks"]), other_site: ok(["tasks"]) },
    },
    otherwise: denied,
  },
  {
    route: "POST /api/tasks/:taskId/complete",
    target: "none",
    build: () => ({ url: `/api/tasks/${NO_SUCH_ID}/complete`, payload: { version: 1, details: { outcome: "held" } } }),
    anonymous: 401,
    expect: { caseworker: { own: hidden }, supervisor: { own: hidden } },
    otherwise: denied,
  },
  {
    route: "PATCH /api/tasks/:taskId",
    target: "none",
    build: () => ({ url: `/api/tasks/${NO_SUCH_ID}`, payload: { version: 1, details: {} } }),
    anonymous: 401,
    expect: { caseworker: { own: hidden }, supervisor: { own: hidden } },
    otherwise: denied,
  },
  {
    route: "GET /api/worklist",
    target: "none",
    build: () => ({ url: "/api/worklist" }),
    anonymous: 401,
    expect: { caseworker: { own: ok(["tasks"]) }, supervisor: { own: ok(["tasks"]) }, caregiver: { own: ok(["tasks"]) } },
    otherwise: denied,
  },
  {
    route: "GET /api/practices/timeliness",
    target: "none",
    build: () => ({ url: "/api/practices/timeliness" }),
    anonymous: 401,
    expect: { supervisor: { own: ok(["since", "rows"]) }, qpi_coordinator: { own: ok(["since", "rows"]) } },
    otherwise: denied,
  },
  {
    route: "GET /api/rules",
    target: "none",
    build: () => ({ url: "/api/rules" }),
    anonymous: 401,
    expect: Object.fromEntries(
      (["caseworker", "supervisor", "rfa_worker", "qpi_coordinator", "site_admin"] as RoleName[]).map((r) => [r, { own: ok(["stateCode", "canManage", "rules"]) }]),
    ),
    otherwise: denied,
  },
  {
    route: "POST /api/rules",
    target: "none",
    // Without stateCode of the actor's state the coordinator gets 403 too; the happy path is in test/children/rules.int.test.ts.
    build: () => ({ url: "/api/rules", payload: { stateCode: "ZZ", practice: "comfort_call", trigger: "any_placement", dueAmount: 72, dueUnit: "hours", effectiveFrom: today(), sourceUrl: "https://example.org/rule", sourceNote: "policy probe" } }),
    anonymous: 401,
    expect: {},
    otherwise: denied,
  },
  {
    route: "GET /api/children/:childId/hearings",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/hearings` }),
    anonymous: 401,
    expect: {
      caseworker: { own: ok(["hearings"]), same_unit: ok(["hearings"]), same_site: ok(["hearings"]), other_site: ok(["hearings"]) },
      supervisor: { own: ok(["hearings"]), same_unit: ok(["hearings"]), same_site: ok(["hearings"]), other_site: ok(["hearings"]) },
      caregiver: { own: ok(["hearings"]), same_site: ok(["hearings"]), other_site: ok(["hearings"]) },
    },
    otherwise: denied,
  },
  {
    route: "POST /api/children/:childId/hearings",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/hearings`, payload: { hearingOn: today(), hearingType: "review", department: "Dept. 1" } }),
    anonymous: 401,
    expect: childWrite(created(["hearingId", "tasks"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/hearings/:hearingId/caregiver-report",
    target: "none",
    build: () => ({ url: `/api/hearings/${NO_SUCH_ID}/caregiver-report`, payload: { body: "How the child is doing." } }),
    anonymous: 401,
    expect: { caregiver: { own: hidden } },
    otherwise: denied,
  },
  {
    route: "POST /api/hearings/:hearingId/caregiver-report/receipt",
    target: "none",
    build: () => ({ url: `/api/hearings/${NO_SUCH_ID}/caregiver-report/receipt`, payload: { forwardedToCourt: true } }),
    anonymous: 401,
    expect: { caseworker: { own: hidden }, supervisor: { own: hidden } },
    otherwise: denied,
  },
  {
    route: "GET /api/notifications",
    target: "none",
    build: () => ({ url: "/api/notifications" }),
    anonymous: 401,
    expect: {},
    otherwise: ok(["notifications"]),
  },
];
