import crypto from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/demo-accounts.js";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { addUser } from "../../server/modules/identity/index.js";
import { systemActor } from "../../server/platform/access/actor.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays, zonedDay, zonedInstant } from "../../server/platform/rules/zoned-time.js";
import "../support/fast-check-seed.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { emailOfPerson, newChild, personOf, siteOf } from "./practice-fixtures.js";

// One frozen instant for the whole file: the oracle below and the server read "now" alike.
const NOW = new Date();
const CW = "caseworker@demo.qpi.example";
const SUP = "supervisor@demo.qpi.example";
const PRACTICES = ["comfort_call", "icebreaker", "medication_handover", "cft_meeting", "sibling_visit"] as const;

let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let zone: string;
let siteId: string;
let ruleId: string;
let unitId: string;
const sessions = new Map<string, SignedIn>();

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind, { now: () => NOW });
  const site = siteOf(world, "CA-FRESNO");
  zone = site.time_zone;
  siteId = site.id;
  ruleId = (await database.db.selectFrom("practice_rule").select("id").limit(1).executeTakeFirstOrThrow()).id;
  unitId = (
    await database.db
      .selectFrom("role_grant as rg")
      .innerJoin("user_account as ua", "ua.id", "rg.user_id")
      .select("rg.unit_id")
      .where("ua.email", "=", CW)
      .where("rg.role_code", "=", "caseworker")
      .executeTakeFirstOrThrow()
  ).unit_id!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function as(email: string) {
  if (!sessions.has(email)) sessions.set(email, await signIn(app, email));
  return sessions.get(email)!;
}
const get = async (email: string, url: string) => {
  const res = await app.inject({ method: "GET", url, headers: (await as(email)).headers() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const post = async (email: string, url: string, payload: object) =>
  app.inject({ method: "POST", url, headers: (await as(email)).headers(), payload });

interface TaskSpec {
  practice: (typeof PRACTICES)[number];
  hours: boolean;
  /** Minutes from now (hour deadline) or days from the site's today (day deadline). */
  offset: number;
  status: "open" | "completed" | "not_required";
}
const siteToday = () => zonedDay(NOW, zone);

async function insertTasks(childId: string, specs: TaskSpec[]) {
  const ids: string[] = [];
  for (const spec of specs) {
    const row = await database.db
      .insertInto("practice_task")
      .values({
        child_id: childId,
        site_id: siteId,
        rule_id: ruleId,
        practice: spec.practice,
        origin_key: `test:${crypto.randomUUID()}`,
        due_at: spec.hours ? new Date(NOW.getTime() + spec.offset * 60_000) : null,
        due_on: spec.hours ? null : addCalendarDays(siteToday(), spec.offset),
        status: spec.status,
        not_required_reason: spec.status === "not_required" ? "group_care" : null,
        completed_at: spec.status === "completed" ? NOW : null,
        outcome: spec.status === "completed" ? "held" : null,
        content: "{}",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** The oracle: whether a task is overdue, written from the rule (hour deadlines by instant, day ones by site day). */
const isOverdue = (s: TaskSpec) => s.status === "open" && s.offset < 0;
const dueInstant = (t: { dueAt: string | null; dueOn: string | null }) =>
  t.dueAt ? new Date(t.dueAt).getTime() : zonedInstant(t.dueOn!, "23:59", zone).getTime();

const specArb = fc.record({
  practice: fc.constantFrom(...PRACTICES),
  hours: fc.boolean(),
  offset: fc.integer({ min: -20 * 24 * 60, max: 20 * 24 * 60 }).filter((n) => n !== 0),
  status: fc.constantFrom("open", "open", "completed", "not_required"),
}) as fc.Arbitrary<TaskSpec>;
const asSpec = (s: TaskSpec): TaskSpec => (s.hours ? s : { ...s, offset: Math.trunc(s.offset / (24 * 60)) || -1 });

type Task = {
  id: string;
  childId: string;
  practice: string;
  status: string;
  dueAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  timeZone: string;
  caseworkerId: string | null;
  version: number;
};

describe("the worklist", () => {
  it("orders open before done, then by due time, then by id; filters by window, practice and child", async () => {
    const { childId } = await newChild(database.db, world, "CA-FRESNO", CW);
    const specs: TaskSpec[] = [
      { practice: "comfort_call", hours: true, offset: -90, status: "open" },
      { practice: "medication_handover", hours: true, offset: -90, status: "open" },
      { practice: "icebreaker", hours: false, offset: 0, status: "open" },
      { practice: "cft_meeting", hours: false, offset: 5, status: "open" },
      { practice: "sibling_visit", hours: false, offset: 12, status: "open" },
      { practice: "comfort_call", hours: true, offset: -3000, status: "completed" },
      { practice: "sibling_visit", hours: false, offset: -2, status: "not_required" },
    ];
    await insertTasks(childId, specs);
    const all = (await get(CW, `/api/worklist?window=all&childId=${childId}`)) as { tasks: Task[]; total: number };
    expect(all.total).toBe(7);
    const rank = (t: Task) => (t.status === "open" ? 0 : 1);
    for (let i = 1; i < all.tasks.length; i++) {
      const [a, b] = [all.tasks[i - 1], all.tasks[i]];
      const order = rank(a) - rank(b) || dueInstant(a) - dueInstant(b) || (a.id < b.id ? -1 : 1);
      expect(order, `${a.practice} before ${b.practice}`).toBeLessThan(0);
    }
    expect(all.tasks.slice(0, 5).every((t) => t.status === "open")).toBe(true);
    expect(all.tasks[0].timeZone).toBe(zone);
    // The same request twice gives the same order (the two tasks due at the same instant keep theirs).
    const again = (await get(CW, `/api/worklist?window=all&childId=${childId}`)) as { tasks: Task[] };
    expect(again.tasks.map((t) => t.id)).toEqual(all.tasks.map((t) => t.id));

    const practicesIn = async (window: string) =>
      ((await get(CW, `/api/worklist?window=${window}&childId=${childId}`)).tasks as Task[]).map((t) => t.practice);
    expect((await practicesIn("overdue")).sort()).toEqual(["comfort_call", "medication_handover"]);
    expect((await practicesIn("today")).sort()).toEqual(["comfort_call", "icebreaker", "medication_handover"]);
    expect((await practicesIn("week")).sort()).toEqual([
      "cft_meeting",
      "comfort_call",
      "icebreaker",
      "medication_handover",
    ]);
    const calls = (await get(CW, `/api/worklist?window=all&childId=${childId}&practice=comfort_call`)).tasks as Task[];
    expect(calls.map((t) => t.status)).toEqual(["open", "completed"]);
    // Another caseworker's filter on this child finds nothing: the filter narrows, never widens.
    const byOther = await get(CW, `/api/worklist?window=all&childId=${childId}&caseworker=${crypto.randomUUID()}`);
    expect(byOther.total).toBe(0);
    const bad = await app.inject({
      method: "GET",
      url: "/api/worklist?window=yesterday",
      headers: (await as(CW)).headers(),
    });
    expect(bad.statusCode).toBe(400);
  });

  it("records a comfort call from a worklist row in one request, and it leaves the overdue window", async () => {
    const { childId } = await newChild(database.db, world, "CA-FRESNO", CW);
    await insertTasks(childId, [{ practice: "comfort_call", hours: true, offset: -60, status: "open" }]);
    const [task] = (await get(CW, `/api/worklist?window=overdue&childId=${childId}`)).tasks as Task[];
    const done = await post(CW, `/api/tasks/${task.id}/complete`, {
      version: task.version,
      details: { outcome: "held" },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await get(CW, `/api/worklist?window=overdue&childId=${childId}`)).total).toBe(0);
  });

  it("property: the supervisor's overdue figures equal the worklist's for the same scope and window", async () => {
    const cwPerson = personOf(world, CW);
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 1, maxLength: 8 }),
        fc.array(specArb, { minLength: 0, maxLength: 4 }),
        async (rawMine, rawClosed) => {
          const mine = rawMine.map(asSpec);
          const closed = rawClosed.map(asSpec);
          const before = await figures();
          const { childId } = await newChild(database.db, world, "CA-FRESNO", CW);
          await insertTasks(childId, mine);
          // A child whose caseworker left (the case closed): no unit's worklist reaches it, so no unit counts it.
          const left = await newChild(database.db, world, "CA-FRESNO", CW);
          await database.db
            .updateTable("child_team_member")
            .set({ ends_on: addCalendarDays(siteToday(), -1) })
            .where("child_id", "=", left.childId)
            .execute();
          await insertTasks(left.childId, closed);
          const after = await figures();
          const expected = mine.filter(isOverdue).length;

          // The oracle, the worklist and its counts agree on the new child.
          const list = await get(SUP, `/api/worklist?window=overdue&childId=${childId}`);
          expect(list.total).toBe(expected);
          expect((list.tasks as Task[]).every((t) => t.overdue && t.caseworkerId === cwPerson)).toBe(true);
          // Supervisor: counts, worklist and the timeliness unit figure move together.
          expect(after.counts.total - before.counts.total).toBe(expected);
          expect(after.list - before.list).toBe(expected);
          expect(after.unit - before.unit).toBe(expected);
          expect(after.counts.total).toBe(after.list);
          expect(after.counts.byCaseworker.reduce((s, r) => s + r.count, 0)).toBe(after.list);
          // Each figure drills down to exactly as many tasks.
          for (const row of after.counts.byCaseworker) {
            const drilled = await get(SUP, `/api/worklist?window=overdue&caseworker=${row.caseworkerId ?? "none"}`);
            expect(drilled.total).toBe(row.count);
          }
          for (const row of after.counts.byPractice) {
            const drilled = await get(SUP, `/api/worklist?window=overdue&practice=${row.practice}`);
            expect(drilled.total).toBe(row.count);
          }
          // The caseworker's own figures reconcile the same way.
          const cwCounts = await get(CW, "/api/worklist/counts?window=overdue");
          expect((await get(CW, "/api/worklist?window=overdue")).total).toBe(cwCounts.total);
          // The left child's overdue tasks are counted under "no current caseworker", not under a unit.
          expect(after.noUnit - before.noUnit).toBe(closed.filter(isOverdue).length);
        },
      ),
      { numRuns: 8 },
    );
  });
});

async function figures() {
  const counts = (await get(SUP, "/api/worklist/counts?window=overdue")) as {
    total: number;
    byCaseworker: { caseworkerId: string | null; count: number }[];
    byPractice: { practice: string; count: number }[];
  };
  const list = (await get(SUP, "/api/worklist?window=overdue")).total as number;
  const rows = (await get(SUP, "/api/practices/timeliness?days=180")).rows as {
    unitId: string | null;
    overdue: number;
  }[];
  const sum = (unit: string | null) => rows.filter((r) => r.unitId === unit).reduce((s, r) => s + r.overdue, 0);
  return { counts, list, unit: sum(unitId), noUnit: sum(null) };
}

describe("the caregiver's report to the court", () => {
  it("staff read it before receipt; the caregiver amends before the hearing, not after; others get 404", async () => {
    // The demo caregiver's placed child and that child's caseworker.
    const caregiver = "caregiver@demo.qpi.example";
    const home = world.householdMembers.find((m) => m.person_id === personOf(world, caregiver))!.household_id;
    const childId = world.placements.find((p) => p.household_id === home && p.end_date == null)!.child_id;
    const worker = emailOfPerson(
      world,
      world.teamMembers.find((m) => m.child_id === childId && m.role === "caseworker" && m.ends_on == null)!.person_id,
    );
    const placed = { child_id: childId };
    const hearing = async (days: number) => {
      const res = await post(worker, `/api/children/${placed.child_id}/hearings`, {
        hearingOn: addCalendarDays(siteToday(), days),
        hearingType: "review",
        department: "Dept. 4",
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().hearingId as string;
    };
    const soon = await hearing(10);
    const sent = await post(caregiver, `/api/hearings/${soon}/caregiver-report`, {
      body: "She is doing well at school.",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const amended = await post(caregiver, `/api/hearings/${soon}/caregiver-report/amendments`, {
      body: "Since then she joined the swim team.",
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const reportOf = async (email: string, hearingId: string) =>
      (
        (await get(email, `/api/children/${placed.child_id}/hearings`)).hearings as { id: string; report: never }[]
      ).find((h) => h.id === hearingId)!.report as {
        body: string;
        receivedAt: string | null;
        amendable: boolean;
        amendments: { body: string }[];
      };
    // Staff read the report and its amendment before they mark it received.
    const staffView = await reportOf(worker, soon);
    expect(staffView).toMatchObject({ body: "She is doing well at school.", receivedAt: null, amendable: true });
    expect(staffView.amendments.map((a) => a.body)).toEqual(["Since then she joined the swim team."]);
    // The caregiver reads what they sent, original first.
    const own = await reportOf(caregiver, soon);
    expect([own.body, ...own.amendments.map((a) => a.body)]).toEqual([
      "She is doing well at school.",
      "Since then she joined the swim team.",
    ]);
    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", "caregiver_report.amend")
      .execute();
    expect(audit.length).toBeGreaterThan(0);

    // The hearing day has come: refused, nothing added.
    const today = await hearing(0);
    expect((await post(caregiver, `/api/hearings/${today}/caregiver-report`, { body: "Report." })).statusCode).toBe(
      201,
    );
    const late = await post(caregiver, `/api/hearings/${today}/caregiver-report/amendments`, { body: "Too late." });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/before the day of the hearing/);
    expect((await reportOf(caregiver, today)).amendments).toEqual([]);
    expect((await reportOf(caregiver, today)).amendable).toBe(false);
    // An empty amendment is refused.
    expect(
      (await post(caregiver, `/api/hearings/${soon}/caregiver-report/amendments`, { body: "  " })).statusCode,
    ).toBe(400);

    // Another caregiver does not reach the hearing: 404, as if it did not exist.
    // A caregiver at the same site whose home the child does not live in.
    await addUser(database.db, systemActor("test"), {
      email: "other-caregiver@example.org",
      givenName: "Other",
      familyName: "Caregiver",
      role: "caregiver",
      siteCode: "CA-FRESNO",
      language: "en",
      password: DEMO_PASSWORD,
    });
    const other = { email: "other-caregiver@example.org" };
    const foreign = await post(other.email, `/api/hearings/${soon}/caregiver-report/amendments`, { body: "x" });
    expect(foreign.statusCode).toBe(404);
    expect((await reportOf(caregiver, soon)).amendments).toHaveLength(1);
  });
});
