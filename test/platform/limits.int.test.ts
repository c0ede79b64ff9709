import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.js";
import { createSession } from "../../server/platform/auth/sessions.js";
import type { App } from "../../server/platform/http/types.js";
import { SESSION_COOKIE } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

// Signed-in requests are limited per account, requests without a session per client address: a county office
// behind one NAT address is not throttled as one client. The clock is held inside one minute's window.
let database: TestDatabase;
const apps: App[] = [];
const clock = () => new Date("2026-06-30T12:00:05Z");
const OFFICE = "198.51.100.10"; // every signed-in request below comes from this one address

async function limitedApp(options: { trustProxy?: boolean | number | string[] } = {}) {
  const app = await buildApp({
    db: database.db,
    engine: database.kind,
    webDist: "/nonexistent",
    limits: { userPerMinute: 20, anonymousPerMinute: 30 },
    now: clock,
    ...options,
  });
  await app.ready();
  apps.push(app);
  return app;
}

/** Sessions made as sign-in makes them (30 sign-ins through scrypt would only slow the test). */
async function sessionsOf(count: number, offset = 0): Promise<{ userId: string; cookie: string }[]> {
  const users = await database.db
    .selectFrom("user_account")
    .select("id")
    .where("status", "=", "active")
    .orderBy("email")
    .offset(offset)
    .limit(count)
    .execute();
  expect(users).toHaveLength(count);
  return Promise.all(
    users.map(async ({ id }) => {
      const session = await createSession(
        database.db,
        id,
        { idleMinutes: 15, absoluteHours: 12 },
        { ip: OFFICE, userAgent: null },
        clock(),
      );
      return { userId: id, cookie: `${SESSION_COOKIE}=${session.token}` };
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.close();
});

describe("request limits", () => {
  it("300 requests from one address by 30 signed-in users all succeed; one user's 21st is refused", async () => {
    const app = await limitedApp();
    const sessions = await sessionsOf(30);
    const get = (cookie: string, extra: Record<string, string> = {}) =>
      app.inject({ method: "GET", url: "/api/auth/session", remoteAddress: OFFICE, headers: { cookie, ...extra } });
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(sessions.map((s) => get(s.cookie)));
      statuses.push(...answers.map((a) => a.statusCode));
    }
    expect(statuses).toHaveLength(300);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const [one, other] = sessions;
    for (let i = 11; i <= 20; i++) expect((await get(one.cookie)).statusCode).toBe(200);
    const refused = await get(one.cookie, { "accept-language": "es", cookie: `${one.cookie}; qpi_lang=es` });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toEqual({
      code: "too_many_requests",
      message: "Demasiadas solicitudes. Espere un momento e inténtelo de nuevo.",
    });
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The window is the clock's minute: 12:00:05 leaves 55 seconds.
    expect(retryAfter).toBe(55);
    // Their colleague at the same address is not affected.
    expect((await get(other.cookie)).statusCode).toBe(200);
  });

  it("requests without a session are limited per address, and one address does not spend another's", async () => {
    const app = await limitedApp();
    const probe = (address: string) => app.inject({ method: "GET", url: "/api/auth/session", remoteAddress: address });
    const answers: number[] = [];
    for (let i = 0; i < 35; i++) answers.push((await probe("203.0.113.20")).statusCode);
    expect(answers.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(answers.slice(30).every((s) => s === 429)).toBe(true);
    expect((await probe("203.0.113.21")).statusCode).toBe(401);
    // A cookie that names no session is no way around it.
    const forged = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      remoteAddress: "203.0.113.20",
      headers: { cookie: `${SESSION_COOKIE}=not-a-session` },
    });
    expect(forged.statusCode).toBe(429);
  });

  it("behind a trusted proxy the client's address from X-Forwarded-For is the key", async () => {
    const proxied = await limitedApp({ trustProxy: 1 });
    const viaProxy = (client: string) =>
      proxied.inject({
        method: "GET",
        url: "/api/auth/session",
        remoteAddress: "10.0.0.2",
        headers: { "x-forwarded-for": client },
      });
    for (let i = 0; i < 30; i++) expect((await viaProxy("203.0.113.30")).statusCode).toBe(401);
    expect((await viaProxy("203.0.113.30")).statusCode).toBe(429);
    // Another client behind the same proxy has its own allowance.
    expect((await viaProxy("203.0.113.31")).statusCode).toBe(401);
    // A client's own claim in front of the proxy's entry is not believed with one trusted hop.
    expect((await viaProxy("203.0.113.99, 203.0.113.30")).statusCode).toBe(429);

    // Without trust in a proxy the header is ignored: every client behind it is the proxy's address.
    const direct = await limitedApp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const answer = await direct.inject({
        method: "GET",
        url: "/api/auth/session",
        remoteAddress: "10.0.0.3",
        headers: { "x-forwarded-for": `203.0.113.${100 + i}` },
      });
      statuses.push(answer.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it("the counts are in the database for every instance, added in batches", async () => {
    const app = await limitedApp();
    const [session] = await sessionsOf(1, 30); // a user the other cases have not counted
    for (let i = 0; i < 10; i++) {
      const answer = await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: session.cookie } });
      expect(answer.statusCode).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    const row = await database.db
      .selectFrom("rate_limit_window")
      .select(["hits", "window_start", "window_end"])
      .where("bucket", "=", `all:user:${session.userId}`)
      .executeTakeFirstOrThrow();
    expect(row.hits).toBe(10);
    expect(row.window_start.toISOString()).toBe("2026-06-30T12:00:00.000Z");
    expect(row.window_end.toISOString()).toBe("2026-06-30T12:01:00.000Z");
  });
});
