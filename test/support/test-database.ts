import type { Kysely } from "kysely";
import type { Database } from "../../server/db/database.js";
import { type EngineKind, openDatabase } from "../../server/db/engine.js";
import { migrateToLatest } from "../../server/db/migrate.js";
import { createFreshPostgresDatabase } from "./fresh-postgres.js";

export interface TestDatabase {
  db: Kysely<Database>;
  kind: EngineKind;
  /** The PostgreSQL database's URL (unset on PGlite), for tests that open a second pool. */
  url?: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or — when TEST_DATABASE_URL names a PostgreSQL server — a new database on
 * that server, dropped at close. Never a mock.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const opened = await openDatabase({ dataDir: "memory://" });
    await migrateToLatest(opened.db);
    return opened;
  }
  const fresh = await createFreshPostgresDatabase(serverUrl);
  const opened = await openDatabase({ databaseUrl: fresh.url, poolSize: 5 });
  await migrateToLatest(opened.db);
  return {
    db: opened.db,
    kind: opened.kind,
    url: fresh.url,
    async close() {
      await opened.close();
      await fresh.drop();
    },
  };
}
