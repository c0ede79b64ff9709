import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, newChild, todayAt } from "./practice-fixtures.js";

// A rule version applying from before today ends the version in force on that day early: the coordinator must
// confirm it by naming that version, and tasks created under the old version keep their due dates.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let caseworker: SignedIn;
let coordinator: SignedIn;
const CW = "caseworker@demo.qpi.example";
const SITE = "CA-FRESNO";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  caseworker = await signIn(app, CW);
  coordinator = await signIn(app, "coordinator@demo.qpi.example");
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (who: SignedIn, url: string, payload: object) =>
  app.inject({ method: "POST", url, headers: who.headers({ "accept-language": "en" }), payload });
const get = (who: SignedIn, url: string) => app.inject({ method: "GET", url, headers: who.headers() });

type Rule = { id: string; practice: string; trigger: string; appliesTo: string; dueAmount: number; dueUnit: string };
type Task = { id: string; practice: string; dueAt: string | null; dueOn: string | null };

describe("a backdated rule version", () => {
  it("needs a confirmation naming the version it ends, and leaves existing tasks' due dates alone", async () => {
    const today = todayAt(world, SITE);
    const { childId } = await newChild(database.db, world, SITE, CW);
    const placedOn = addCalendarDays(today, -3);
    const opened = await post(caseworker, `/api/children/${childId}/episodes`, {
      removalDate: placedOn,
      removalReason: "neglect",
      placement: {
        householdId: familyHome(world, SITE).id,
        setting: "nonrelative_family_home",
        startDate: placedOn,
        startTime: "10:00",
        changeKind: "emergency",
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const tasksBefore = (await get(caseworker, `/api/children/${childId}/tasks`)).json().tasks as Task[];
    const comfortBefore = tasksBefore.find((t) => t.practice === "comfort_call")!;
    expect(comfortBefore.dueAt ?? comfortBefore.dueOn).not.toBeNull();

    const rules = (await get(coordinator, "/api/rules?state=CA")).json().rules as Rule[];
    const inForce = rules.find(
      (r) => r.practice === "comfort_call" && r.trigger === "any_placement" && r.appliesTo === "all",
    )!;
    const backdated = addCalendarDays(today, -10);
    const version = (confirmEndsVersion?: string) =>
      post(coordinator, "/api/rules", {
        stateCode: "CA",
        practice: "comfort_call",
        trigger: "any_placement",
        dueAmount: 24,
        dueUnit: "hours",
        effectiveFrom: backdated,
        ...(confirmEndsVersion ? { confirmEndsVersion } : {}),
        sourceUrl: "https://example.org/ca-comfort-call",
        sourceNote: "Backdated test version.",
      });
    const unconfirmed = await version();
    expect(unconfirmed.statusCode).toBe(400);
    const [problem] = unconfirmed.json().error.fields;
    expect(problem.field).toBe("confirmEndsVersion");
    expect(problem.message).toContain(`Applies from: ${backdated} is before today`);
    expect(problem.message).toContain(`due ${inForce.dueAmount} ${inForce.dueUnit}, version ${inForce.id}`);
    // Confirming another version is no confirmation.
    const wrong = await version(rules.find((r) => r.id !== inForce.id)!.id);
    expect(wrong.statusCode).toBe(400);
    const unchanged = (await get(coordinator, "/api/rules?state=CA")).json().rules as Rule[];
    expect(unchanged.length).toBe(rules.length);

    const confirmed = await version(inForce.id);
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const after = (await get(coordinator, "/api/rules?state=CA")).json().rules as (Rule & {
      effectiveTo: string | null;
    })[];
    expect(after.find((r) => r.id === inForce.id)!.effectiveTo).toBe(addCalendarDays(backdated, -1));

    // The comfort call created under the old version is due when it was due.
    const tasksAfter = (await get(caseworker, `/api/children/${childId}/tasks`)).json().tasks as Task[];
    const comfortAfter = tasksAfter.find((t) => t.id === comfortBefore.id)!;
    expect([comfortAfter.dueAt, comfortAfter.dueOn]).toEqual([comfortBefore.dueAt, comfortBefore.dueOn]);
    const stored = await database.db
      .selectFrom("practice_task")
      .select(["due_at", "due_on"])
      .where("id", "=", comfortBefore.id)
      .executeTakeFirstOrThrow();
    expect(stored.due_at?.toISOString() ?? null).toBe(comfortBefore.dueAt);
  });
});
