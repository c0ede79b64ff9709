import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { loadActor } from "../../server/platform/access/load-actor.js";
import type { App } from "../../server/platform/http/types.js";
import { buildTestApp, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// One clock, the site's day: grants, shares, team memberships and placements begin and end on the site's
// calendar day in the site's own time zone, read from the app's one injectable clock. A share whose last day is
// 10 November lasts until midnight Pacific in Fresno — 08:00 UTC on the 11th — not until midnight UTC, which
// is 4 pm Pacific on the 10th.
let database: TestDatabase;
let world: DemoNetwork;
let app: App;
let clock = new Date();

const RFA = "rfa@demo.qpi.example"; // Fresno (America/Los_Angeles); holds no child:read of their own
const FL_CW = "caseworker@fl-c13.demo.qpi.example"; // a Florida site (America/New_York)

const at = (iso: string) => {
  clock = new Date(iso);
};

async function readAs(email: string, childId: string) {
  const session = await signIn(app, email);
  return app.inject({ method: "GET", url: `/api/children/${childId}`, headers: session.headers() });
}

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind, { now: () => clock });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function fresnoChild(offset: number) {
  const site = world.sites.find((s) => s.code === "CA-FRESNO")!;
  return world.children.filter((c) => c.site_id === site.id)[offset];
}

async function shareWithRfa(childId: string, startsOn: string, endsOn: string) {
  const rfa = world.users.find((u) => u.email === RFA)!;
  const creator = world.users.find((u) => u.email === "caseworker@demo.qpi.example")!;
  const child = world.children.find((c) => c.id === childId)!;
  await database.db
    .insertInto("child_share")
    .values({
      child_id: childId,
      site_id: child.site_id,
      shared_with_user_id: rfa.id,
      reason: "Placement search for a sibling group",
      starts_on: startsOn,
      ends_on: endsOn,
      created_by: creator.id,
    })
    .execute();
}

describe("the site's calendar day decides when access begins and ends", () => {
  it(`a share ending on 10 November still holds at 23:30 Pacific \
that day and has ended at 00:30 on the 11th`, async () => {
    const child = fresnoChild(3);
    await shareWithRfa(child.id, "2026-11-01", "2026-11-10");
    at("2026-11-11T07:30:00Z"); // 23:30 PST on the 10th; already the 11th in UTC
    expect((await readAs(RFA, child.id)).statusCode).toBe(200);
    at("2026-11-11T08:30:00Z"); // 00:30 PST on the 11th
    expect((await readAs(RFA, child.id)).statusCode).toBe(404);
  });

  it("a share starting on 20 November is not yet open at 23:30 Pacific on the 19th, and open at 00:30", async () => {
    const child = fresnoChild(4);
    await shareWithRfa(child.id, "2026-11-20", "2026-11-25");
    at("2026-11-20T07:30:00Z"); // 23:30 PST on the 19th; the 20th in UTC
    expect((await readAs(RFA, child.id)).statusCode).toBe(404);
    at("2026-11-20T08:30:00Z"); // 00:30 PST on the 20th
    expect((await readAs(RFA, child.id)).statusCode).toBe(200);
  });

  it(`across the autumn change of clocks (1 November 2026, 02:00 \
PDT → 01:00 PST) the day still ends at local midnight`, async () => {
    const child = fresnoChild(5);
    await shareWithRfa(child.id, "2026-10-20", "2026-10-31");
    at("2026-11-01T06:30:00Z"); // 23:30 PDT (UTC−7) on 31 October
    expect((await readAs(RFA, child.id)).statusCode).toBe(200);
    at("2026-11-01T07:30:00Z"); // 00:30 PDT on 1 November
    expect((await readAs(RFA, child.id)).statusCode).toBe(404);
    // And after the change: 23:30 PST (UTC−8) on 1 November is 07:30 UTC on the 2nd.
    const later = fresnoChild(6);
    await shareWithRfa(later.id, "2026-10-20", "2026-11-01");
    at("2026-11-02T07:30:00Z");
    expect((await readAs(RFA, later.id)).statusCode).toBe(200);
    at("2026-11-02T08:30:00Z");
    expect((await readAs(RFA, later.id)).statusCode).toBe(404);
  });

  it("across the spring change of clocks (8 March 2026, 02:00 PST → 03:00 PDT)", async () => {
    const child = fresnoChild(7);
    await shareWithRfa(child.id, "2026-03-01", "2026-03-08");
    at("2026-03-09T06:30:00Z"); // 23:30 PDT (UTC−7) on 8 March
    expect((await readAs(RFA, child.id)).statusCode).toBe(200);
    at("2026-03-09T07:30:00Z"); // 00:30 PDT on 9 March
    expect((await readAs(RFA, child.id)).statusCode).toBe(404);
  });

  it("a role grant ends at the end of its last day in the site's zone", async () => {
    const rfa = world.users.find((u) => u.email === RFA)!;
    const grant = world.roleGrants.find((g) => g.user_id === rfa.id)!;
    await database.db.updateTable("role_grant").set({ ends_on: "2026-12-15" }).where("id", "=", grant.id).execute();
    const request = { ip: null, requestId: null };
    const before = await loadActor(database.db, rfa.id, request, new Date("2026-12-16T07:30:00Z"));
    expect(before?.grants.map((g) => g.role)).toContain("rfa_worker");
    expect(before?.siteDays[grant.site_id]).toBe("2026-12-15");
    const after = await loadActor(database.db, rfa.id, request, new Date("2026-12-16T08:30:00Z"));
    expect(after?.grants.map((g) => g.role) ?? []).not.toContain("rfa_worker");
    await database.db.updateTable("role_grant").set({ ends_on: null }).where("id", "=", grant.id).execute();
  });

  it("each site's 'today' in the session is its own calendar day", async () => {
    at("2026-11-11T05:30:00Z"); // 00:30 EST on the 11th in Florida; 21:30 PST on the 10th in Fresno
    const fresno = await signIn(app, RFA);
    const florida = await signIn(app, FL_CW);
    const todayOf = async (headers: Record<string, string>) =>
      (await app.inject({ method: "GET", url: "/api/auth/session", headers })).json().roles[0].today;
    expect(await todayOf(fresno.headers())).toBe("2026-11-10");
    expect(await todayOf(florida.headers())).toBe("2026-11-11");
  });
});
