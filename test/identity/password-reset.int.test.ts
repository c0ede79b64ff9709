import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../server/platform/http/types.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { buildClockedApp, demoUser, testClock } from "./support.js";

/** Every query through this plugin answers `delayMs` late while `slow` is on. */
const DELAY_MS = 500;
let slow = false;
const slowDatabase: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    if (slow) await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    return args.result;
  },
};

let database: TestDatabase;
let app: App;
const clock = testClock();

beforeAll(async () => {
  delete process.env.QPI_SMTP_URL; // mail goes to the outbound_email table
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildClockedApp(database.db.withPlugin(slowDatabase), database.kind, clock.now);
});
afterAll(async () => {
  slow = false;
  await app?.close();
  await database?.close();
});

async function forgot(email: string) {
  const started = performance.now();
  const response = await app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email } });
  return { status: response.statusCode, body: response.body, ms: performance.now() - started };
}

describe("forgot password", () => {
  it("answers before any database or mail work, so its timing cannot tell whether the account exists", async () => {
    const user = await demoUser(database.db, "caregiver");
    slow = true;
    // Every database answer now takes half a second: a reply that waited for even one query would show it.
    const known = await forgot(user.email);
    const unknown = await forgot("nobody-here@example.org");
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(known.ms).toBeLessThan(DELAY_MS);
    expect(unknown.ms).toBeLessThan(DELAY_MS);
    // The work still happens, after the reply: the link is written to the outbox (read without the delay).
    let mail: { body_text: string } | undefined;
    for (let i = 0; i < 100 && !mail; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      mail = await database.db
        .selectFrom("outbound_email")
        .select("body_text")
        .where("to_address", "=", user.email)
        .executeTakeFirst();
    }
    slow = false;
    expect(mail?.body_text).toMatch(/#token=[A-Za-z0-9_-]+/);
    const unknownMail = await database.db
      .selectFrom("outbound_email")
      .select("id")
      .where("to_address", "=", "nobody-here@example.org")
      .execute();
    expect(unknownMail).toHaveLength(0);
  });
});
