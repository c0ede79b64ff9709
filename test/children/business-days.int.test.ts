import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { emailOfPerson, familyHome, newChild, personOf, todayAt } from "./practice-fixtures.js";

let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const CA_COORDINATOR = "coordinator@demo.qpi.example";
const MN_WORKER = "caseworker@mn-hennepin.demo.qpi.example";

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
const post = async (email: string, url: string, payload: object) =>
  app.inject({ method: "POST", url, headers: (await as(email)).headers(), payload });
type Task = { practice: string; dueOn: string | null; dueAt: string | null };
const tasksOf = async (email: string, childId: string) =>
  (
    await app.inject({ method: "GET", url: `/api/children/${childId}/tasks`, headers: (await as(email)).headers() })
  ).json().tasks as Task[];
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;

describe("business-day deadlines skip weekends and the state's court holidays", () => {
  it("a hearing notice counted in business days skips California's Thanksgiving holidays and the weekend", async () => {
    // The holiday table holds California's judicial holidays of 2027 (CCP 135): 25 and 26 November.
    const rows = await sql<{ day: string }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day FROM court_holiday
       WHERE state_code = 'CA' AND day BETWEEN '2027-11-20' AND '2027-11-30' ORDER BY day`.execute(database.db);
    expect(rows.rows.map((r) => r.day)).toEqual(["2027-11-25", "2027-11-26"]);

    // The site's coordinator makes the hearing notice a business-day rule from today (a new site-setting version).
    const today = todayAt(world, "CA-FRESNO");
    const added = await post(CA_COORDINATOR, "/api/rules", {
      stateCode: "CA",
      practice: "hearing_caregiver_notice",
      trigger: "hearing",
      dueAmount: 3,
      dueUnit: "business_days",
      dueDirection: "before",
      effectiveFrom: today,
      sourceUrl: "https://example.org/site-setting",
      sourceNote: "Hearing notice 3 court days ahead (this site's setting, for the test).",
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ dueUnit: "business_days", layer: "site" });

    const caregiverPerson = personOf(world, "caregiver@demo.qpi.example");
    const home = world.householdMembers.find((m) => m.person_id === caregiverPerson)!.household_id;
    const childId = world.placements.find((p) => p.household_id === home && p.end_date == null)!.child_id;
    const workerPerson = world.teamMembers.find(
      (m) => m.child_id === childId && m.role === "caseworker" && m.ends_on == null,
    )!.person_id;
    const worker = emailOfPerson(world, workerPerson);
    // Monday 29 November 2027: three court days before it are Wed 24, Tue 23 and Mon 22 November (Thursday and
    // Friday are holidays, Saturday and Sunday are weekend). Calendar days would give Friday 26.
    const created = await post(worker, `/api/children/${childId}/hearings`, {
      hearingOn: "2027-11-29",
      hearingType: "review",
      department: "Dept. 22",
      confirmUnusualDate: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const tasks = (await tasksOf(worker, childId)).filter((t) =>
      ["hearing_caregiver_notice", "caregiver_court_report"].includes(t.practice),
    );
    const dueOf = (practice: string) => tasks.filter((t) => t.practice === practice).map((t) => t.dueOn);
    expect(dueOf("hearing_caregiver_notice")).toContain("2027-11-22");
    // The court report rule still counts calendar days: 10 before the hearing.
    expect(dueOf("caregiver_court_report")).toContain("2027-11-19");
  });

  it("a placement task counted in business days skips a holiday of the site's state, not another state's", async () => {
    const today = todayAt(world, "MN-HENNEPIN");
    // The first weekday after the placement is made a Minnesota court holiday (holidays are data); Florida gets one
    // on the second weekday, which Minnesota's deadline must ignore.
    const weekdays: string[] = [];
    for (let d = addCalendarDays(today, 1); weekdays.length < 6; d = addCalendarDays(d, 1))
      if (!isWeekend(d)) weekdays.push(d);
    await sql`INSERT INTO court_holiday (state_code, day, name_en, name_es, source_url, source_note)
              VALUES ('MN', ${weekdays[0]}, 'Test holiday', 'Feriado de prueba', 'https://example.org/h', 'test'),
                     ('FL', ${weekdays[1]}, 'Test holiday', 'Feriado de prueba', 'https://example.org/h', 'test')
              ON CONFLICT DO NOTHING`.execute(database.db);
    const mnHolidays = new Set(
      (
        await sql<{ day: string }>`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM court_holiday
                                    WHERE state_code = 'MN'`.execute(database.db)
      ).rows.map((r) => r.day),
    );
    const expected = weekdays.filter((d) => !mnHolidays.has(d))[1];
    // A Minnesota rule (test fixture) counting 2 business days after an initial placement.
    await sql`INSERT INTO practice_rule (state_code, practice, trigger, due_amount, due_unit, layer, effective_from,
                source_url, source_note)
              VALUES ('MN', 'medication_handover', 'initial_placement', 2, 'business_days', 'site', ${today},
                'https://example.org/r', 'Medications within 2 business days (test fixture).')`.execute(database.db);

    const { childId } = await newChild(database.db, world, "MN-HENNEPIN", MN_WORKER);
    const placed = await post(MN_WORKER, `/api/children/${childId}/episodes`, {
      removalDate: today,
      removalReason: "neglect",
      placement: {
        householdId: familyHome(world, "MN-HENNEPIN").id,
        setting: "nonrelative_family_home",
        startDate: today,
      },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const meds = (await tasksOf(MN_WORKER, childId)).find((t) => t.practice === "medication_handover");
    expect(meds?.dueAt).toBeNull();
    expect(meds?.dueOn).toBe(expected);
    // Without the holiday the second weekday would be due: the holiday moved the deadline.
    expect(meds?.dueOn).not.toBe(weekdays[1]);
  });
});

describe("rule coverage across the QPI states", () => {
  type Coverage = {
    states: string[];
    rules: { stateCode: string; practice: string; layer: string; dueUnit: string; sourceUrl: string }[];
    holidayYears: number[];
    holidays: { stateCode: string; year: number; count: number; sourceUrl: string }[];
  };
  const coverageAs = async (email: string) =>
    app.inject({ method: "GET", url: "/api/rules/coverage", headers: (await as(email)).headers() });

  it("shows every state's rules with their sources, the gaps, and holiday coverage by year", async () => {
    const response = await coverageAs(CA_COORDINATOR);
    expect(response.statusCode, response.body).toBe(200);
    const coverage = response.json() as Coverage;
    for (const state of ["CA", "CT", "FL", "LA", "MN", "NV", "PA", "TX"]) expect(coverage.states).toContain(state);
    const rulesOf = (state: string) => coverage.rules.filter((r) => r.stateCode === state);
    // Nevada: no rule established from the sources read; its sites set their own.
    expect(rulesOf("NV")).toEqual([]);
    const texasNotice = rulesOf("TX").find((r) => r.practice === "hearing_caregiver_notice");
    expect(texasNotice).toMatchObject({
      layer: "state",
      sourceUrl: expect.stringContaining("texaschildrenscommission"),
    });
    expect(rulesOf("PA").map((r) => r.practice)).toEqual(["planned_move_notice"]);
    // Holidays: California's table covers 2024–2027 with its 14 judicial holidays a year; Pennsylvania's none.
    for (const year of [2024, 2025, 2026, 2027]) {
      expect(coverage.holidayYears).toContain(year);
      const ca = coverage.holidays.find((h) => h.stateCode === "CA" && h.year === year);
      expect(ca?.count).toBe(14);
      expect(ca?.sourceUrl).toContain("leginfo.legislature.ca.gov");
    }
    expect(coverage.holidays.filter((h) => h.stateCode === "PA")).toEqual([]);
  });

  it("is refused to a caseworker, who holds no rules:coverage", async () => {
    expect((await coverageAs("caseworker@demo.qpi.example")).statusCode).toBe(403);
  });
});
