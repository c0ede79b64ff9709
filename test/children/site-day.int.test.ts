import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays, zonedInstant } from "../../server/platform/rules/zoned-time.js";
import { mintChild } from "../authz/world.js";
import { buildClockedApp } from "../identity/support.js";
import { signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, personOf, siteOf } from "./practice-fixtures.js";

// "Today" in the children module is the child's site calendar day, in the
// site's time zone, from the app's clock: a share whose last day is today in
// Fresno holds until Pacific midnight, not until midnight UTC (8 hours early).
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
let clock = new Date();

const CW = "caseworker@demo.qpi.example";
const PACIFIC = "America/Los_Angeles";
// A winter day: Pacific Standard Time, UTC-8.
const DAY = "2026-12-01";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildClockedApp(database.db, database.kind, () => clock);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The caseworker, signed in at the clock's instant (a fresh session each time the clock jumps). */
async function caseworkerAt(instant: Date) {
  clock = instant;
  return signIn(app, CW);
}

describe("the site's day", () => {
  it("keeps a share ending today active at 23:30 Pacific and ends it at 00:30 the next Pacific day", async () => {
    const site = siteOf(world, "CA-FRESNO");
    expect(site.time_zone).toBe(PACIFIC);
    const child = await mintChild(database.db, {
      siteId: site.id,
      caseworkerPersonId: personOf(world, CW),
      householdId: familyHome(world, "CA-FRESNO").id,
    });
    const covering = world.users.find(
      (u) =>
        u.email !== CW &&
        world.roleGrants.some((g) => g.user_id === u.id && g.role_code === "caseworker" && g.site_id === site.id),
    )!.email;

    const morning = await caseworkerAt(zonedInstant(DAY, "09:00", PACIFIC));
    const granted = await app.inject({
      method: "POST",
      url: `/api/children/${child.id}/shares`,
      headers: morning.headers(),
      payload: { email: covering, reason: "Covering the evening visit", endsOn: DAY },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ startsOn: DAY, endsOn: DAY, status: "active" });

    const lateEvening = zonedInstant(DAY, "23:30", PACIFIC);
    expect(lateEvening.toISOString()).toBe(`${addCalendarDays(DAY, 1)}T07:30:00.000Z`);
    const evening = await caseworkerAt(lateEvening);
    const stillActive = await app.inject({
      method: "GET",
      url: `/api/children/${child.id}/shares`,
      headers: evening.headers(),
    });
    expect(stillActive.statusCode, stillActive.body).toBe(200);
    expect(stillActive.json().shares[0]).toMatchObject({ endsOn: DAY, status: "active" });

    const nextDay = await caseworkerAt(zonedInstant(addCalendarDays(DAY, 1), "00:30", PACIFIC));
    const ended = await app.inject({
      method: "GET",
      url: `/api/children/${child.id}/shares`,
      headers: nextDay.headers(),
    });
    expect(ended.json().shares[0]).toMatchObject({ endsOn: DAY, status: "ended" });
    const revoke = await app.inject({
      method: "POST",
      url: `/api/children/${child.id}/shares/${granted.json().id}/revoke`,
      headers: nextDay.headers(),
    });
    expect(revoke.statusCode).toBe(409);
  });
});
