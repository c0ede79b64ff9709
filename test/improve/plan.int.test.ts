import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Barriers and action plans: the coordinator records a barrier with the measures it should move and an action item;
// the dashboard counts open barriers and overdue items (due before the site's today and not done); supervisors read
// it but cannot change it; another site's coordinator reaches nothing; stale versions and bad input change nothing.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const COORDINATOR = "coordinator@demo.qpi.example";
const SUPERVISOR = "supervisor@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
let otherCoordinator: string;
let fresno: string;

const as = (email: string) => sessions.get(email)!;
const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: as(email).headers() });
const post = (email: string, url: string, payload: unknown) =>
  app.inject({ method: "POST", url, payload: payload as object, headers: as(email).headers() });

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  fresno = world.sites.find((s) => s.code === "CA-FRESNO")!.id;
  otherCoordinator = (
    await database.db
      .selectFrom("user_account as u")
      .innerJoin("role_grant as g", "g.user_id", "u.id")
      .select("u.email")
      .where("g.role_code", "=", "qpi_coordinator")
      .where("g.site_id", "!=", fresno)
      .orderBy("u.email")
      .executeTakeFirstOrThrow()
  ).email;
  for (const email of [COORDINATOR, SUPERVISOR, CAREGIVER, otherCoordinator])
    sessions.set(email, await signIn(app, email));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("barriers and action plans", () => {
  it("records a barrier and its action items, and the dashboard shows overdue ones and the measures", async () => {
    const group = await post(COORDINATOR, `/api/improve/sites/${fresno}/work-groups`, {
      workGroupName: "Caregiver voice",
      workGroupKind: "work_group",
    });
    expect(group.statusCode).toBe(201);
    const barrier = await post(COORDINATOR, `/api/improve/sites/${fresno}/barriers`, {
      barrierTitle: "Caregivers hear of hearings late",
      source: "focus_group",
      workGroupId: group.json().id,
      measureIds: ["placement_stability"],
    });
    expect(barrier.statusCode).toBe(201);
    const barrierId = barrier.json().id;
    const items = [
      { actionTitle: "Send hearing notices the same day", owner: "Court liaison", dueOn: "2020-01-15" },
      { actionTitle: "Add caregivers to invitations", owner: "Supervisors", dueOn: "2099-01-15" },
    ];
    for (const item of items)
      expect((await post(COORDINATOR, `/api/improve/barriers/${barrierId}/action-items`, item)).statusCode).toBe(201);

    const board = (await get(SUPERVISOR, `/api/improve/sites/${fresno}/dashboard`)).json();
    expect(board.mayManage).toBe(false);
    expect(board.counts).toMatchObject({ barriersOpen: 1, actionsOverdue: 1, actionsOnTime: 1, actionsDone: 0 });
    const shown = board.barriers.find((b: { id: string }) => b.id === barrierId);
    expect(shown.measureIds).toEqual(["placement_stability"]);
    expect(shown.workGroup).toBe("Caregiver voice");
    const overdue = shown.actions.find((a: { overdue: boolean }) => a.overdue);
    expect(overdue.title).toBe("Send hearing notices the same day");

    // Done is no longer overdue; a stale version changes nothing.
    const url = `/api/improve/action-items/${overdue.id}/status`;
    expect((await post(COORDINATOR, url, { actionStatus: "done", version: 1 })).statusCode).toBe(200);
    expect((await post(COORDINATOR, url, { actionStatus: "in_progress", version: 1 })).statusCode).toBe(409);
    const after = (await get(COORDINATOR, `/api/improve/sites/${fresno}/dashboard`)).json();
    expect(after.mayManage).toBe(true);
    expect(after.counts).toMatchObject({ actionsOverdue: 0, actionsDone: 1 });

    const resolve = await post(COORDINATOR, `/api/improve/barriers/${barrierId}/status`, {
      barrierStatus: "resolved",
      version: 1,
    });
    expect(resolve.statusCode).toBe(200);
    expect((await get(COORDINATOR, `/api/improve/sites/${fresno}/dashboard`)).json().counts.barriersResolved).toBe(1);
  });

  it("keeps other roles and sites out, and refuses bad input without storing it", async () => {
    expect((await get(CAREGIVER, `/api/improve/sites/${fresno}/dashboard`)).statusCode).toBe(403);
    expect((await get(otherCoordinator, `/api/improve/sites/${fresno}/dashboard`)).statusCode).toBe(404);
    const body = { barrierTitle: "A barrier", source: "data", measureIds: [] };
    expect((await post(SUPERVISOR, `/api/improve/sites/${fresno}/barriers`, body)).statusCode).toBe(403);
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom("barrier")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await post(COORDINATOR, `/api/improve/sites/${fresno}/barriers`, { ...body, measureIds: ["made_up"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toMatch(/Outcome measures it should move/);
    // Another site's work group cannot be linked.
    const foreign = await post(
      otherCoordinator,
      `/api/improve/sites/${world.sites.find((s) => s.id !== fresno)!.id}/work-groups`,
      {
        workGroupName: "Elsewhere",
        workGroupKind: "work_group",
      },
    );
    const linked = await post(COORDINATOR, `/api/improve/sites/${fresno}/barriers`, {
      ...body,
      workGroupId: foreign.json().id,
    });
    expect(linked.statusCode).toBe(404);
    expect(await count()).toBe(before);
  });
});
