import {
  CHILD_READ,
  CHILD_WRITE,
  callerRoute,
  childRoute,
  created,
  denied,
  hidden,
  NO_SUCH_ID,
  ok,
  PRACTICE_READ,
  siteRoute,
  today,
} from "../expect.js";
import { ALL_ROLES, type RoutePolicy } from "../policy-types.js";

/**
 * Who may use the children, placement and practice routes (issues 3–4).
 * Scopes come from the permission rows in migrations 0004/0005/0200:
 * caseworkers reach children on their team, supervisors their unit's,
 * families their own child; another site's child, or one of the actor's site
 * out of their scope, does not exist (404); a role without the permission
 * anywhere gets 403.
 */
const childFields = {
  givenName: "Policy",
  familyName: "Probe",
  preferredName: null,
  birthDate: "2015-01-01",
  sex: "unknown",
  languages: ["en"],
  icwa: false,
  tribalAffiliation: null,
  school: null,
  schoolOfOrigin: null,
};
const recordFields = ["id", "siteId", "caseNumber", "version", ...Object.keys(childFields)];
const listItemFields = [
  "id",
  "siteId",
  "caseNumber",
  "givenName",
  "familyName",
  "preferredName",
  "birthDate",
  "inCare",
  "currentSetting",
  "placedSince",
  "upcomingMoveOn",
];
const historyFields = ["childId", "icwa", "episodes", "team", "relations", "households", "corrections"];
const draftFields = ["id", "siteId", "step", "answers", "childId", "updatedAt", "version"];

export const policies: RoutePolicy[] = [
  {
    route: "POST /api/intake/drafts",
    target: "site",
    build: (t) => ({ url: "/api/intake/drafts", payload: { siteId: t.siteId } }),
    anonymous: 401,
    // Intake at the actor's own site, like POST /api/children.
    expect: siteRoute(["caseworker", "supervisor"], created(draftFields)),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/intake/drafts",
    target: "none",
    build: () => ({ url: "/api/intake/drafts" }),
    anonymous: 401,
    // The caller's own unfinished intakes: only those who may record an intake have any.
    expect: callerRoute(["caseworker", "supervisor"], ok(["drafts"])),
    otherwise: denied,
  },
  // A draft is its author's alone: another worker's real draft of the caller's site (minted for the call) answers
  // exactly as one that does not exist (404); roles that may never record an intake get 403 first.
  {
    route: "GET /api/intake/drafts/:draftId",
    target: "none",
    build: (t) => ({ url: `/api/intake/drafts/${t.draftId ?? NO_SUCH_ID}` }),
    anonymous: 401,
    expect: callerRoute(["caseworker", "supervisor"], hidden),
    otherwise: denied,
  },
  {
    route: "PUT /api/intake/drafts/:draftId",
    target: "none",
    build: (t) => ({
      url: `/api/intake/drafts/${t.draftId ?? NO_SUCH_ID}`,
      payload: { step: "child", answers: {}, version: 1 },
    }),
    anonymous: 401,
    expect: callerRoute(["caseworker", "supervisor"], hidden),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/intake/drafts/:draftId/finish",
    target: "none",
    build: (t) => ({ url: `/api/intake/drafts/${t.draftId ?? NO_SUCH_ID}/finish` }),
    anonymous: 401,
    expect: callerRoute(["caseworker", "supervisor"], hidden),
    otherwise: denied,
    mutates: true,
  },
  {
    // Handing over another worker's draft: it is not the caller's to hand (404), whoever it would go to.
    route: "POST /api/intake/drafts/:draftId/handover",
    target: "none",
    build: (t) => ({
      url: `/api/intake/drafts/${t.draftId ?? NO_SUCH_ID}/handover`,
      payload: { toUserId: NO_SUCH_ID, version: 1 },
    }),
    anonymous: 401,
    expect: callerRoute(["caseworker", "supervisor"], hidden),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/corrections",
    target: "child",
    // The minted child's open episode: its manner of removal corrected, with a reason.
    build: (t) => ({
      url: `/api/children/${t.childId}/corrections`,
      payload: {
        entityType: "removal_episode",
        entityId: t.episodeId ?? NO_SUCH_ID,
        version: 1,
        field: "legalAuthority",
        value: "voluntary",
        reason: "Policy probe",
      },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(["id", "field", "oldValue", "newValue"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/children",
    target: "none",
    build: () => ({ url: "/api/children?limit=200" }),
    anonymous: 401,
    expect: callerRoute(["caseworker", "supervisor", "caregiver", "birth_parent", "youth"], ok(["children", "total"])),
    otherwise: denied,
  },
  {
    route: "GET /api/children/:childId",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}` }),
    anonymous: 401,
    // The child's page opens with the actor's abilities on the record (test/children/abilities.int.test.ts).
    expect: childRoute(CHILD_READ, ok([...listItemFields, "abilities"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/children",
    target: "site",
    build: (t) => ({
      url: "/api/children",
      payload: { siteId: t.siteId, caseNumber: `POLICY-${Math.random().toString(36).slice(2, 10)}`, ...childFields },
    }),
    anonymous: 401,
    // Intake at the actor's own site; at another site every role gets 404 (requireAccess with the site as target).
    expect: siteRoute(["caseworker", "supervisor"], created(recordFields)),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "PUT /api/children/:childId/record",
    target: "child",
    // Version 999 is stale: a permitted actor gets the 409, never a silent overwrite.
    build: (t) => ({ url: `/api/children/${t.childId}/record`, payload: { version: 999, ...childFields } }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, { status: 409 }),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/relations",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/relations`,
      payload: { kind: "relative", person: { givenName: "Policy", familyName: "Probe" } },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(["personId", "kind"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/children/:childId/placements",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/placements` }),
    anonymous: 401,
    // The caregiver's address and phone (caregiverContact) reach the child's caseworker and the unit's
    // supervisor; the birth parent's own child lives in a home without the caregiver's consent (the
    // runner makes sure), so theirs has no contact either. Consent and court orders:
    // test/children/disclosure.int.test.ts.
    expect: childRoute(CHILD_READ, (role) =>
      ok(role === "caseworker" || role === "supervisor" ? [...historyFields, "caregiverContact"] : historyFields),
    ),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/episodes",
    target: "child",
    // A child in care already has an open placement: the permitted answer is the specific 409.
    build: (t) => ({
      url: `/api/children/${t.childId}/episodes`,
      payload: {
        removalDate: today(),
        removalReason: "neglect",
        placement: { householdId: null, setting: "runaway", startDate: today() },
      },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, { status: 409 }),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/placements",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/placements`,
      payload: {
        householdId: null,
        setting: "runaway",
        startDate: today(),
        changeKind: "unplanned",
        requestedBy: "child",
        reason: "runaway",
      },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(["episodeId", "placementId", "tasks"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/episodes/:episodeId/exit",
    target: "child",
    // The minted child's open episode (a youth's own record is not minted: no one may exit it for them).
    build: (t) => ({
      url: `/api/children/${t.childId}/episodes/${t.episodeId ?? NO_SUCH_ID}/exit`,
      payload: { exitDate: today(), exitReason: "reunification", version: 1 },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["episodeId", "exitDate", "tasksClosed"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/placements/:placementId/withdraw",
    target: "child",
    // The minted child's planned move in two weeks.
    build: (t) => ({
      url: `/api/children/${t.childId}/placements/${t.placementId ?? NO_SUCH_ID}/withdraw`,
      payload: { version: 1, reason: "Policy probe: the plan fell through" },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["placementId", "tasksClosed"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/team",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/team`,
      payload: { role: "casa", startsOn: today(), person: { givenName: "Policy", familyName: "Probe" } },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(["id", "personId", "role", "startsOn", "endsOn"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/team/:memberId/end",
    target: "child",
    // The minted child's caseworker's membership.
    build: (t) => ({
      url: `/api/children/${t.childId}/team/${t.teamMemberId ?? NO_SUCH_ID}/end`,
      payload: { endsOn: today() },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["id", "personId", "role", "startsOn", "endsOn"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/children/:childId/tasks",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/tasks` }),
    anonymous: 401,
    expect: childRoute(PRACTICE_READ, ok(["tasks"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/tasks/:taskId/complete",
    target: "none",
    build: () => ({ url: `/api/tasks/${NO_SUCH_ID}/complete`, payload: { version: 1, details: { outcome: "held" } } }),
    anonymous: 401,
    expect: callerRoute(["caseworker", "supervisor"], hidden),
    otherwise: denied,
  },
  {
    route: "PATCH /api/tasks/:taskId",
    target: "none",
    build: () => ({ url: `/api/tasks/${NO_SUCH_ID}`, payload: { version: 1, details: {} } }),
    anonymous: 401,
    expect: callerRoute(["caseworker", "supervisor"], hidden),
    otherwise: denied,
  },
  {
    route: "GET /api/worklist",
    target: "none",
    build: () => ({ url: "/api/worklist?window=all" }),
    anonymous: 401,
    expect: callerRoute(["caseworker", "supervisor", "caregiver"], ok(["window", "tasks", "total"])),
    otherwise: denied,
  },
  {
    route: "GET /api/worklist/counts",
    target: "none",
    build: () => ({ url: "/api/worklist/counts?window=overdue" }),
    anonymous: 401,
    expect: callerRoute(
      ["caseworker", "supervisor", "caregiver"],
      ok(["window", "total", "byCaseworker", "byPractice"]),
    ),
    otherwise: denied,
  },
  {
    route: "GET /api/practices/timeliness",
    target: "none",
    build: () => ({ url: "/api/practices/timeliness" }),
    anonymous: 401,
    expect: callerRoute(["supervisor", "qpi_coordinator"], ok(["since", "rows"])),
    otherwise: denied,
  },
  {
    route: "GET /api/rules",
    target: "none",
    build: () => ({ url: "/api/rules" }),
    anonymous: 401,
    expect: callerRoute(
      ["caseworker", "supervisor", "rfa_worker", "qpi_coordinator", "site_admin"],
      ok(["stateCode", "canManage", "manageSites", "rules", "vocabulary"]),
    ),
    otherwise: denied,
  },
  {
    route: "GET /api/rules/coverage",
    target: "none",
    build: () => ({ url: "/api/rules/coverage" }),
    anonymous: 401,
    // rules:coverage (0760): a site's QPI coordinator and the network's analysts compare the states' rule sets.
    expect: callerRoute(
      ["qpi_coordinator", "network_analyst"],
      ok(["onDay", "states", "practices", "rules", "holidayYears", "holidays"]),
    ),
    otherwise: denied,
  },
  {
    route: "POST /api/rules",
    target: "none",
    // Without stateCode of the actor's state the coordinator gets 403 too; the happy path is in
    // test/children/rules.int.test.ts.
    build: () => ({
      url: "/api/rules",
      payload: {
        stateCode: "ZZ",
        practice: "comfort_call",
        trigger: "any_placement",
        dueAmount: 72,
        dueUnit: "hours",
        effectiveFrom: today(),
        sourceUrl: "https://example.org/rule",
        sourceNote: "policy probe",
      },
    }),
    anonymous: 401,
    expect: {},
    otherwise: denied,
  },
  {
    route: "POST /api/practice-kinds",
    target: "site",
    // A site's own practice, minted with a fresh code each call: only the site's QPI coordinator (rules:manage) adds
    // one, at its own site; another site's is out of reach (404).
    build: (t) => ({
      url: "/api/practice-kinds",
      payload: {
        siteId: t.siteId,
        code: `policy_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`,
        labelEn: "Policy probe practice",
        labelEs: "Práctica de prueba",
      },
    }),
    anonymous: 401,
    expect: Object.fromEntries(
      ALL_ROLES.map((role) => [
        role,
        role === "qpi_coordinator"
          ? {
              own: created(["code", "label", "description", "stateCode", "siteId", "completion", "recipients"]),
              other_site: hidden,
            }
          : { own: denied, other_site: denied },
      ]),
    ),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/children/:childId/hearings",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/hearings` }),
    anonymous: 401,
    expect: childRoute(PRACTICE_READ, ok(["hearings"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/hearings",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/hearings`,
      payload: { hearingOn: today(), hearingType: "review", department: "Dept. 1" },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(["hearingId", "tasks"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/hearings/:hearingId/caregiver-report",
    target: "child",
    // A hearing minted for the child: the caregiver of the home the child lives in reports on it.
    build: (t) => ({
      url: `/api/hearings/${t.hearingId ?? NO_SUCH_ID}/caregiver-report`,
      payload: { body: "How the child is doing." },
    }),
    anonymous: 401,
    expect: childRoute({ caregiver: ["own"] }, created(["reportId", "submittedAt"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/hearings/:hearingId/caregiver-report/amendments",
    target: "child",
    // A hearing in two weeks with a report on it: the caregiver of the child's home adds to it before the hearing.
    build: (t) => ({
      url: `/api/hearings/${t.hearingId ?? NO_SUCH_ID}/caregiver-report/amendments`,
      payload: { body: "One more thing the court should know." },
    }),
    anonymous: 401,
    expect: childRoute({ caregiver: ["own"] }, created(["amendmentId", "submittedAt"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/hearings/:hearingId/caregiver-report/receipt",
    target: "child",
    // A hearing minted for the child with a caregiver's report on it: practice:complete marks it received.
    build: (t) => ({
      url: `/api/hearings/${t.hearingId ?? NO_SUCH_ID}/caregiver-report/receipt`,
      payload: { forwardedToCourt: true },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["receivedAt", "forwardedToCourt"])),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/notifications",
    target: "none",
    build: () => ({ url: "/api/notifications" }),
    anonymous: 401,
    expect: {},
    otherwise: ok(["notifications", "unread"]),
  },
];
