import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.js";
import type { Database } from "../../server/db/database.js";
import { openDatabase } from "../../server/db/engine.js";
import type { App } from "../../server/platform/http/types.js";
import { demoUser } from "../identity/support.js";
import { type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Two app instances on one database, as behind a load balancer: no sticky sessions. On PostgreSQL each has its
// own pool; on PGlite (one connection) they share it, which still checks that nothing lives in one instance only.
let database: TestDatabase;
let second: { db: Kysely<Database>; close(): Promise<void> } | null = null;
let a: App;
let b: App;
const clock = () => new Date("2026-06-30T15:00:05Z");

async function instance(db: Kysely<Database>) {
  const app = await buildApp({
    db,
    engine: database.kind,
    webDist: "/nonexistent",
    limits: { userPerMinute: 20, anonymousPerMinute: 1_000 },
    now: clock,
  });
  await app.ready();
  return app;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  if (database.url) second = await openDatabase({ databaseUrl: database.url, poolSize: 3 });
  a = await instance(database.db);
  b = await instance(second?.db ?? database.db);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await second?.close();
  await database?.close();
});

const get = (app: App, who: SignedIn, url = "/api/auth/session") =>
  app.inject({ method: "GET", url, headers: who.headers() });

describe("two app instances on one database", () => {
  it("share sessions: signed in on A, served by B; signed out on B, refused by A", async () => {
    const user = await demoUser(database.db, "caseworker");
    const session = await signIn(a, user.email);
    expect((await get(a, session)).statusCode).toBe(200); // A now holds the actor
    expect((await get(b, session)).statusCode).toBe(200);
    expect((await get(b, session)).json().user.email).toBe(user.email);
    const out = await b.inject({ method: "POST", url: "/api/auth/sign-out", headers: session.headers() });
    expect(out.statusCode).toBeLessThan(300);
    expect((await get(a, session)).statusCode).toBe(401);
    expect((await get(b, session)).statusCode).toBe(401);
  });

  it("share one user's limit: 16 requests on A and 4 on B, and the 21st is refused by both", async () => {
    const session = await signIn(a, (await demoUser(database.db, "supervisor")).email);
    // signIn read the session once on A: that is the first of the user's 20.
    for (let i = 2; i <= 16; i++) expect((await get(a, session)).statusCode).toBe(200);
    for (let i = 17; i <= 20; i++) expect((await get(b, session)).statusCode).toBe(200);
    const refusedByB = await get(b, session);
    expect(refusedByB.statusCode).toBe(429);
    expect(refusedByB.json().error.code).toBe("too_many_requests");
    expect((await get(a, session)).statusCode).toBe(429);
  });

  it("see a change of access made through the other at once, though each holds the actor", async () => {
    const admin = await signIn(a, (await demoUser(database.db, "site_admin")).email);
    const rfa = await demoUser(database.db, "rfa_worker");
    const rfaSession = await signIn(b, rfa.email);
    expect((await get(a, rfaSession)).statusCode).toBe(200);
    expect((await get(b, rfaSession)).statusCode).toBe(200);
    // Disabled through A; B had the actor cached and must not use it.
    const disabled = await a.inject({
      method: "POST",
      url: `/api/sites/${rfa.site_id}/users/${rfa.id}/disable`,
      headers: admin.headers(),
    });
    expect(disabled.statusCode).toBe(200);
    expect((await get(b, rfaSession)).statusCode).toBe(401);
    expect((await get(a, rfaSession)).statusCode).toBe(401);
  });

  it("see a grant revoked in the database on the very next request of either", async () => {
    const user = await demoUser(database.db, "qpi_coordinator");
    const session = await signIn(a, user.email);
    const roles = async (app: App) => (await get(app, session)).json().roles.map((r: { role: string }) => r.role);
    expect(await roles(a)).toContain("qpi_coordinator");
    expect(await roles(b)).toContain("qpi_coordinator");
    await database.db.updateTable("role_grant").set({ ends_on: "2026-06-29" }).where("user_id", "=", user.id).execute();
    expect(await roles(b)).not.toContain("qpi_coordinator");
    expect(await roles(a)).not.toContain("qpi_coordinator");
    await database.db.updateTable("role_grant").set({ ends_on: null }).where("user_id", "=", user.id).execute();
    expect(await roles(b)).toContain("qpi_coordinator");
  });
});
