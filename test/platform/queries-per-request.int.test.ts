import { type RawBuilder, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../server/platform/http/types.js";
import { demoUser } from "../identity/support.js";
import { QueryCounter } from "../support/query-counter.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// What a signed-in request costs before its own data: the session, read with its account's access versions in
// one statement (the actor's facts come with it only when they changed), and once a minute the idle deadline.
// Before this was measured (2026-12-04) the same requests cost 5 statements of overhead: the session and four for
// the actor (account, grants, role permissions, shares), plus 2–3 more when the session was touched.
let database: TestDatabase;
let app: App;
const counter = new QueryCounter();
let clock = new Date("2026-06-30T18:00:00Z");
let caseworker: SignedIn;
let childId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildTestApp(database.db.withPlugin(counter), database.kind, { now: () => clock });
  caseworker = await signIn(app, (await demoUser(database.db, "caseworker")).email);
  const list = await app.inject({ method: "GET", url: "/api/children", headers: caseworker.headers() });
  childId = list.json().children[0].id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const routes = () => [
  { name: "GET /api/auth/session", url: "/api/auth/session" },
  { name: "GET /api/worklist (home)", url: "/api/worklist?window=week" },
  { name: "GET /api/children", url: "/api/children" },
  { name: "GET /api/children/:id", url: `/api/children/${childId}` },
];

/** The session hook's statements: the session read, the idle policy (identity's rules) and the touch. */
const isPlatformOverhead = (statement: string) =>
  /^select "session"\.|^update "session"|from "site_security_policy"|inner join "role" on/.test(statement);

async function statementsOf(url: string): Promise<string[]> {
  return counter.during(async () => {
    const response = await app.inject({ method: "GET", url, headers: caseworker.headers() });
    expect(response.statusCode).toBe(200);
  });
}

describe("statements per signed-in request", () => {
  it("one statement of platform overhead once the actor is cached (the session with its versions)", async () => {
    const table: Record<string, { total: number; overhead: number }> = {};
    for (const route of routes()) {
      await statementsOf(route.url); // the steady state of a session: actor cached, last-seen recently touched
      const statements = await statementsOf(route.url);
      table[route.name] = { total: statements.length, overhead: statements.filter(isPlatformOverhead).length };
      expect(statements[0]).toMatch(/from "session"/);
      expect(table[route.name].overhead).toBe(1);
    }
    console.log(`statements per request (steady state, ${database.kind}):`, JSON.stringify(table));
  });

  it("a new session's first request loads the actor in the same statement; the touch adds one a minute", async () => {
    const fresh = await signIn(app, (await demoUser(database.db, "supervisor")).email);
    const first = await counter.during(() =>
      app.inject({ method: "GET", url: "/api/worklist?window=week", headers: fresh.headers() }),
    );
    expect(first.filter(isPlatformOverhead)).toHaveLength(1);
    clock = new Date(clock.getTime() + 61_000);
    const touched = await counter.during(() =>
      app.inject({ method: "GET", url: "/api/worklist?window=week", headers: fresh.headers() }),
    );
    // The session read, the idle policy (once per cached actor) and the touch.
    expect(touched.filter(isPlatformOverhead).length).toBeLessThanOrEqual(4);
    expect(touched.filter((s) => /update "session"/.test(s))).toHaveLength(1);
    clock = new Date(clock.getTime() + 61_000);
    const again = await counter.during(() =>
      app.inject({ method: "GET", url: "/api/worklist?window=week", headers: fresh.headers() }),
    );
    // The idle policy is cached with the actor: the session read and the touch.
    expect(again.filter(isPlatformOverhead)).toHaveLength(2);
  });

  it("the session statement is planned as the cheap lookup it is (never worth compiling)", async () => {
    await statementsOf("/api/auth/session");
    let at = counter.statements.length - 1;
    while (at >= 0 && !/^select "session"\./.test(counter.statements[at])) at--;
    const parameters = counter.parameters[at];
    const text = counter.statements[at].split(/\$(\d+)/);
    // The statement again, under EXPLAIN, with its own parameters.
    const pieces: RawBuilder<unknown>[] = text.map((part, i) =>
      i % 2 === 0 ? sql.raw(part) : sql`${parameters[Number(part) - 1]}`,
    );
    const plan = await sql<{ "QUERY PLAN": [{ Plan: { "Total Cost": number } }] }>`EXPLAIN (FORMAT JSON) ${sql.join(
      pieces,
      sql.raw(""),
    )}`.execute(database.db);
    const cost = plan.rows[0]["QUERY PLAN"][0].Plan["Total Cost"];
    // PostgreSQL compiles a statement above jit_above_cost (100,000 by default): ~20 ms on every request.
    expect(cost).toBeLessThan(1_000);
  });
});
