import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  sql,
  type Transaction,
} from "kysely";

const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsDir = path.join(here, "migrations");

/**
 * Plain SQL migrations, one file each, applied in name order on both engines.
 * Files are append-only: a change to the schema is a new file. Numbers are
 * grouped by module (0001–0099 foundation, 0100–0199 access and audit,
 * 0200–0299 children and practices, 0300–0399 outcomes) so modules can add
 * files independently; the migrator accepts a file that sorts before one
 * already applied.
 */
class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly only?: ReadonlySet<string>) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of fs
      .readdirSync(migrationsDir)
      .filter((f) => f.endsWith(".sql") && (!this.only || this.only.has(f.replace(/\.sql$/, ""))))
      .sort()) {
      const text = fs.readFileSync(path.join(migrationsDir, file), "utf8");
      migrations[file.replace(/\.sql$/, "")] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

/** The names of the migrations this version of the code has, in order. */
export function migrationNames(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => f.endsWith(".sql"))
    .map((f) => f.replace(/\.sql$/, ""))
    .sort();
}

/**
 * Applies the named migration files inside the caller's transaction and records them as the migrator does, so a
 * restore builds the schema and loads the rows all or nothing. The migrator's tables must exist (migrateToLatest(db,
 * []) makes them and applies nothing).
 */
export async function applyMigrationsIn<DB>(trx: Transaction<DB>, names: readonly string[]): Promise<void> {
  for (const name of [...names].sort()) {
    await sql.raw(fs.readFileSync(path.join(migrationsDir, `${name}.sql`), "utf8")).execute(trx);
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${name}, ${new Date().toISOString()})`.execute(
      trx,
    );
  }
}

/** Applies pending migrations; with `only`, just those of the names given (a restore rebuilds a backup's schema). */
export async function migrateToLatest<DB>(db: Kysely<DB>, only?: readonly string[]): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(only ? new Set(only) : undefined),
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${cause}`);
  }
  return result;
}
