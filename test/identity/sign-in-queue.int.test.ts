import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/demo-accounts.js";
import { PASSWORD_QUEUE } from "../../server/modules/identity/sign-in.js";
import type { App } from "../../server/platform/http/types.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { buildClockedApp, demoUser, testClock } from "./support.js";

let database: TestDatabase;
let app: App;
const clock = testClock();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildClockedApp(database.db, database.kind, clock.now);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("the password queue over HTTP", () => {
  it(`refuses an address beyond its share with 429 and a message \
in the user's language, and serves the others`, async () => {
    const user = await demoUser(database.db, "caseworker");
    const burst = await Promise.all(
      Array.from({ length: PASSWORD_QUEUE.perClient + 2 }, (_, i) =>
        app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          remoteAddress: "203.0.113.50",
          headers: { "accept-language": i % 2 ? "es" : "en" },
          payload: { email: `someone-${i}@example.org`, password: "wrong-password" },
        }),
      ),
    );
    const statuses = burst.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([...Array(PASSWORD_QUEUE.perClient).fill(401), 429, 429]);
    const refused = burst.filter((r) => r.statusCode === 429);
    for (const r of refused) {
      expect(r.headers["retry-after"]).toBe("5");
      expect(r.json().error.code).toBe("too_many_requests");
    }
    for (const r of refused) {
      expect([
        "Many people are signing in right now. Wait a few seconds and try again.",
        "Muchas personas están iniciando sesión en este momento. Espere unos segundos e inténtelo de nuevo.",
      ]).toContain(r.json().error.message);
    }
    // A refusal checked no secret: nothing counted against the accounts, and another address signs in at once.
    const failures = await database.db.selectFrom("sign_in_failure").select("account_key").execute();
    expect(failures).toHaveLength(PASSWORD_QUEUE.perClient);
    const other = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      remoteAddress: "198.51.100.50",
      payload: { email: user.email, password: DEMO_PASSWORD },
    });
    expect(other.statusCode).toBe(200);
  });

  it("speaks Spanish to a Spanish browser when refusing", async () => {
    const burst = await Promise.all(
      Array.from({ length: PASSWORD_QUEUE.perClient + 1 }, (_, i) =>
        app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          remoteAddress: "203.0.113.51",
          headers: { "accept-language": "es" },
          payload: { email: `otra-${i}@example.org`, password: "wrong-password" },
        }),
      ),
    );
    const refused = burst.find((r) => r.statusCode === 429);
    expect(refused?.json().error.message).toBe(
      "Muchas personas están iniciando sesión en este momento. Espere unos segundos e inténtelo de nuevo.",
    );
  });
});
