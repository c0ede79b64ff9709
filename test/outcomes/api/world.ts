import type { LightMyRequestResponse } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../../server/db/database.js";
import { refreshPlatformOutcomes } from "../../../server/modules/outcomes/import/platform-refresh.js";
import type { App } from "../../../server/platform/http/types.js";
import { buildTestApp, type SignedIn, signIn } from "../../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { seedTestWorld } from "../../support/test-world.js";

/**
 * The demo test world with its outcome projection (the demo seeder runs it
 * after writing the network; the test world writes the network only), and the app.
 */
export interface OutcomesWorld {
  database: TestDatabase;
  app: App;
  /** Site id by code. */
  sites: Record<string, string>;
  as(email: string): Promise<SignedIn>;
  get(session: SignedIn, url: string, extraCookie?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function outcomesWorld(options: { scale?: number } = {}): Promise<OutcomesWorld> {
  const database = await createTestDatabase();
  await seedTestWorld(database.db, options);
  await refreshPlatformOutcomes(database.db);
  const app = await buildTestApp(database.db, database.kind);
  const sites = Object.fromEntries(
    (await database.db.selectFrom("site").select(["id", "code"]).execute()).map((s) => [s.code, s.id]),
  );
  const sessions = new Map<string, SignedIn>();
  return {
    database,
    app,
    sites,
    async as(email) {
      if (!sessions.has(email)) sessions.set(email, await signIn(app, email));
      return sessions.get(email)!;
    },
    get(session, url, extraCookie) {
      const headers = session.headers();
      if (extraCookie) headers.cookie = `${headers.cookie}; ${extraCookie}`;
      return app.inject({ method: "GET", url, headers });
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const accounts = {
  coordinator: "coordinator@demo.qpi.example", // CA-FRESNO, outcomes:read at 'site'
  analyst: "analyst@demo.qpi.example", // CA-FRESNO site analyst
  supervisor: "supervisor@demo.qpi.example", // CA-FRESNO, first unit
  networkAnalyst: "network-analyst@demo.qpi.example",
  stateAnalyst: "state-analyst@demo.qpi.example", // Florida
};

export async function unitChildren(db: Kysely<Database>, supervisorEmail: string): Promise<Set<string>> {
  const grant = await db
    .selectFrom("role_grant")
    .innerJoin("user_account", "user_account.id", "role_grant.user_id")
    .select(["role_grant.unit_id"])
    .where("user_account.email", "=", supervisorEmail)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("child_team_member as ctm")
    .innerJoin("user_account as ua", "ua.person_id", "ctm.person_id")
    .innerJoin("role_grant as rg", "rg.user_id", "ua.id")
    .select("ctm.child_id")
    .where("ctm.role", "=", "caseworker")
    .where("ctm.ends_on", "is", null)
    .where("rg.unit_id", "=", grant.unit_id!)
    .execute();
  return new Set(rows.map((r) => r.child_id));
}
