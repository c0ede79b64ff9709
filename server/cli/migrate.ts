import { readConfig } from "../config.js";
import { openDatabase } from "../db/engine.js";
import { migrateToLatest } from "../db/migrate.js";
import type { CliCommand } from "./command.js";

export const migrateCommand: CliCommand = {
  name: "migrate",
  summary: "Apply pending database migrations",
  help: "Applies every migration in server/db/migrations not yet applied, in order. Safe to run again.",
  options: {},
  async run() {
    const config = readConfig(process.env, []);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const result = await migrateToLatest(database.db);
      const applied = result.results ?? [];
      console.log(
        applied.length ? applied.map((r) => `${r.migrationName}: ${r.status}`).join("\n") : "No pending migrations.",
      );
    } finally {
      await database.close();
    }
  },
};
