import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { mintChild } from "../authz/world.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, personOf, siteOf, todayAt } from "./practice-fixtures.js";

// Field classes in a child's record: the caregiver's address and phone reach a
// birth parent only with the caregiver's recorded consent and no court order
// against it; a maltreatment reporter's identity reaches only those with the
// right; a caregiver's access ends when the placement ends.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CW = "caseworker@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
const YOUTH = "youth@demo.qpi.example";
let childId: string;
let householdId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  for (const email of [CW, PARENT, CAREGIVER, YOUTH]) sessions.set(email, await signIn(app, email));
  // A child of the demo parent on the demo caseworker's caseload, living with the demo caregiver.
  const caregiverPerson = personOf(world, CAREGIVER);
  householdId = world.householdMembers.find((m) => m.person_id === caregiverPerson)!.household_id;
  const child = await mintChild(database.db, {
    siteId: siteOf(world, "CA-FRESNO").id,
    caseworkerPersonId: personOf(world, CW),
    householdId,
    parentPersonId: personOf(world, PARENT),
  });
  childId = child.id;
  await database.db
    .updateTable("household")
    .set({ address_line1: "12 Sentinel Way", phone: "(559) 555-0199" })
    .where("id", "=", householdId)
    .execute();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: sessions.get(email)!.headers() });
const contactSeenBy = async (email: string) => {
  const response = await get(email, `/api/children/${childId}/placements`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().caregiverContact as { addressLine1: string; phone: string } | undefined;
};
const consent = (shared: boolean) =>
  database.db
    .updateTable("household")
    .set({ contact_shared_with_birth_parents: shared })
    .where("id", "=", householdId)
    .execute();
// Dates of shares and court orders are the child's site calendar day (Fresno: Pacific time).
const today = () => todayAt(world, "CA-FRESNO");

describe("the caregiver's address and phone", () => {
  it(`reach the child's caseworker always, the birth parent only with consent and \
no court order, the caregiver's own login never through the record`, async () => {
    await consent(false);
    expect(await contactSeenBy(CW)).toMatchObject({ addressLine1: "12 Sentinel Way", phone: "(559) 555-0199" });
    expect(await contactSeenBy(PARENT)).toBeUndefined();
    expect(await contactSeenBy(CAREGIVER)).toBeUndefined();

    await consent(true);
    expect(await contactSeenBy(PARENT)).toMatchObject({ addressLine1: "12 Sentinel Way" });

    const order = await database.db
      .insertInto("court_order")
      .values({
        child_id: childId,
        site_id: siteOf(world, "CA-FRESNO").id,
        kind: "no_contact_disclosure",
        starts_on: addCalendarDays(today(), -10),
        ends_on: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const withOrder = await get(PARENT, `/api/children/${childId}/placements`);
    expect(withOrder.json()).not.toHaveProperty("caregiverContact");
    expect(withOrder.body).not.toContain("Sentinel");
    expect(await contactSeenBy(CW)).toMatchObject({ addressLine1: "12 Sentinel Way" });

    // An order that has ended no longer forbids; one that starts later does not yet.
    await database.db
      .updateTable("court_order")
      .set({ ends_on: addCalendarDays(today(), -1) })
      .where("id", "=", order.id)
      .execute();
    expect(await contactSeenBy(PARENT)).toMatchObject({ phone: "(559) 555-0199" });
    await database.db
      .updateTable("court_order")
      .set({ starts_on: addCalendarDays(today(), 2), ends_on: null })
      .where("id", "=", order.id)
      .execute();
    expect(await contactSeenBy(PARENT)).toMatchObject({ phone: "(559) 555-0199" });

    const audit = await database.db
      .selectFrom("audit_event")
      .select(["field_classes"])
      .where("action", "=", "placement.history.read")
      .where("entity_id", "=", childId)
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.field_classes.includes("caregiver_contact"))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
      true,
      true,
    ]);
    const text = await database.db.selectFrom("audit_event").selectAll().where("entity_id", "=", childId).execute();
    expect(JSON.stringify(text)).not.toMatch(/Sentinel|555-0199/);
  });

  it("stop reaching the caregiver when the child moves out: the record answers 404", async () => {
    const other = familyHome(world, "CA-FRESNO");
    const moved = await mintChild(database.db, {
      siteId: siteOf(world, "CA-FRESNO").id,
      caseworkerPersonId: personOf(world, CW),
      householdId,
    });
    expect((await get(CAREGIVER, `/api/children/${moved.id}`)).statusCode).toBe(200);
    const move = await app.inject({
      method: "POST",
      url: `/api/children/${moved.id}/placements`,
      headers: sessions.get(CW)!.headers(),
      payload: {
        householdId: other.id === householdId ? null : other.id,
        setting: other.id === householdId ? "runaway" : "nonrelative_family_home",
        startDate: today(),
        changeKind: "planned",
        requestedBy: "agency",
        reason: "step_down_to_family",
      },
    });
    expect(move.statusCode, move.body).toBe(201);
    expect((await get(CAREGIVER, `/api/children/${moved.id}`)).statusCode).toBe(404);
    expect((await get(CAREGIVER, `/api/children/${moved.id}/tasks`)).statusCode).toBe(404);
  });
});

describe("who reported maltreatment", () => {
  it("is shown to the caseworker and removed for the family; the allegation and its dates are not", async () => {
    await database.db
      .insertInto("maltreatment_report")
      .values({
        child_id: childId,
        site_id: siteOf(world, "CA-FRESNO").id,
        received_on: "2026-01-02",
        incident_on: "2025-12-30",
        allegation: "neglect",
        disposition: "substantiated",
        reporter_name: "Reporter Sentinel-Name",
        reporter_role: "teacher",
      })
      .execute();
    const staff = (await get(CW, `/api/children/${childId}/reports`)).json().reports;
    expect(staff).toEqual([
      {
        id: expect.any(String),
        receivedOn: "2026-01-02",
        incidentOn: "2025-12-30",
        allegation: "neglect",
        disposition: "substantiated",
        reporterName: "Reporter Sentinel-Name",
        reporterRole: "teacher",
      },
    ]);
    for (const email of [PARENT, CAREGIVER]) {
      const response = await get(email, `/api/children/${childId}/reports`);
      expect(response.statusCode).toBe(200);
      expect(response.json().reports).toEqual([
        {
          id: staff[0].id,
          receivedOn: "2026-01-02",
          incidentOn: "2025-12-30",
          allegation: "neglect",
          disposition: "substantiated",
        },
      ]);
      expect(response.body).not.toContain("Sentinel");
    }
    expect((await get(YOUTH, `/api/children/${childId}/reports`)).statusCode).toBe(404);
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["field_classes"])
      .where("action", "=", "maltreatment_report.list")
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.field_classes)).toEqual([
      ["case_history", "reporter_identity"],
      ["case_history"],
      ["case_history"],
    ]);
  });
});
