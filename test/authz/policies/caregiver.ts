import type { Kysely } from "kysely";
import type { Database } from "../../../server/db/database.js";
import { storeFile } from "../../../server/platform/files/index.js";
import { jpeg } from "../../platform/file-fixtures.js";
import { CHILD_WRITE, callerRoute, childRoute, created, hidden, ok, type Reach, today } from "../expect.js";
import type { PreparePolicyWorld } from "../policy-table.js";
import type { RoutePolicy } from "../policy-types.js";

/**
 * The caregiver's side of the team (issue 13): "my children" pages, everyday decisions and the life book are the
 * caregiver's own (caregiver_home:read/write, own scope, and the placement in force in their home), so every staff
 * role and the other families get 403; the staff page of the health and education summary and the decisions log are
 * for the child's caseworker and the unit's supervisor (health_summary:write, rpp_decision:read).
 */
const CAREGIVER_HOME: Reach = { caregiver: ["own"] };
const MY_CHILD_FIELDS = [
  "childId",
  "name",
  "birthDate",
  "placedSince",
  "languages",
  "tribalAffiliation",
  "summary",
  "summaryUpdatedAt",
];
const DECISION_FIELDS = ["id", "kind", "decidedOn", "description", "recordedByName", "recordedAt"];
const ITEM_FIELDS = ["id", "kind", "happenedOn", "title", "note", "photoUrl", "sharedWithBirthParent", "version"];
const STAFF_SUMMARY_FIELDS = ["childId", "childName", "version", "updatedAt", "content", "history"];

export const SUMMARY_CONTENT = {
  providers: [{ kind: "doctor", name: "Valley Children's Clinic", phone: "559-555-0142" }],
  school: "Roosevelt Elementary",
  grade: "4",
  schoolOfOrigin: "Lincoln Elementary",
  educationRightsHolder: "Birth mother",
  immunizations: "Up to date (checked at intake)",
  allergies: "Peanuts",
  medications: [{ name: "Albuterol inhaler", instructions: "2 puffs when wheezing, at most every 4 hours" }],
  treatments: "Weekly therapy",
  behaviours: "Afraid of the dark; a night light helps",
  languageAndCulture: "Speaks Spanish at home",
  mediCalNumber: "91234567A",
};

/** Each world child's photo item of the life book (prepare). */
const photoItemOf = new Map<string, string>();

/** Every child of the world gets a summary, a decision and a shared photo before the runners sign in. */
export const prepare: PreparePolicyWorld = async (db: Kysely<Database>) => {
  const author = await db
    .selectFrom("user_account")
    .select("id")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirstOrThrow();
  const children = await db.selectFrom("child").select(["id", "site_id"]).execute();
  for (const child of children) {
    await db
      .insertInto("child_health_summary")
      .values({
        child_id: child.id,
        site_id: child.site_id,
        version: 1,
        content: JSON.stringify(SUMMARY_CONTENT),
        updated_by: author.id,
      })
      .execute();
    await db
      .insertInto("rpp_decision")
      .values({
        child_id: child.id,
        site_id: child.site_id,
        recorded_by: author.id,
        kind: "sleepover",
        decided_on: "2026-01-10",
        description: "Sleepover at a classmate's house",
      })
      .execute();
    const file = await storeFile(db, {
      siteId: child.site_id,
      uploadedBy: author.id,
      bytes: jpeg(),
      fileName: "p.jpg",
    });
    const item = await db
      .insertInto("life_book_item")
      .values({
        child_id: child.id,
        site_id: child.site_id,
        created_by: author.id,
        kind: "photo",
        happened_on: "2026-01-10",
        title: "First day at school",
        note: null,
        file_id: file.id,
        shared_with_birth_parent: true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    photoItemOf.set(child.id, item.id);
  }
};
const itemOf = (childId: string | undefined) =>
  photoItemOf.get(childId ?? "") ?? "00000000-0000-4000-8000-000000000000";

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/my-children",
    target: "none",
    build: () => ({ url: "/api/my-children" }),
    anonymous: 401,
    expect: callerRoute(["caregiver"], ok(["children"])),
    otherwise: { status: 403 },
  },
  {
    route: "GET /api/my-children/:childId",
    target: "child",
    build: (t) => ({ url: `/api/my-children/${t.childId}` }),
    anonymous: 401,
    expect: childRoute(CAREGIVER_HOME, ok(MY_CHILD_FIELDS)),
    otherwise: hidden,
  },
  {
    route: "POST /api/my-children/:childId/reveal",
    target: "child",
    build: (t) => ({ url: `/api/my-children/${t.childId}/reveal`, payload: { field: "mediCalNumber" } }),
    anonymous: 401,
    expect: childRoute(CAREGIVER_HOME, ok(["field", "value"])),
    otherwise: hidden,
  },
  {
    route: "GET /api/my-children/:childId/decisions",
    target: "child",
    build: (t) => ({ url: `/api/my-children/${t.childId}/decisions` }),
    anonymous: 401,
    expect: childRoute(CAREGIVER_HOME, ok(["decisions"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/my-children/:childId/decisions",
    target: "child",
    build: (t) => ({
      url: `/api/my-children/${t.childId}/decisions`,
      payload: { kind: "trip", decidedOn: today(), description: "Day trip to the lake with the soccer team" },
    }),
    anonymous: 401,
    expect: childRoute(CAREGIVER_HOME, created(DECISION_FIELDS)),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/my-children/:childId/life-book",
    target: "child",
    build: (t) => ({ url: `/api/my-children/${t.childId}/life-book` }),
    anonymous: 401,
    expect: childRoute(CAREGIVER_HOME, ok(["items"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/my-children/:childId/life-book",
    target: "child",
    build: (t) => ({
      url: `/api/my-children/${t.childId}/life-book`,
      payload: { kind: "milestone", happenedOn: today(), title: "Rode a bike", sharedWithBirthParent: false },
    }),
    anonymous: 401,
    expect: childRoute(CAREGIVER_HOME, created(ITEM_FIELDS)),
    otherwise: hidden,
    mutates: true,
  },
  {
    // Idempotent: the prepared item is already shared.
    route: "POST /api/my-children/:childId/life-book/:itemId/share",
    target: "child",
    build: (t) => ({
      url: `/api/my-children/${t.childId}/life-book/${itemOf(t.childId)}/share`,
      payload: { sharedWithBirthParent: true },
    }),
    anonymous: 401,
    expect: childRoute(CAREGIVER_HOME, ok(ITEM_FIELDS)),
    otherwise: hidden,
  },
  {
    route: "GET /api/my-children/:childId/life-book/:itemId/photo",
    target: "child",
    build: (t) => ({ url: `/api/my-children/${t.childId}/life-book/${itemOf(t.childId)}/photo` }),
    anonymous: 401,
    expect: childRoute(CAREGIVER_HOME, ok()),
    otherwise: hidden,
  },
  {
    route: "GET /api/children/:childId/health-summary",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/health-summary` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(STAFF_SUMMARY_FIELDS)),
    otherwise: hidden,
  },
  {
    route: "PUT /api/children/:childId/health-summary",
    target: "child",
    // A minted child has no summary yet: version 0 is the one the editor saw.
    build: (t) => ({
      url: `/api/children/${t.childId}/health-summary`,
      payload: { version: 0, content: SUMMARY_CONTENT },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(STAFF_SUMMARY_FIELDS)),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/children/:childId/rpp-decisions",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/rpp-decisions` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["decisions"])),
    otherwise: hidden,
  },
];
