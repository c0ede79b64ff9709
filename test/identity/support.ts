import type { LightMyRequestResponse } from "fastify";
import type { Kysely } from "kysely";
import { buildApp } from "../../server/app.js";
import type { Database } from "../../server/db/database.js";
import type { EngineKind } from "../../server/db/engine.js";
import { DEMO_DOMAIN } from "../../server/demo/demo-accounts.js";
import type { App } from "../../server/platform/http/types.js";

/** A clock the test steps forward: session timeouts are tested without sleeping. */
export function testClock(start = new Date("2026-06-30T12:00:00Z")) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export async function buildClockedApp(db: Kysely<Database>, kind: EngineKind, now: () => Date): Promise<App> {
  const app = await buildApp({ db, engine: kind, webDist: "/nonexistent", rateLimitPerMinute: 100_000, now });
  await app.ready();
  return app;
}

export function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  const header = response.headers["set-cookie"];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return Object.fromEntries(
    all.map((c) => c.split(";")[0]).map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)]),
  );
}

export async function demoUser(db: Kysely<Database>, role: string) {
  return db
    .selectFrom("user_account")
    .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
    .select(["user_account.id", "user_account.email", "role_grant.site_id"])
    .where("role_grant.role_code", "=", role)
    .where("user_account.email", "like", `%@${DEMO_DOMAIN}`)
    .executeTakeFirstOrThrow();
}
