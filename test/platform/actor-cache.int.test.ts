import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../server/platform/http/types.js";
import { buildClockedApp, demoUser } from "../identity/support.js";
import { type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Each instance keeps a session's actor for a few seconds; a change of access must still take effect on the very
// next request. The clock is held still, so nothing here expires by time: only the access versions (read with the
// session) can make the cached actor go.
let database: TestDatabase;
let app: App;
let clock = new Date("2026-06-30T18:00:00Z"); // 11:00 in Fresno
let caseworker: SignedIn;
let caseworkerId: string;
let childId: string;

const readChild = (who: SignedIn, id = childId) =>
  app.inject({ method: "GET", url: `/api/children/${id}`, headers: who.headers() });
const session = (who: SignedIn) => app.inject({ method: "GET", url: "/api/auth/session", headers: who.headers() });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildClockedApp(database.db, database.kind, () => clock);
  const user = await demoUser(database.db, "caseworker");
  caseworkerId = user.id;
  caseworker = await signIn(app, user.email);
  const list = await app.inject({ method: "GET", url: "/api/children", headers: caseworker.headers() });
  childId = list.json().children[0].id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("the cached actor never outlives a change of access", () => {
  it("a role grant ended or removed: the next request is refused; restored: served again", async () => {
    expect((await readChild(caseworker)).statusCode).toBe(200);
    expect((await readChild(caseworker)).statusCode).toBe(200); // served from the cache
    await database.db
      .updateTable("role_grant")
      .set({ ends_on: "2026-06-29" })
      .where("user_id", "=", caseworkerId)
      .execute();
    expect([403, 404]).toContain((await readChild(caseworker)).statusCode);
    expect((await session(caseworker)).json().roles).toEqual([]);
    await database.db.updateTable("role_grant").set({ ends_on: null }).where("user_id", "=", caseworkerId).execute();
    expect((await readChild(caseworker)).statusCode).toBe(200);

    const grants = await database.db.selectFrom("role_grant").selectAll().where("user_id", "=", caseworkerId).execute();
    await database.db.deleteFrom("role_grant").where("user_id", "=", caseworkerId).execute();
    expect([403, 404]).toContain((await readChild(caseworker)).statusCode);
    await database.db.insertInto("role_grant").values(grants).execute();
    expect((await readChild(caseworker)).statusCode).toBe(200);
  });

  it("a permission taken from the role: the next request of every holder is refused", async () => {
    expect((await readChild(caseworker)).statusCode).toBe(200);
    const row = await database.db
      .selectFrom("role_permission")
      .selectAll()
      .where("role_code", "=", "caseworker")
      .where("permission_code", "=", "child:read")
      .executeTakeFirstOrThrow();
    await database.db
      .deleteFrom("role_permission")
      .where("role_code", "=", "caseworker")
      .where("permission_code", "=", "child:read")
      .execute();
    try {
      expect([403, 404]).toContain((await readChild(caseworker)).statusCode);
    } finally {
      await database.db.insertInto("role_permission").values(row).execute();
    }
    expect((await readChild(caseworker)).statusCode).toBe(200);
  });

  it("an account deactivated: the next request is 401, its sessions untouched or not", async () => {
    const supervisor = await signIn(app, (await demoUser(database.db, "supervisor")).email);
    expect((await session(supervisor)).statusCode).toBe(200);
    const { id } = await demoUser(database.db, "supervisor");
    await database.db.updateTable("user_account").set({ status: "disabled" }).where("id", "=", id).execute();
    expect((await session(supervisor)).statusCode).toBe(401);
    await database.db.updateTable("user_account").set({ status: "active" }).where("id", "=", id).execute();
  });

  it("a share given is seen at once; revoked or ended, the record answers 404 on the next request", async () => {
    const rfa = await demoUser(database.db, "rfa_worker");
    const rfaSession = await signIn(app, rfa.email);
    expect((await readChild(rfaSession)).statusCode).toBe(403); // at their own site, not theirs to read
    const created = await app.inject({
      method: "POST",
      url: `/api/children/${childId}/shares`,
      headers: caseworker.headers(),
      payload: { email: rfa.email, reason: "Placement search for a sibling group", endsOn: "2026-07-15" },
    });
    expect(created.statusCode).toBe(201);
    expect((await readChild(rfaSession)).statusCode).toBe(200);
    expect((await readChild(rfaSession)).statusCode).toBe(200);
    // Ended: its last day moved to yesterday.
    await database.db.updateTable("child_share").set({ ends_on: "2026-06-29", starts_on: "2026-06-29" }).execute();
    expect((await readChild(rfaSession)).statusCode).toBe(404);
    await database.db.updateTable("child_share").set({ ends_on: "2026-07-15", starts_on: "2026-06-30" }).execute();
    expect((await readChild(rfaSession)).statusCode).toBe(200);
    const revoked = await app.inject({
      method: "POST",
      url: `/api/children/${childId}/shares/${created.json().id}/revoke`,
      headers: caseworker.headers(),
    });
    expect(revoked.statusCode).toBe(200);
    expect((await readChild(rfaSession)).statusCode).toBe(404);
  });

  it("a cached actor never serves a grant past its last day: the site's day is taken at each request", async () => {
    await database.db
      .updateTable("role_grant")
      .set({ ends_on: "2026-06-30" })
      .where("user_id", "=", caseworkerId)
      .execute();
    clock = new Date("2026-07-01T06:55:00Z"); // 23:55 on 30 June in Fresno (PDT)
    const late = await signIn(app, (await demoUser(database.db, "caseworker")).email);
    expect((await readChild(late)).statusCode).toBe(200);
    expect((await session(late)).json().roles[0].today).toBe("2026-06-30");
    clock = new Date("2026-07-01T07:05:00Z"); // 00:05 on 1 July: no change in the database, the grant has ended
    expect([403, 404]).toContain((await readChild(late)).statusCode);
    await database.db.updateTable("role_grant").set({ ends_on: null }).where("user_id", "=", caseworkerId).execute();
    expect((await session(late)).json().roles[0].today).toBe("2026-07-01");
    clock = new Date("2026-06-30T18:00:00Z");
  });

  it("the triggers bump the account's version and the global epoch", async () => {
    const version = async () =>
      (
        await database.db
          .selectFrom("user_account")
          .select("access_version")
          .where("id", "=", caseworkerId)
          .executeTakeFirstOrThrow()
      ).access_version;
    const epoch = async () =>
      Number((await sql<{ version: string }>`SELECT version FROM access_epoch`.execute(database.db)).rows[0].version);
    const v0 = Number(await version());
    await database.db
      .updateTable("user_account")
      .set({ preferred_language: "es" })
      .where("id", "=", caseworkerId)
      .execute();
    expect(Number(await version())).toBe(v0 + 1);
    await database.db
      .updateTable("user_account")
      .set({ preferred_language: "en" })
      .where("id", "=", caseworkerId)
      .execute();
    const e0 = await epoch();
    await database.db
      .updateTable("site_security_policy")
      .set({ staff_idle_minutes: sql`staff_idle_minutes` })
      .execute();
    expect(await epoch()).toBe(e0 + 1);
  });
});
