import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { mintChild } from "../authz/world.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { familyHome, personOf, siteOf, todayAt } from "./practice-fixtures.js";

// Record sharing ("access is separate from assignment") and "who viewed this
// record": a share lets a named user of the site read a child's record for a
// reason until a date, audited with that reason; it ends when revoked or by
// itself after its last day; the access log shows who read and changed it.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const sessions = new Map<string, SignedIn>();

const CW = "caseworker@demo.qpi.example";
const SUPERVISOR = "supervisor@demo.qpi.example";
const RFA = "rfa@demo.qpi.example";
const ADMIN = "admin@demo.qpi.example";
const CAREGIVER = "caregiver@demo.qpi.example";
const FL_CW = "caseworker@fl-c13.demo.qpi.example";
let covering: string; // another caseworker of the demo caseworker's site, not on the child's team

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  const site = siteOf(world, "CA-FRESNO");
  const demoWorker = world.users.find((u) => u.email === CW)!;
  covering = world.users.find(
    (u) =>
      u.id !== demoWorker.id &&
      world.roleGrants.some((g) => g.user_id === u.id && g.role_code === "caseworker" && g.site_id === site.id),
  )!.email;
  for (const email of [CW, SUPERVISOR, RFA, ADMIN, CAREGIVER, FL_CW, covering])
    sessions.set(email, await signIn(app, email));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const as = (email: string) => sessions.get(email)!;
const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: as(email).headers() });
const post = (email: string, url: string, payload?: unknown) =>
  app.inject({ method: "POST", url, headers: as(email).headers(), payload: payload as object | undefined });
// Dates of shares and court orders are the child's site calendar day (Fresno: Pacific time).
const today = () => todayAt(world, "CA-FRESNO");

/** A child in care on the demo caseworker's caseload (in the demo supervisor's unit). */
async function caseworkersChild() {
  const site = siteOf(world, "CA-FRESNO");
  const child = await mintChild(database.db, {
    siteId: site.id,
    caseworkerPersonId: personOf(world, CW),
    householdId: familyHome(world, "CA-FRESNO").id,
  });
  return child.id;
}

const share = (
  childId: string,
  email: string,
  reason = "Covering the home visit while the caseworker is on leave",
  endsOn = addCalendarDays(today(), 14),
) => post(CW, `/api/children/${childId}/shares`, { email, reason, endsOn });

describe("sharing a child's record with a named person", () => {
  it(`lets the person read the record for the reason given, \
audited with that reason, and lists the share`, async () => {
    const childId = await caseworkersChild();
    expect((await get(covering, `/api/children/${childId}`)).statusCode).toBe(404);
    const granted = await share(childId, covering);
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({
      email: covering,
      status: "active",
      startsOn: today(),
      grantedByName: expect.any(String),
      revokedAt: null,
    });

    const read = await get(covering, `/api/children/${childId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().id).toBe(childId);
    const history = await get(covering, `/api/children/${childId}/placements`);
    expect(history.statusCode).toBe(200);
    // The share grants the record, not the sensitive field classes (a caseworker's are for their own caseload).
    expect(history.json()).not.toHaveProperty("caregiverContact");
    expect((await get(covering, `/api/children?limit=200`)).json().children.map((c: { id: string }) => c.id)).toContain(
      childId,
    );
    // Only reading: the practice tasks and writes stay with the child's team.
    expect((await get(covering, `/api/children/${childId}/tasks`)).statusCode).toBe(404);
    expect(
      (
        await post(covering, `/api/children/${childId}/hearings`, {
          hearingOn: today(),
          hearingType: "review",
          department: "Dept. 3",
        })
      ).statusCode,
    ).toBe(404);

    const user = world.users.find((u) => u.email === covering)!;
    const reads = await database.db
      .selectFrom("audit_event")
      .select(["action", "purpose"])
      .where("actor_user_id", "=", user.id)
      .where("entity_id", "=", childId)
      .where("outcome", "=", "success")
      .orderBy("seq")
      .execute();
    expect(reads.filter((r) => r.action !== "GET /api/children/:childId/tasks")).toEqual([
      { action: "child.read", purpose: "Covering the home visit while the caseworker is on leave" },
      { action: "placement.history.read", purpose: "Covering the home visit while the caseworker is on leave" },
    ]);
    const grant = await database.db
      .selectFrom("audit_event")
      .select(["purpose", "actor_user_id"])
      .where("action", "=", "child.share.grant")
      .where("entity_id", "=", childId)
      .executeTakeFirstOrThrow();
    expect(grant.purpose).toBe("Covering the home visit while the caseworker is on leave");

    const listed = (await get(CW, `/api/children/${childId}/shares`)).json().shares;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ email: covering, status: "active" });
    expect((await get(SUPERVISOR, `/api/children/${childId}/shares`)).statusCode).toBe(200);
  });

  it("ends when revoked: the record answers 404 again, also to someone with no child access of their own", async () => {
    const childId = await caseworkersChild();
    const first = (await share(childId, RFA, "Home study for a relative placement")).json();
    expect((await get(RFA, `/api/children/${childId}`)).statusCode).toBe(200);
    const revoked = await post(CW, `/api/children/${childId}/shares/${first.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: "revoked", revokedByName: expect.any(String) });
    expect((await get(RFA, `/api/children/${childId}`)).statusCode).toBe(404);
    expect((await get(RFA, `/api/children/${childId}/placements`)).statusCode).toBe(404);
    expect((await post(CW, `/api/children/${childId}/shares/${first.id}/revoke`)).statusCode).toBe(409);
    const revokeAudit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", "child.share.revoke")
      .where("entity_id", "=", childId)
      .execute();
    expect(revokeAudit).toHaveLength(1);
  });

  it("ends by itself after its last day", async () => {
    const childId = await caseworkersChild();
    const granted = (await share(childId, covering, "Court report preparation", today())).json();
    expect((await get(covering, `/api/children/${childId}`)).statusCode).toBe(200);
    // The day passes: the share's last day is now yesterday.
    await database.db
      .updateTable("child_share")
      .set({ starts_on: addCalendarDays(today(), -3), ends_on: addCalendarDays(today(), -1) })
      .where("id", "=", granted.id)
      .execute();
    expect((await get(covering, `/api/children/${childId}`)).statusCode).toBe(404);
    expect(
      (await get(covering, `/api/children?limit=200`)).json().children.map((c: { id: string }) => c.id),
    ).not.toContain(childId);
    const listed = (await get(CW, `/api/children/${childId}/shares`)).json().shares;
    expect(listed[0].status).toBe("ended");
    expect((await post(CW, `/api/children/${childId}/shares/${granted.id}/revoke`)).statusCode).toBe(409);
  });

  it(`stays within a site: another site's child is 404 to share, another site's \
user cannot be named, and a share row across sites opens nothing`, async () => {
    const childId = await caseworkersChild();
    const floridaChild = world.children.find((c) => c.site_id === siteOf(world, "FL-C13").id)!;
    expect(
      (
        await post(CW, `/api/children/${floridaChild.id}/shares`, {
          email: covering,
          reason: "Looking",
          endsOn: today(),
        })
      ).statusCode,
    ).toBe(404);
    const foreign = await share(childId, FL_CW);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual([
      { field: "email", message: "No active user of this child's site has that email address." },
    ]);
    // Even a share row written past the service (an import, a bug) does not reach across sites.
    const flUser = world.users.find((u) => u.email === FL_CW)!;
    const cwUser = world.users.find((u) => u.email === CW)!;
    await database.db
      .insertInto("child_share")
      .values({
        child_id: childId,
        site_id: siteOf(world, "CA-FRESNO").id,
        shared_with_user_id: flUser.id,
        reason: "written past the service",
        starts_on: addCalendarDays(today(), -1),
        ends_on: addCalendarDays(today(), 5),
        created_by: cwUser.id,
      })
      .execute();
    expect((await get(FL_CW, `/api/children/${childId}`)).statusCode).toBe(404);
  });

  it("refuses a share without a future, too long, to oneself, twice, or by someone without the right", async () => {
    const childId = await caseworkersChild();
    const field = async (response: Awaited<ReturnType<typeof share>>) => [
      response.statusCode,
      response.json().error.fields?.[0]?.field,
    ];
    expect(await field(await share(childId, covering, "Past", addCalendarDays(today(), -1)))).toEqual([400, "endsOn"]);
    expect(await field(await share(childId, covering, "Long", addCalendarDays(today(), 400)))).toEqual([400, "endsOn"]);
    expect(await field(await share(childId, CW))).toEqual([400, "email"]);
    expect(await field(await share(childId, "nobody@example.org"))).toEqual([400, "email"]);
    expect((await share(childId, covering)).statusCode).toBe(201);
    const again = await share(childId, covering);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(
      /^This record is already shared with that person until \d{4}-\d{2}-\d{2}\./,
    );
    expect(
      (await post(CAREGIVER, `/api/children/${childId}/shares`, { email: RFA, reason: "Respite", endsOn: today() }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await post(covering, `/api/children/${childId}/shares`, {
          email: RFA,
          reason: "Passing it on",
          endsOn: today(),
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("who viewed this record", () => {
  it(`shows the supervisor and the site administrator who read and changed \
the child, newest first, paged, and audits the reading`, async () => {
    const childId = await caseworkersChild();
    await get(CW, `/api/children/${childId}`);
    await share(childId, covering, "Covering a court hearing");
    await get(covering, `/api/children/${childId}/placements`);
    await get(FL_CW, `/api/children/${childId}`); // another site: denied, and audited as such
    await post(CW, `/api/children/${childId}/team`, {
      role: "casa",
      startsOn: today(),
      person: { givenName: "Ana", familyName: "Volunteer" },
    });

    const log = await get(SUPERVISOR, `/api/children/${childId}/access-log`);
    expect(log.statusCode, log.body).toBe(200);
    const entries = log.json().entries as {
      id: number;
      seq: number | null;
      action: string;
      outcome: string;
      purpose: string | null;
      roles: string[];
      actor: { name: string } | null;
      fieldClasses: string[];
    }[];
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([
      ["team.add", "success"],
      ["GET /api/children/:childId", "denied"],
      ["placement.history.read", "success"],
      ["child.share.grant", "success"],
      ["child.read", "success"],
    ]);
    expect(entries[2]).toMatchObject({
      purpose: "Covering a court hearing",
      roles: ["caseworker"],
      fieldClasses: ["placement"],
    });
    expect(entries[4].roles).toEqual(["caseworker"]);
    // No values of the record, only who, what, when, why and which classes.
    expect(log.body).not.toMatch(/Ana|Volunteer/);

    const firstPage = (await get(SUPERVISOR, `/api/children/${childId}/access-log?limit=2`)).json();
    expect(firstPage.entries).toHaveLength(2);
    const secondPage = (
      await get(SUPERVISOR, `/api/children/${childId}/access-log?limit=2&before=${firstPage.nextBefore}`)
    ).json();
    expect(secondPage.entries[0].id).toBeLessThan(firstPage.entries[1].id);

    const readings = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", "child.access_log.read")
      .where("entity_id", "=", childId)
      .execute();
    expect(readings).toHaveLength(3);
    expect((await get(ADMIN, `/api/children/${childId}/access-log`)).statusCode).toBe(200);
    expect((await get(CW, `/api/children/${childId}/access-log`)).statusCode).toBe(403);
  });

  it("is out of reach for a supervisor of another unit and for another site", async () => {
    const site = siteOf(world, "CA-FRESNO");
    const supervisorUnit = world.roleGrants.find(
      (g) => g.user_id === world.users.find((u) => u.email === SUPERVISOR)!.id,
    )!.unit_id;
    const otherUnitWorker = world.roleGrants.find(
      (g) => g.role_code === "caseworker" && g.site_id === site.id && g.unit_id !== supervisorUnit,
    )!;
    const worker = world.users.find((u) => u.id === otherUnitWorker.user_id)!;
    const child = await mintChild(database.db, {
      siteId: site.id,
      caseworkerPersonId: worker.person_id,
      householdId: familyHome(world, "CA-FRESNO").id,
    });
    expect((await get(SUPERVISOR, `/api/children/${child.id}/access-log`)).statusCode).toBe(404);
    expect((await get(ADMIN, `/api/children/${child.id}/access-log`)).statusCode).toBe(200);
    const floridaChild = world.children.find((c) => c.site_id === siteOf(world, "FL-C13").id)!;
    expect((await get(ADMIN, `/api/children/${floridaChild.id}/access-log`)).statusCode).toBe(404);
    // Both refusals are audited, naming the child tried.
    const count = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'GET /api/children/:childId/access-log' \
AND outcome = 'denied' AND entity_id IN (${child.id}, ${floridaChild.id})`.execute(database.db);
    expect(count.rows[0].n).toBe(2);
  });
});
