import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
    const opened = await openDatabase({ dataDir: "memory://", loadDataDir: await migratedTemplate() });
    // A no-op on the template; it still checks every migration is recorded as applied.
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

const migrationsDir = path.resolve(import.meta.dirname, "..", "..", "server", "db", "migrations");

/**
 * The embedded engine's data folder after every migration, made once per set of migrations and engine version
 * and kept in the system's temporary folder: each test file then starts from a copy in about half a second instead
 * of creating a cluster and migrating it (about 4 s). The key changes with any migration's name or text, so a
 * new or edited migration makes a new template. Written to a temporary name and renamed, so two test workers
 * making it at once never read half a file.
 */
async function migratedTemplate(): Promise<Blob> {
  const hash = crypto.createHash("sha256");
  const pgliteVersion = JSON.parse(
    fs.readFileSync(
      path.resolve(import.meta.dirname, "..", "..", "node_modules", "@electric-sql", "pglite", "package.json"),
      "utf8",
    ),
  ).version;
  hash.update(`pglite ${pgliteVersion}\n`);
  for (const file of fs.readdirSync(migrationsDir).sort()) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(migrationsDir, file)));
  }
  const file = path.join(os.tmpdir(), `qpi-test-template-${hash.digest("hex").slice(0, 16)}.tar`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const fresh = await openDatabase({ dataDir: "memory://" });
  try {
    await migrateToLatest(fresh.db);
    const dump = await fresh.dumpDataDir!();
    const partial = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
    return dump;
  } finally {
    await fresh.close();
  }
}
