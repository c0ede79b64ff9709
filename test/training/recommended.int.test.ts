import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { mintChild } from "../authz/world.js";
import { personOf, siteOf, todayAt } from "../children/practice-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Recommended for you: the items on the caregiver's home page for the children placed in the home now (through the
// caregiver module's service), a new placement (an infant placed today brings infant-care items), and hours owed.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let caregiver: SignedIn;
let caseworker: SignedIn;
const CAREGIVER = "caregiver@demo.qpi.example";
const CW = "caseworker@demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  caregiver = await signIn(app, CAREGIVER);
  caseworker = await signIn(app, CW);
}, 240_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Recommended = {
  owedHours: number | null;
  items: {
    code: string;
    creditHours: number;
    topic: { code: string };
    reasons: { kind: string; childName: string | null; age: number | null }[];
  }[];
};
const recommended = async (who: SignedIn) =>
  app.inject({ method: "GET", url: "/api/training/recommended", headers: who.headers() });

describe("recommended for you", () => {
  it("an infant placed today brings infant-care items first, naming the child; audited by the caregiver module", async () => {
    const householdId = world.householdMembers.find((m) => m.person_id === personOf(world, CAREGIVER))!.household_id;
    const today = todayAt(world, "CA-FRESNO");
    const minted = await mintChild(database.db, {
      siteId: siteOf(world, "CA-FRESNO").id,
      caseworkerPersonId: personOf(world, CW),
      householdId,
    });
    const born = new Date(Date.parse(today) - 60 * 86_400_000).toISOString().slice(0, 10);
    await database.db
      .updateTable("person")
      .set({ birth_date: born, given_name: "Ximena" })
      .where("id", "=", minted.personId)
      .execute();
    await database.db.updateTable("placement").set({ start_date: today }).where("child_id", "=", minted.id).execute();
    await database.db
      .updateTable("removal_episode")
      .set({ removal_date: today })
      .where("child_id", "=", minted.id)
      .execute();

    const response = await recommended(caregiver);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as Recommended;
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0].topic.code).toBe("infants");
    expect(body.items[0].reasons[0]).toMatchObject({ kind: "new_placement", childName: "Ximena", age: 0 });
    // The catalogue holds many infant items; which ones lead may change with it, but the list opens with infant
    // items recommended for the new placement, more than one of them.
    const leading = body.items.slice(0, body.items.findIndex((i) => i.topic.code !== "infants") >>> 0);
    expect(leading.length).toBeGreaterThanOrEqual(2);
    for (const item of leading) expect(item.reasons[0]).toMatchObject({ kind: "new_placement", childName: "Ximena" });
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["entity_ids", "field_classes"])
      .where("action", "=", "my_children.training_needs")
      .execute();
    expect(audit.length).toBe(1);
    expect(audit[0].entity_ids).toContain(minted.id.toLowerCase());
  });

  it("hours owed: an item once recorded is no longer recommended, and the hours owed go down", async () => {
    const before = (await recommended(caregiver)).json() as Recommended;
    expect(before.owedHours).not.toBeNull();
    const first = before.items[0].code;
    const hours = before.items[0].creditHours;
    expect(hours).toBeGreaterThan(0);
    const attest = await app.inject({
      method: "POST",
      url: `/api/training/items/${first}/attest`,
      headers: caregiver.headers(),
      payload: { attested: true },
    });
    expect(attest.statusCode, attest.body).toBe(200);
    const after = (await recommended(caregiver)).json() as Recommended;
    expect(after.items.map((i) => i.code)).not.toContain(first);
    expect(after.owedHours).toBe(Math.max(0, (before.owedHours ?? 0) - hours));
  });

  it("staff have no recommendations of their own (403)", async () => {
    expect((await recommended(caseworker)).statusCode).toBe(403);
  });
});
