import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, newChild, todayAt } from "./practice-fixtures.js";

// Dates that cannot be right are refused naming the field; unlikely ones need the worker's confirmation.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let cw: SignedIn;
const CW = "caseworker@demo.qpi.example";
const SITE = "CA-FRESNO";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  cw = await signIn(app, CW);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, payload: object) =>
  app.inject({ method: "POST", url, headers: cw.headers({ "accept-language": "en" }), payload });
const rows = async (table: "court_hearing" | "child_team_member" | "removal_episode", childId: string) =>
  (await database.db.selectFrom(table).select("id").where("child_id", "=", childId).execute()).length;

describe("dates that make sense", () => {
  it("a hearing more than 30 days past or 2 years ahead is refused unless confirmed", async () => {
    const { childId } = await newChild(database.db, world, SITE, CW);
    const today = todayAt(world, SITE);
    const hearing = (hearingOn: string, confirm?: boolean) =>
      post(`/api/children/${childId}/hearings`, {
        hearingOn,
        hearingType: "review",
        department: "Dept. 4",
        ...(confirm === undefined ? {} : { confirmUnusualDate: confirm }),
      });
    const old = addCalendarDays(today, -31);
    const past = await hearing(old);
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toEqual([
      {
        field: "hearingOn",
        message: `Hearing date: ${old} is more than 30 days ago. Check the date; if it is right, confirm it.`,
      },
    ]);
    const far = addCalendarDays(today, 2 * 365 + 1);
    const ahead = await hearing(far);
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().error.fields[0].message).toContain("more than 2 years ahead");
    expect(await rows("court_hearing", childId)).toBe(0);

    // The edges are fine without confirmation; beyond them, a confirmed date is recorded.
    expect((await hearing(addCalendarDays(today, -30))).statusCode).toBe(201);
    expect((await hearing(addCalendarDays(today, 2 * 365))).statusCode).toBe(201);
    expect((await hearing(old, true)).statusCode).toBe(201);
    expect(await rows("court_hearing", childId)).toBe(3);
  });

  it("a team member cannot start before the child's birth; more than a year ahead needs confirmation", async () => {
    const { childId } = await newChild(database.db, world, SITE, CW); // born 2015-05-05
    const today = todayAt(world, SITE);
    const before = await rows("child_team_member", childId);
    const member = (startsOn: string, confirm = false) =>
      post(`/api/children/${childId}/team`, {
        role: "casa",
        startsOn,
        confirmUnusualDate: confirm,
        person: { givenName: "Ana", familyName: "Ruiz" },
      });
    const unborn = await member("2015-05-04", true);
    expect(unborn.statusCode).toBe(400);
    expect(unborn.json().error.fields).toEqual([
      { field: "startsOn", message: "Start date: A team member cannot start before the child's birth on 2015-05-05." },
    ]);
    const later = addCalendarDays(today, 366);
    const ahead = await member(later);
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().error.fields[0]).toEqual({
      field: "startsOn",
      message: `Start date: ${later} is more than a year ahead. Check the date; if it is right, confirm it.`,
    });
    expect(await rows("child_team_member", childId)).toBe(before);
    expect((await member(later, true)).statusCode).toBe(201);
  });

  it("a removal on a later day than the site's today is refused, and nothing is recorded", async () => {
    const { childId } = await newChild(database.db, world, SITE, CW);
    const today = todayAt(world, SITE);
    const tomorrow = addCalendarDays(today, 1);
    const res = await post(`/api/children/${childId}/episodes`, {
      removalDate: tomorrow,
      removalReason: "neglect",
      placement: { householdId: familyHome(world, SITE).id, setting: "nonrelative_family_home", startDate: tomorrow },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      {
        field: "removalDate",
        message: `Removal date: a removal cannot be recorded for a later day than today (${today}).`,
      },
    ]);
    expect(await rows("removal_episode", childId)).toBe(0);
  });
});
