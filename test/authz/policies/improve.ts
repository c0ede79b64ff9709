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
const surveys = new Map<string, string>(); // siteId → a caregiver survey open from 2020 to 2099
const barriers = new Map<string, string>(); // siteId → an open barrier, version 1
const actionItems = new Map<string, string>(); // siteId → an action item of it, version 1

export async function prepare(db: Kysely<Database>) {
  const sites = await db.selectFrom("site").select("id").execute();
  for (const site of sites) {
    // Any account of the site raises the minted concern (a family one where the site has one).
    const raiser = await db
      .selectFrom("role_grant")
      .select("user_id")
      .where("site_id", "=", site.id)
      .orderBy((eb) => eb.case().when("role_code", "in", FAMILY).then(0).else(1).end())
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
    const instrument = await db
      .selectFrom("survey_instrument")
      .selectAll()
      .where("code", "=", "caregiver_experience")
      .executeTakeFirstOrThrow();
    const survey = await db
      .insertInto("survey")
      .values({
        site_id: site.id,
        instrument_code: instrument.code,
        audience: "caregiver",
        title_en: instrument.title_en,
        title_es: instrument.title_es,
        questions: JSON.stringify(instrument.questions),
        opens_on: "2020-01-01",
        closes_on: "2099-12-31",
        created_by_user_id: raiser.user_id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    surveys.set(site.id, survey.id);
    const barrier = await db
      .insertInto("barrier")
      .values({
        site_id: site.id,
        title: "Minted barrier",
        source: "data",
        concern_id: null,
        survey_id: null,
        work_group_id: null,
        raised_on: "2026-01-05",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    barriers.set(site.id, barrier.id);
    const item = await db
      .insertInto("action_item")
      .values({
        site_id: site.id,
        barrier_id: barrier.id,
        work_group_id: null,
        title: "Minted action",
        owner: "Policy Owner",
        due_on: "2026-02-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    actionItems.set(site.id, item.id);
  }
}

/** A caregiver survey of the caller's site: caregivers answer it; birth parents and youth are not its audience. */
function audienceRoute(allowed: Expectation): RoutePolicy["expect"] {
  return Object.fromEntries(
    ALL_ROLES.map((role) => [role, { own: role === "caregiver" ? allowed : FAMILY.includes(role) ? hidden : denied }]),
  );
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
  {
    route: "GET /api/improve/sites/:siteId/surveys",
    target: "site",
    build: (t) => ({ url: `/api/improve/sites/${t.siteId}/surveys` }),
    anonymous: 401,
    expect: siteRoute(["qpi_coordinator"], ok(["surveys", "instruments"])),
    otherwise: denied,
  },
  {
    route: "POST /api/improve/sites/:siteId/surveys",
    target: "site",
    build: (t) => ({
      url: `/api/improve/sites/${t.siteId}/surveys`,
      payload: { instrumentCode: "home_exit", audience: "caregiver", opensOn: "2026-01-01", closesOn: "2026-02-01" },
    }),
    anonymous: 401,
    expect: siteRoute(["qpi_coordinator"], created(["id"])),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "GET /api/improve/surveys/:surveyId/results",
    target: "site",
    build: (t) => ({ url: `/api/improve/surveys/${surveys.get(t.siteId)}/results` }),
    anonymous: 401,
    expect: siteRecordRoute(["qpi_coordinator"], ok(["survey", "smallCellMax", "questions"])),
    otherwise: denied,
  },
  {
    route: "GET /api/improve/my-surveys",
    target: "none",
    build: () => ({ url: "/api/improve/my-surveys" }),
    anonymous: 401,
    expect: callerRoute(FAMILY, ok(["surveys"])),
    otherwise: denied,
  },
  {
    route: "GET /api/improve/my-surveys/:surveyId",
    target: "none",
    build: (t) => ({ url: `/api/improve/my-surveys/${surveys.get(t.siteId)}` }),
    anonymous: 401,
    expect: audienceRoute(ok(["id", "title", "closesOn", "answered", "questions"])),
    otherwise: denied,
  },
  {
    route: "POST /api/improve/my-surveys/:surveyId/responses",
    target: "none",
    build: (t) => ({
      url: `/api/improve/my-surveys/${surveys.get(t.siteId)}/responses`,
      payload: { surveyAnswers: { respect: 5, information: 4, included: 4, callback: "yes" } },
    }),
    anonymous: 401,
    expect: audienceRoute(created(["surveyId", "answered"])),
    otherwise: denied,
    mutates: true,
  },

  {
    route: "GET /api/improve/sites/:siteId/dashboard",
    target: "site",
    build: (t) => ({ url: `/api/improve/sites/${t.siteId}/dashboard` }),
    anonymous: 401,
    expect: siteRoute(
      ["qpi_coordinator", "supervisor", "site_admin"],
      ok(["today", "counts", "workGroups", "barriers", "mayManage"]),
    ),
    otherwise: denied,
  },
  {
    route: "POST /api/improve/sites/:siteId/work-groups",
    target: "site",
    build: (t) => ({
      url: `/api/improve/sites/${t.siteId}/work-groups`,
      payload: { workGroupName: `Policy group ${Math.random().toString(36).slice(2)}`, workGroupKind: "work_group" },
    }),
    anonymous: 401,
    expect: siteRoute(["qpi_coordinator"], created(["id"])),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/improve/sites/:siteId/barriers",
    target: "site",
    build: (t) => ({
      url: `/api/improve/sites/${t.siteId}/barriers`,
      payload: { barrierTitle: "Policy barrier", source: "focus_group", measureIds: ["placement_stability"] },
    }),
    anonymous: 401,
    expect: siteRoute(["qpi_coordinator"], created(["id"])),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/improve/barriers/:barrierId/status",
    target: "site",
    build: (t) => ({
      url: `/api/improve/barriers/${barriers.get(t.siteId)}/status`,
      payload: { barrierStatus: "open", version: 1 },
    }),
    anonymous: 401,
    expect: siteRecordRoute(["qpi_coordinator"], ok(["id", "version"])),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/improve/barriers/:barrierId/action-items",
    target: "site",
    build: (t) => ({
      url: `/api/improve/barriers/${barriers.get(t.siteId)}/action-items`,
      payload: { actionTitle: "Policy action", owner: "Policy Owner", dueOn: "2026-03-01" },
    }),
    anonymous: 401,
    expect: siteRecordRoute(["qpi_coordinator"], created(["id"])),
    otherwise: denied,
    mutates: true,
  },
  {
    route: "POST /api/improve/action-items/:actionItemId/status",
    target: "site",
    build: (t) => ({
      url: `/api/improve/action-items/${actionItems.get(t.siteId)}/status`,
      payload: { actionStatus: "in_progress", version: 1 },
    }),
    anonymous: 401,
    expect: siteRecordRoute(["qpi_coordinator"], ok(["id", "version"])),
    otherwise: denied,
    mutates: true,
  },
];
