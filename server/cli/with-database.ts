import type { Kysely } from "kysely";
import { readConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { type EngineKind, openDatabase } from "../db/engine.js";
import { migrateToLatest } from "../db/migrate.js";
import { modules } from "../modules/index.js";
import { registerCatalogues } from "../platform/registry/module-descriptor.js";

/** Opens the configured database (migrated), runs `work`, and always closes it. */
export async function withDatabase<T>(work: (db: Kysely<Database>, kind: EngineKind) => Promise<T>): Promise<T> {
  // A command reaches modules' services: their messages are in the catalogues first, as in the app.
  registerCatalogues(modules);
  const config = readConfig(process.env, []);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await work(database.db, database.kind);
  } finally {
    await database.close();
  }
}
