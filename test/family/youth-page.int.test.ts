import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { ageOn } from "../../server/modules/family/service.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { personOf, todayAt } from "../children/practice-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// The youth's own page: opens from the rule set's age; shows the team with
// contacts, the next court date and the rights with their source; never a
// maltreatment report or its reporter; only youth hold it.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();
const YOUTH = "youth@demo.qpi.example";
const CW = "caseworker@demo.qpi.example";
const PARENT = "parent@demo.qpi.example";
let childId: string;
let youthPerson: string;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  for (const email of [YOUTH, CW, PARENT]) sessions.set(email, await signIn(app, email));
  youthPerson = personOf(world, YOUTH);
  const child = await database.db
    .selectFrom("child")
    .select(["id", "site_id"])
    .where("person_id", "=", youthPerson)
    .executeTakeFirstOrThrow();
  childId = child.id;
  const today = todayAt(world, "CA-FRESNO");
  await database.db
    .insertInto("court_hearing")
    .values({
      child_id: childId,
      site_id: child.site_id,
      hearing_on: addCalendarDays(today, 9),
      hearing_type: "review",
      department: "Dept. 3",
    })
    .execute();
  await database.db
    .insertInto("maltreatment_report")
    .values({
      child_id: childId,
      site_id: child.site_id,
      received_on: addCalendarDays(today, -30),
      incident_on: null,
      allegation: "neglect",
      reporter_name: "Planted Reporter Sentinel",
      reporter_role: "other",
    } as never)
    .execute();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: sessions.get(email)!.headers() });
const setBirthDate = (day: string) =>
  database.db.updateTable("person").set({ birth_date: day }).where("id", "=", youthPerson).execute();

describe("the youth's own page", () => {
  it("counts whole years", () => {
    expect(ageOn("2012-06-15", "2026-06-14")).toBe(13);
    expect(ageOn("2012-06-15", "2026-06-15")).toBe(14);
  });

  it("at 14 shows the team, the next court date and the rights with their source; no report", async () => {
    const today = todayAt(world, "CA-FRESNO");
    await setBirthDate(`${Number(today.slice(0, 4)) - 15}-01-01`);
    const response = await get(YOUTH, "/api/youth/me");
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    expect(page.open).toBe(true);
    expect(page.minAge).toBe(14);
    expect(page.team.some((m: { role: string }) => m.role === "caseworker")).toBe(true);
    expect(page.hearings[0]).toEqual({ on: addCalendarDays(today, 9), type: "review" });
    expect(page.rights.sourceUrl).toContain("sectionNum=16001.9");
    expect(page.rights.items.length).toBeGreaterThan(5);
    expect(response.body).not.toContain("Planted Reporter Sentinel");
    expect(response.body).not.toMatch(/neglect|maltreatment/i);
  });

  it("below the rule set's age is closed and carries nothing else", async () => {
    const today = todayAt(world, "CA-FRESNO");
    await setBirthDate(addCalendarDays(today, -(365 * 12)));
    const page = (await get(YOUTH, "/api/youth/me")).json();
    expect(page).toMatchObject({ open: false, minAge: 14, team: [], hearings: [], home: null, rights: null });
  });

  it("only youth hold it", async () => {
    expect((await get(CW, "/api/youth/me")).statusCode).toBe(403);
    expect((await get(PARENT, "/api/youth/me")).statusCode).toBe(403);
  });
});
