import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from "kysely";

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
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of fs
      .readdirSync(migrationsDir)
      .filter((f) => f.endsWith(".sql"))
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

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(),
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
