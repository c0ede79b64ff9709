import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { mintChild } from "../authz/world.js";
import { personOf, siteOf } from "../children/practice-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Case-plan tasks shared with the birth parent: the parent sees only the shared ones and marks progress with a note;
// the caseworker reads the updates; an unshared task is out of the parent's reach (404), the caregiver has no access.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CW = "caseworker@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
let childId: string;
const call = (email: string, method: "GET" | "POST", url: string, payload?: unknown) =>
  app.inject({ method, url, headers: sessions.get(email)!.headers(), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  for (const email of [CW, PARENT, CAREGIVER]) sessions.set(email, await signIn(app, email));
  const householdId = world.householdMembers.find((m) => m.person_id === personOf(world, CAREGIVER))!.household_id;
  childId = (
    await mintChild(database.db, {
      siteId: siteOf(world, "CA-FRESNO").id,
      caseworkerPersonId: personOf(world, CW),
      householdId,
      parentPersonId: personOf(world, PARENT),
    })
  ).id;
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("case-plan tasks shared with the birth parent", () => {
  it("shows the parent only the shared tasks, takes their progress, and shows it to the caseworker", async () => {
    const url = `/api/children/${childId}/case-plan-tasks`;
    const shared = await call(CW, "POST", url, {
      kind: "class",
      title: "Parenting class",
      dueOn: "2027-01-15",
      sharedWithParent: true,
    });
    expect(shared.statusCode).toBe(201);
    const kept = await call(CW, "POST", url, { kind: "service", title: "Records request", sharedWithParent: false });
    expect(kept.statusCode).toBe(201);
    const bad = await call(CW, "POST", url, { kind: "service", title: "", sharedWithParent: false });
    expect(bad.statusCode).toBe(400);

    const parentView = await call(PARENT, "GET", `/api/family/children/${childId}/case-plan-tasks`);
    expect(parentView.json().tasks.map((t: { title: string; dueOn: string }) => [t.title, t.dueOn])).toEqual([
      ["Parenting class", "2027-01-15"],
    ]);
    const progress = await call(
      PARENT,
      "POST",
      `/api/family/children/${childId}/case-plan-tasks/${shared.json().id}/progress`,
      { status: "in_progress", note: "Went to the first class" },
    );
    expect(progress.statusCode).toBe(200);
    expect(progress.json().status).toBe("in_progress");
    const hidden = await call(
      PARENT,
      "POST",
      `/api/family/children/${childId}/case-plan-tasks/${kept.json().id}/progress`,
      { status: "done" },
    );
    expect(hidden.statusCode).toBe(404);
    expect((await call(CAREGIVER, "GET", `/api/family/children/${childId}/case-plan-tasks`)).statusCode).toBe(403);

    const staff = await call(CW, "GET", url);
    const task = staff.json().tasks.find((t: { id: string }) => t.id === shared.json().id);
    expect(task.updates).toHaveLength(1);
    expect(task.updates[0]).toMatchObject({ status: "in_progress", note: "Went to the first class" });

    // Unsharing takes it off the parent's page.
    await call(CW, "POST", `${url}/${shared.json().id}/share`, { sharedWithParent: false });
    expect((await call(PARENT, "GET", `/api/family/children/${childId}/case-plan-tasks`)).json().tasks).toEqual([]);
  });
});
