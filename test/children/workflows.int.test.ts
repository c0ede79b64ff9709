import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { practiceJobs } from "../../server/modules/children/reminders.js";
import type { App } from "../../server/platform/http/types.js";
import { createScheduler } from "../../server/platform/jobs/scheduler.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { emailOfPerson, familyHome, newChild, personOf, todayAt } from "./practice-fixtures.js";

let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CW = "caseworker@demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function as(email: string) {
  if (!sessions.has(email)) sessions.set(email, await signIn(app, email));
  return sessions.get(email)!;
}
const post = async (email: string, url: string, payload: unknown, method: "POST" | "PATCH" = "POST") =>
  app.inject({ method, url, headers: (await as(email)).headers(), payload: payload as object });
const get = async (email: string, url: string) =>
  app.inject({ method: "GET", url, headers: (await as(email)).headers() });
type Task = {
  id: string;
  practice: string;
  status: string;
  dueOn: string | null;
  dueAt: string | null;
  version: number;
  overdue: boolean;
  details: Record<string, unknown>;
  completedByName: string | null;
};
const tasksOf = async (email: string, childId: string) =>
  (await (await get(email, `/api/children/${childId}/tasks`)).json()).tasks as Task[];

async function placedChild(daysAgo: number) {
  const { childId } = await newChild(database.db, world, "CA-FRESNO", CW);
  const start = addCalendarDays(todayAt(world, "CA-FRESNO"), -daysAgo);
  const res = await post(CW, `/api/children/${childId}/episodes`, {
    removalDate: start,
    removalReason: "neglect",
    placement: { householdId: familyHome(world, "CA-FRESNO").id, setting: "nonrelative_family_home", startDate: start },
  });
  expect(res.statusCode, res.body).toBe(201);
  return childId;
}

describe("practice workflows", () => {
  it(`icebreaker: scheduled with participants, then held with All About \
Me, Meet Our Family, the agreement and the evaluation`, async () => {
    const childId = await placedChild(2);
    const ice = (await tasksOf(CW, childId)).find((t) => t.practice === "icebreaker")!;
    const scheduledFor = addCalendarDays(todayAt(world, "CA-FRESNO"), 3);
    const progress = await post(
      CW,
      `/api/tasks/${ice.id}`,
      {
        version: ice.version,
        details: { scheduledFor, participants: ["Birth mother", "Resource parent", "Caseworker"] },
      },
      "PATCH",
    );
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json()).toMatchObject({
      status: "open",
      details: { scheduledFor, participants: ["Birth mother", "Resource parent", "Caseworker"] },
    });
    const held = await post(CW, `/api/tasks/${ice.id}/complete`, {
      version: progress.json().version,
      details: {
        outcome: "held",
        allAboutMe: "Loves dinosaurs; afraid of the dark.",
        meetOurFamily: "Two dogs, one teenager.",
        coParentingAgreement: true,
        evaluation: "Both parents found it helpful.",
      },
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({
      status: "completed",
      outcome: "held",
      onTime: true,
      completedByName: expect.any(String),
      details: {
        scheduledFor,
        coParentingAgreement: true,
        participants: ["Birth mother", "Resource parent", "Caseworker"],
      },
    });
  });

  it("health and education summary delivered, medications handed over, CFT meeting held", async () => {
    const childId = await placedChild(5);
    for (const [practice, details] of [
      ["health_education_summary", { outcome: "delivered" }],
      ["medication_handover", { outcome: "none_in_agency_possession" }],
      ["cft_meeting", { outcome: "held", participants: ["Youth", "Caregiver", "Parent", "Therapist"] }],
    ] as const) {
      const task = (await tasksOf(CW, childId)).find((t) => t.practice === practice)!;
      const res = await post(CW, `/api/tasks/${task.id}/complete`, { version: task.version, details });
      expect(res.statusCode, `${practice}: ${res.body}`).toBe(200);
    }
    // The medication task was due 48 hours after a placement 5 days ago: completed, but late.
    const meds = (await tasksOf(CW, childId)).find((t) => t.practice === "medication_handover")! as Task & {
      onTime: boolean;
    };
    expect(meds.onTime).toBe(false);
  });

  it("siblings placed apart: a monthly sibling visit, and the next one is due a month after each visit", async () => {
    const { childId: a, personId: personA } = await newChild(database.db, world, "CA-FRESNO", CW);
    const { childId: b, personId: personB } = await newChild(database.db, world, "CA-FRESNO", CW);
    await database.db
      .insertInto("child_relation")
      .values([
        { child_id: a, person_id: personB, kind: "sibling_half" },
        { child_id: b, person_id: personA, kind: "sibling_half" },
      ])
      .execute();
    const today = todayAt(world, "CA-FRESNO");
    const place = (childId: string, householdId: string, setting: string) =>
      post(CW, `/api/children/${childId}/episodes`, {
        removalDate: today,
        removalReason: "neglect",
        placement: { householdId, setting, startDate: today },
      });
    expect((await place(a, familyHome(world, "CA-FRESNO").id, "nonrelative_family_home")).statusCode).toBe(201);
    expect((await place(b, familyHome(world, "CA-FRESNO", "relative").id, "relative_family_home")).statusCode).toBe(
      201,
    );
    const visit = (await tasksOf(CW, b)).find((t) => t.practice === "sibling_visit")!;
    expect(visit.dueOn).toBe(addCalendarDays(today, 30));
    const done = await post(CW, `/api/tasks/${visit.id}/complete`, {
      version: visit.version,
      details: { outcome: "held", notes: "Park visit." },
    });
    expect(done.statusCode, done.body).toBe(200);
    const next = (await tasksOf(CW, b)).filter((t) => t.practice === "sibling_visit" && t.status === "open");
    expect(next.map((t) => t.dueOn)).toEqual([addCalendarDays(today, 30)]);
    expect(next[0].id).not.toBe(visit.id);
  });

  it(`court hearing: caregiver notified, submits a report from the portal, \
caseworker marks it received and forwarded, caregiver sees it`, async () => {
    const caregiverPerson = personOf(world, "caregiver@demo.qpi.example");
    const home = world.householdMembers.find((m) => m.person_id === caregiverPerson)!.household_id;
    const placement = world.placements.find((p) => p.household_id === home && p.end_date == null)!;
    const childId = placement.child_id;
    const workerPerson = world.teamMembers.find(
      (m) => m.child_id === childId && m.role === "caseworker" && m.ends_on == null,
    )!.person_id;
    const worker = emailOfPerson(world, workerPerson);
    const hearingOn = addCalendarDays(todayAt(world, "CA-FRESNO"), 30);
    // The demo child may have earlier hearings with their own tasks: the ones this hearing creates are the new ones.
    const before = new Set((await tasksOf(worker, childId)).map((t) => t.id));
    const created = await post(worker, `/api/children/${childId}/hearings`, {
      hearingOn,
      hearingType: "review",
      department: "Dept. 22",
    });
    expect(created.statusCode, created.body).toBe(201);
    const hearingId = created.json().hearingId;
    const hearingTasks = (await tasksOf(worker, childId)).filter(
      (t) => !before.has(t.id) && ["hearing_caregiver_notice", "caregiver_court_report"].includes(t.practice),
    );
    expect(hearingTasks.map((t) => [t.practice, t.dueOn]).sort()).toEqual([
      ["caregiver_court_report", addCalendarDays(hearingOn, -10)],
      ["hearing_caregiver_notice", addCalendarDays(hearingOn, -15)],
    ]);
    // The caregiver sees the hearing and reports; a second report is refused; the caseworker cannot submit one.
    const seen = (await (await get("caregiver@demo.qpi.example", `/api/children/${childId}/hearings`)).json()).hearings;
    expect(seen.map((h: { id: string }) => h.id)).toContain(hearingId);
    expect(
      (await post(worker, `/api/hearings/${hearingId}/caregiver-report/receipt`, { forwardedToCourt: true }))
        .statusCode,
    ).toBe(409);
    const report = await post("caregiver@demo.qpi.example", `/api/hearings/${hearingId}/caregiver-report`, {
      body: "She is reading at grade level and sleeps through the night.",
    });
    expect(report.statusCode, report.body).toBe(201);
    expect(
      (await post("caregiver@demo.qpi.example", `/api/hearings/${hearingId}/caregiver-report`, { body: "again" }))
        .statusCode,
    ).toBe(409);
    expect((await post(worker, `/api/hearings/${hearingId}/caregiver-report`, { body: "not mine" })).statusCode).toBe(
      403,
    );
    const receipt = await post(worker, `/api/hearings/${hearingId}/caregiver-report/receipt`, {
      forwardedToCourt: true,
    });
    expect(receipt.statusCode, receipt.body).toBe(200);
    const after = (
      await (await get("caregiver@demo.qpi.example", `/api/children/${childId}/hearings`)).json()
    ).hearings.find((h: { id: string }) => h.id === hearingId);
    expect(after.report).toMatchObject({ receivedAt: expect.any(String), forwardedToCourt: true });
    expect((await tasksOf(worker, childId)).find((t) => t.practice === "caregiver_court_report")).toMatchObject({
      status: "completed",
    });
    // Another caregiver's portal does not reach this hearing.
    const otherCaregiverHearing = await post("parent@demo.qpi.example", `/api/hearings/${hearingId}/caregiver-report`, {
      body: "x",
    });
    expect(otherCaregiverHearing.statusCode).toBe(403);
  });

  it(`worklists: the caseworker sees due-soon and overdue tasks of their children; \
the supervisor their unit's; the coordinator timeliness per unit`, async () => {
    const childId = await placedChild(20);
    const worklist = (await (await get(CW, "/api/worklist?window=all")).json()).tasks as Task[];
    const mine = worklist.filter((t) => (t as Task & { childId: string }).childId === childId && t.status === "open");
    // 20 days after placement: comfort call, meds, icebreaker and the partnership plan (discussed at the first
    // placement, due that day) overdue; passport (30 d) due soon.
    expect(
      mine
        .filter((t) => t.overdue)
        .map((t) => t.practice)
        .sort(),
    ).toEqual(["comfort_call", "icebreaker", "medication_handover", "partnership_plan"]);
    expect(mine.filter((t) => !t.overdue).map((t) => t.practice)).toContain("health_education_summary");
    const supervisor = (await (await get("supervisor@demo.qpi.example", "/api/worklist")).json()).tasks as (Task & {
      childId: string;
    })[];
    expect(supervisor.some((t) => t.childId === childId)).toBe(true);
    const floridaWorker = (await (await get("caseworker@fl-c13.demo.qpi.example", "/api/worklist")).json())
      .tasks as (Task & { childId: string })[];
    expect(floridaWorker.some((t) => t.childId === childId)).toBe(false);
    const timeliness = await get("coordinator@demo.qpi.example", "/api/practices/timeliness");
    expect(timeliness.statusCode).toBe(200);
    const rows = timeliness.json().rows as {
      unitName: string | null;
      practice: string;
      overdue: number;
      onTime: number;
    }[];
    expect(
      rows.find((r) => r.unitName === "Emergency Response" && r.practice === "comfort_call")!.overdue,
    ).toBeGreaterThan(0);
    expect((await get(CW, "/api/practices/timeliness")).statusCode).toBe(403);
  });

  it("reminders: the scheduler queues one in-app notification per due task and mails it once", async () => {
    const childId = await placedChild(1);
    const scheduler = createScheduler(database.db, practiceJobs("http://qpi.test"), "test-runner");
    const first = await scheduler.tick(new Date(Date.now() + 1000));
    expect(first).toEqual(["practice_reminders", "send_notification_email"]);
    expect(await scheduler.tick(new Date(Date.now() + 2000))).toEqual([]);
    // The mail job sends at most EMAILS_PER_RUN a minute: the next minutes drain the test world's backlog.
    const unsent = async () =>
      (await database.db.selectFrom("notification").select("id").where("email_sent_at", "is", null).execute()).length;
    for (let minute = 1; minute < 15 && (await unsent()) > 0; minute++) {
      expect(await scheduler.tick(new Date(Date.now() + minute * 60_000 + 1000))).toEqual(["send_notification_email"]);
    }
    expect(await unsent()).toBe(0);
    const notes = (await (await get(CW, "/api/notifications")).json()).notifications as {
      taskId: string;
      message: string;
    }[];
    const childTasks = await tasksOf(CW, childId);
    const comfort = childTasks.find((t) => t.practice === "comfort_call")!;
    const forComfort = notes.filter((n) => n.taskId === comfort.id);
    expect(forComfort).toHaveLength(1);
    expect(forComfort[0].message).toMatch(/^QPI reminder: Comfort call for Test Child-/);
    const childName = (comfort as Task & { childName: string }).childName;
    // One email for this child's comfort call, to the caseworker, sent by the mail job.
    const mailed = await database.db
      .selectFrom("outbound_email")
      .select(["to_address", "subject"])
      .where("subject", "like", `%Comfort call for ${childName}%`)
      .execute();
    expect(mailed).toEqual([
      { to_address: "caseworker@demo.qpi.example", subject: expect.stringMatching(/^QPI reminder/) },
    ]);
    const runs = await database.db.selectFrom("job_run").select(["job_name", "runner"]).execute();
    expect(runs.filter((r) => r.job_name === "practice_reminders")).toEqual([
      { job_name: "practice_reminders", runner: "test-runner" },
    ]);
    expect(runs.every((r) => r.runner === "test-runner")).toBe(true);
  });
});
