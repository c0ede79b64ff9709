import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { mintChild } from "../authz/world.js";
import { personOf, siteOf, todayAt } from "../children/practice-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// The birth parent's page about their own child: only their own child; the
// next court date, the icebreaker, the caseworker's contact; the caregiver's
// home named unless a court order forbids it, its address and phone only with
// the caregiver's consent and no order; every read audited.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CW = "caseworker@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
const YOUTH = "youth@demo.qpi.example";
let childId: string;
let otherChildId: string;
let householdId: string;
let householdName: string;
const ADDRESS = "77 Planted Sentinel Rd";
const PHONE = "(559) 555-0177";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  for (const email of [CW, PARENT, CAREGIVER, YOUTH]) sessions.set(email, await signIn(app, email));
  const caregiverPerson = personOf(world, CAREGIVER);
  householdId = world.householdMembers.find((m) => m.person_id === caregiverPerson)!.household_id;
  const site = siteOf(world, "CA-FRESNO");
  const child = await mintChild(database.db, {
    siteId: site.id,
    caseworkerPersonId: personOf(world, CW),
    householdId,
    parentPersonId: personOf(world, PARENT),
  });
  childId = child.id;
  otherChildId = (
    await mintChild(database.db, { siteId: site.id, caseworkerPersonId: personOf(world, CW), householdId })
  ).id;
  const home = await database.db
    .updateTable("household")
    .set({ address_line1: ADDRESS, phone: PHONE, contact_shared_with_birth_parents: false })
    .where("id", "=", householdId)
    .returning("name")
    .executeTakeFirstOrThrow();
  householdName = home.name;
  const today = todayAt(world, "CA-FRESNO");
  await database.db
    .insertInto("court_hearing")
    .values([
      {
        child_id: childId,
        site_id: site.id,
        hearing_on: addCalendarDays(today, 20),
        hearing_type: "review",
        department: "Dept. 1",
      },
      {
        child_id: childId,
        site_id: site.id,
        hearing_on: addCalendarDays(today, -20),
        hearing_type: "disposition",
        department: "Dept. 1",
      },
    ])
    .execute();
  const rule = await database.db
    .selectFrom("practice_rule")
    .select("id")
    .where("practice", "=", "icebreaker")
    .limit(1)
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto("practice_task")
    .values({
      child_id: childId,
      site_id: site.id,
      placement_id: null,
      hearing_id: null,
      rule_id: rule.id,
      practice: "icebreaker",
      origin_key: `family-test-${childId}`,
      due_at: null,
      due_on: addCalendarDays(today, 5),
      not_required_reason: null,
      completed_at: null,
      completed_by: null,
      outcome: null,
      content: JSON.stringify({ scheduledFor: addCalendarDays(today, 3) }) as never,
      reminded_at: null,
    })
    .execute();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: sessions.get(email)!.headers() });
const consent = (shared: boolean) =>
  database.db
    .updateTable("household")
    .set({ contact_shared_with_birth_parents: shared })
    .where("id", "=", householdId)
    .execute();

describe("the birth parent's page about their child", () => {
  it("lists only the parent's own children; staff, caregivers and youth are refused the family page", async () => {
    const list = await get(PARENT, "/api/family/children");
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().children.map((c: { id: string }) => c.id);
    expect(ids).toContain(childId);
    expect(ids).not.toContain(otherChildId);
    for (const email of [CW, CAREGIVER, YOUTH]) {
      expect((await get(email, "/api/family/children")).statusCode).toBe(403);
      expect((await get(email, `/api/family/children/${childId}`)).statusCode).toBe(403);
    }
    // Another family's child answers as if it did not exist.
    expect((await get(PARENT, `/api/family/children/${otherChildId}`)).statusCode).toBe(404);
  });

  it("shows the next court date, the icebreaker's date and the caseworker; no address or phone without consent", async () => {
    await consent(false);
    const response = await get(PARENT, `/api/family/children/${childId}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    const today = todayAt(world, "CA-FRESNO");
    expect(page.hearings).toEqual([{ on: addCalendarDays(today, 20), type: "review" }]);
    expect(page.meetings).toEqual([
      expect.objectContaining({ practice: "icebreaker", status: "open", scheduledFor: addCalendarDays(today, 3) }),
    ]);
    expect(page.caseworker?.name).toBeTruthy();
    expect(page.home).toEqual({ name: householdName });
    expect(response.body).not.toContain(ADDRESS);
    expect(response.body).not.toContain(PHONE);
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["action", "entity_id"])
      .where("action", "=", "family.my_child_read")
      .where("entity_id", "=", childId)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("with the caregiver's consent shows the home's phone; a court order hides it and the home's name", async () => {
    await consent(true);
    const consented = await get(PARENT, `/api/family/children/${childId}`);
    expect(consented.json().home).toMatchObject({ name: householdName, phone: PHONE, addressLine1: ADDRESS });

    const order = await database.db
      .insertInto("court_order")
      .values({
        child_id: childId,
        site_id: siteOf(world, "CA-FRESNO").id,
        kind: "no_contact_disclosure",
        starts_on: addCalendarDays(todayAt(world, "CA-FRESNO"), -1),
        ends_on: null,
        note: null,
        created_by: null,
        ended_by: null,
        ended_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ordered = await get(PARENT, `/api/family/children/${childId}`);
    expect(ordered.statusCode).toBe(200);
    expect(ordered.json().home).toEqual({ name: null });
    expect(ordered.body).not.toContain(ADDRESS);
    expect(ordered.body).not.toContain(PHONE);
    expect(ordered.body).not.toContain(householdName);
    await database.db.deleteFrom("court_order").where("id", "=", order.id).execute();
    await consent(false);
  });
});
