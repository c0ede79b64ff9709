import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays, zonedInstant } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, newChild, personOf, siteOf, todayAt } from "./practice-fixtures.js";

// Rules as data: a site's coordinator adds a practice of the site's own and its rule without a migration, and a
// placement then creates its task; site settings belong to their site and never loosen the state's law; the
// partnership plan is a practice of the rule set, completed by its two signatures.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const signed: Record<string, SignedIn> = {};
const CA = "caseworker@demo.qpi.example";
const FL = "caseworker@fl-c13.demo.qpi.example";
const CA_COORD = "coordinator@demo.qpi.example";
const MN_COORD = "coordinator@mn-hennepin.demo.qpi.example";
const FL_COORD = "coordinator@fl-c13.demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
// Los Angeles County DCFS: after protective custody, "most likely … a phone call within 5 hours" between the child
// and the family (research notes, qpi.md §0). Set here as the Fresno demo site's own setting, for the test.
const LA_SOURCE =
  "https://www.yumpu.com/en/document/view/19093910/cms-07-021-023-los-angeles-county-department-of-children-and-/901";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  for (const email of [CA, FL, CA_COORD, MN_COORD, FL_COORD, CAREGIVER]) signed[email] = await signIn(app, email);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (email: string, url: string, payload: object, lang = "en") =>
  app.inject({ method: "POST", url, headers: signed[email].headers({ "accept-language": lang }), payload });
const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: signed[email].headers() });
type Task = {
  id: string;
  practice: string;
  status: string;
  dueAt: string | null;
  dueOn: string | null;
  version: number;
  ruleLayer: string;
  practiceLabel: { en: string; es: string };
  completion: string;
};
const tasksOf = async (email: string, childId: string) =>
  (await get(email, `/api/children/${childId}/tasks`)).json().tasks as Task[];
const ruleCount = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM practice_rule`.execute(database.db)).rows[0].n;

async function placeNewChild(email: string, code: string, startDate: string, householdId: string, startTime?: string) {
  const { childId } = await newChild(database.db, world, code, email);
  const res = await post(email, `/api/children/${childId}/episodes`, {
    removalDate: startDate,
    removalReason: "neglect",
    placement: { startDate, householdId, setting: "nonrelative_family_home", ...(startTime ? { startTime } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return childId;
}

describe("a site's own practice, added as data", () => {
  it("is added by the site's coordinator with its rule, and a placement then creates its task", async () => {
    const fresno = siteOf(world, "CA-FRESNO");
    const kind = await post(CA_COORD, "/api/practice-kinds", {
      siteId: fresno.id,
      code: "child_family_call",
      labelEn: "Child–family call",
      labelEs: "Llamada entre el niño y la familia",
      descriptionEn: "A phone call between the child and the family soon after protective custody.",
      recipients: ["birth_parents"],
    });
    expect(kind.statusCode, kind.body).toBe(201);
    expect(kind.json()).toMatchObject({ code: "child_family_call", siteId: fresno.id, stateCode: "CA" });
    const today = todayAt(world, "CA-FRESNO");
    const rule = await post(CA_COORD, "/api/rules", {
      stateCode: "CA",
      practice: "child_family_call",
      trigger: "initial_placement",
      dueAmount: 5,
      dueUnit: "hours",
      effectiveFrom: today,
      sourceUrl: LA_SOURCE,
      sourceNote: "Child–family phone call within 5 hours of protective custody (modelled on Los Angeles County DCFS).",
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect(rule.json()).toMatchObject({ layer: "site", siteId: fresno.id, siteName: fresno.name });

    // The rule applies from today: a child placed yesterday was placed under no such practice.
    const yesterday = addCalendarDays(today, -1);
    const earlier = await placeNewChild(CA, "CA-FRESNO", yesterday, familyHome(world, "CA-FRESNO").id, "09:00");
    expect((await tasksOf(CA, earlier)).some((t) => t.practice === "child_family_call")).toBe(false);
    const childId = await placeNewChild(CA, "CA-FRESNO", today, familyHome(world, "CA-FRESNO").id, "00:05");
    const call = (await tasksOf(CA, childId)).find((t) => t.practice === "child_family_call")!;
    expect(call).toMatchObject({ status: "open", ruleLayer: "site", completion: "form" });
    expect(call.practiceLabel).toEqual({ en: "Child–family call", es: "Llamada entre el niño y la familia" });
    const placedAt = zonedInstant(today, "00:05", fresno.time_zone).getTime();
    expect(Date.parse(call.dueAt!) - placedAt).toBe(5 * 3_600_000);
    // On the worklist under its own practice filter; completed with the form of practices added as data.
    const listed = (await get(CA, `/api/worklist?window=all&practice=child_family_call&childId=${childId}`)).json();
    expect(listed.tasks.map((t: Task) => t.id)).toEqual([call.id]);
    const done = await post(CA, `/api/tasks/${call.id}/complete`, {
      version: call.version,
      completedAt: new Date(Math.min(Date.now(), placedAt + 3_600_000)).toISOString(),
      details: { outcome: "done", recipients: { birth_parents: true }, notes: "Mother called at 11:30." },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: "completed", onTime: true, outcome: "done" });
    const timeliness = (await get(CA_COORD, "/api/practices/timeliness")).json();
    expect(
      timeliness.rows.some(
        (r: { practice: string; onTime: number }) => r.practice === "child_family_call" && r.onTime >= 1,
      ),
    ).toBe(true);

    // Another state's site does not follow it, and cannot use it.
    const flChild = await placeNewChild(FL, "FL-C13", todayAt(world, "FL-C13"), familyHome(world, "FL-C13").id);
    expect((await tasksOf(FL, flChild)).some((t) => t.practice === "child_family_call")).toBe(false);
    const foreign = await post(MN_COORD, "/api/rules", {
      stateCode: "MN",
      practice: "child_family_call",
      trigger: "initial_placement",
      dueAmount: 5,
      dueUnit: "hours",
      effectiveFrom: todayAt(world, "MN-HENNEPIN"),
      sourceUrl: LA_SOURCE,
      sourceNote: "Not Hennepin's practice.",
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["practice"]);
  });

  it("refuses a second practice with the same code, an unknown exclusion, and a coordinator of another site", async () => {
    const fresno = siteOf(world, "CA-FRESNO");
    const hennepin = siteOf(world, "MN-HENNEPIN");
    const base = { code: "comfort_call", labelEn: "Again", labelEs: "Otra vez" };
    const twice = await post(CA_COORD, "/api/practice-kinds", { ...base, siteId: fresno.id });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields[0].field).toBe("code");
    expect(
      (await post(CA_COORD, "/api/practice-kinds", { ...base, code: "x_other", siteId: hennepin.id })).statusCode,
    ).toBe(404);
    expect((await post(CA, "/api/practice-kinds", { ...base, code: "x_mine", siteId: fresno.id })).statusCode).toBe(
      403,
    );
    const before = await ruleCount();
    const unknown = await post(MN_COORD, "/api/rules", {
      stateCode: "MN",
      practice: "comfort_call",
      trigger: "any_placement",
      dueAmount: 24,
      dueUnit: "hours",
      exclusions: ["moon_phase"],
      effectiveFrom: addCalendarDays(todayAt(world, "MN-HENNEPIN"), 3),
      sourceUrl: "https://example.org/x",
      sourceNote: "Unknown exclusion.",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe("exclusions");
    // A site's coordinator edits only the sites where it manages rules.
    const elsewhere = await post(CA_COORD, "/api/rules", {
      stateCode: "MN",
      siteId: hennepin.id,
      practice: "comfort_call",
      trigger: "any_placement",
      dueAmount: 24,
      dueUnit: "hours",
      effectiveFrom: addCalendarDays(todayAt(world, "MN-HENNEPIN"), 3),
      sourceUrl: "https://example.org/x",
      sourceNote: "Not this coordinator's site.",
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(await ruleCount()).toBe(before);
  });

  it("keeps the vocabulary in the database: unknown codes are refused, the existing codes stay valid", async () => {
    // Nevada has no rule of its own yet, so a test row there meets no version in force.
    const insert = (practice: string, exclusions: string) =>
      sql`
      INSERT INTO practice_rule (state_code, practice, trigger, due_amount, due_unit, exclusions, effective_from,
        source_url, source_note)
      VALUES ('NV', ${practice}, 'planned_move', 5, 'days', ${exclusions}::text[], '2030-01-01',
        'https://example.org/nv', 'Test row')`.execute(database.db);
    await expect(insert("no_such_practice", "{}")).rejects.toThrow();
    await expect(insert("planned_move_notice", "{moon_phase}")).rejects.toThrow();
    await expect(insert("planned_move_notice", "{contrary_to_safety}")).resolves.toBeDefined();
    // A "before" deadline needs an event known ahead (a trigger row allowing it).
    await expect(
      sql`INSERT INTO practice_rule (state_code, practice, trigger, due_amount, due_unit, due_direction, effective_from,
            source_url, source_note)
          VALUES ('NV', 'comfort_call', 'emergency_move', 5, 'days', 'before', '2030-01-01', 'https://example.org/nv', 'x')`.execute(
        database.db,
      ),
    ).rejects.toThrow();
    await sql`DELETE FROM practice_rule WHERE state_code = 'NV' AND source_note = 'Test row'`.execute(database.db);
  });
});

describe("site settings never loosen the state's law", () => {
  it("refuses a longer deadline than the state's, naming the field, and changes nothing", async () => {
    const before = await ruleCount();
    const base = {
      stateCode: "MN",
      practice: "comfort_call",
      trigger: "any_placement",
      dueUnit: "hours",
      effectiveFrom: addCalendarDays(todayAt(world, "MN-HENNEPIN"), 7),
      sourceUrl: "https://example.org/hennepin",
      sourceNote: "Looser than the state (test).",
    };
    const longer = await post(MN_COORD, "/api/rules", { ...base, dueAmount: 96, exclusions: ["contrary_to_safety"] });
    expect(longer.statusCode).toBe(400);
    const [problem] = longer.json().error.fields;
    expect(problem.field).toBe("dueAmount");
    expect(problem.message).toBe(
      "Amount of time would loosen the state's rule (72 hours after; https://co.washington.mn.us/2552/Initial-Training). " +
        "A site setting may be stricter than state law, never looser.",
    );
    // Sparing more children than the state does loosens it too.
    const spared = await post(MN_COORD, "/api/rules", {
      ...base,
      dueAmount: 48,
      exclusions: ["contrary_to_safety", "group_care"],
    });
    expect(spared.json().error.fields[0].field).toBe("exclusions");
    // A notice before a planned move: the state's 14 days (California) is a minimum; 10 is looser.
    const notice = await post(CA_COORD, "/api/rules", {
      ...base,
      stateCode: "CA",
      practice: "planned_move_notice",
      trigger: "planned_move",
      dueDirection: "before",
      dueAmount: 10,
      dueUnit: "days",
      effectiveFrom: addCalendarDays(todayAt(world, "CA-FRESNO"), 7),
    });
    expect(notice.json().error.fields[0].field).toBe("dueAmount");
    expect(await ruleCount()).toBe(before);
    // The state's law rows are untouched by a site's stricter setting.
    const stricter = await post(MN_COORD, "/api/rules", { ...base, dueAmount: 24, exclusions: ["contrary_to_safety"] });
    expect(stricter.statusCode, stricter.body).toBe(201);
    const state = await database.db
      .selectFrom("practice_rule")
      .select(["due_amount", "effective_to", "version"])
      .where("state_code", "=", "MN")
      .where("practice", "=", "comfort_call")
      .where("layer", "=", "state")
      .execute();
    expect(state).toEqual([{ due_amount: 72, effective_to: null, version: 1 }]);
  });
});

describe("the partnership plan in the rule set", () => {
  it("Florida: every placement creates the signing task due that day, on the worklist and in timeliness", async () => {
    const today = todayAt(world, "FL-C13");
    const yesterday = addCalendarDays(today, -1);
    const childId = await placeNewChild(FL, "FL-C13", yesterday, familyHome(world, "FL-C13").id);
    const plan = (await tasksOf(FL, childId)).find((t) => t.practice === "partnership_plan")!;
    expect(plan).toMatchObject({ status: "open", dueOn: yesterday, ruleLayer: "state", completion: "signatures" });
    const worklist = (await get(FL, `/api/worklist?window=today&childId=${childId}`)).json();
    expect(worklist.tasks.map((t: Task) => t.practice)).toContain("partnership_plan");
    // A move creates a new one: Florida signs a new plan at every placement change.
    const move = await post(FL, `/api/children/${childId}/placements`, {
      householdId: familyHome(world, "FL-C13", "relative").id,
      setting: "relative_family_home",
      startDate: today,
      changeKind: "unplanned",
      requestedBy: "agency",
      reason: "move_to_relative",
    });
    expect(move.statusCode, move.body).toBe(201);
    expect((await tasksOf(FL, childId)).filter((t) => t.practice === "partnership_plan")).toHaveLength(2);
    // It is done by the signatures, not by ticking the task.
    const ticked = await post(FL, `/api/tasks/${plan.id}/complete`, {
      version: plan.version,
      details: { outcome: "done" },
    });
    expect(ticked.statusCode).toBe(409);
    const rows = (await get(FL_COORD, "/api/practices/timeliness")).json().rows as {
      practice: string;
      pending: number;
      overdue: number;
    }[];
    expect(
      rows.filter((r) => r.practice === "partnership_plan").reduce((n, r) => n + r.pending + r.overdue, 0),
    ).toBeGreaterThanOrEqual(2);
  });

  it("California: the first placement's plan is guidance; both signatures complete it", async () => {
    const today = todayAt(world, "CA-FRESNO");
    const home = world.householdMembers.find((m) => m.person_id === personOf(world, CAREGIVER))!.household_id;
    const childId = await placeNewChild(CA, "CA-FRESNO", addCalendarDays(today, -1), home);
    const plan = (await tasksOf(CA, childId)).find((t) => t.practice === "partnership_plan")!;
    expect(plan).toMatchObject({ status: "open", dueOn: addCalendarDays(today, -1), ruleLayer: "guidance" });
    const url = `/api/children/${childId}/partnership-plan`;
    const shown = (await get(CAREGIVER, url)).json();
    const sign = (email: string, typedName: string) =>
      post(email, `${url}/signatures`, { templateId: shown.template.id, typedName, agree: true });
    expect((await sign(CAREGIVER, "Pat Caregiver")).statusCode).toBe(201);
    expect((await tasksOf(CA, childId)).find((t) => t.id === plan.id)!.status).toBe("open");
    expect((await sign(CA, "Case Worker")).statusCode).toBe(201);
    const done = (await tasksOf(CA, childId)).find((t) => t.id === plan.id)!;
    // Signed the day after the placement: done, and late against the day of placement.
    expect(done).toMatchObject({ status: "completed", onTime: false, outcome: "signed" });
    // A later move in California creates no new plan task (the rule is the first placement's).
    const move = await post(CA, `/api/children/${childId}/placements`, {
      householdId: familyHome(world, "CA-FRESNO").id,
      setting: "nonrelative_family_home",
      startDate: today,
      changeKind: "unplanned",
      requestedBy: "agency",
      reason: "move_to_relative",
    });
    expect(move.statusCode, move.body).toBe(201);
    expect((await tasksOf(CA, childId)).filter((t) => t.practice === "partnership_plan")).toHaveLength(1);
  });
});
