import fs from "node:fs";
import path from "node:path";
import { readConfig } from "../config.js";
import { restoreBackup } from "../db/backup.js";
import { openDatabase } from "../db/engine.js";
import type { CliCommand } from "./command.js";

export const restoreCommand: CliCommand = {
  name: "restore",
  summary: "Restore a backup file into an empty database",
  help: [
    "Usage: qpi restore FILE",
    "Restores a file written by qpi backup into an empty database: a new PostgreSQL database (DATABASE_URL)",
    "or an empty data folder (QPI_DATA_DIR). It applies the migrations the backup was made with, loads every",
    "table in one transaction and checks each table's row count and checksum against the backup (any",
    "difference undoes the whole load), then applies this version's newer migrations.",
    "On PostgreSQL the role must own the tables it creates (it disables their triggers while loading).",
  ].join("\n"),
  options: {},
  async run(_values, positionals) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new Error("Usage: qpi restore FILE");
    if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
    const config = readConfig(process.env, []);
    const pgdata = path.join(config.dataDir, "pgdata");
    const newFolder = !config.databaseUrl && !fs.existsSync(pgdata);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    let restored = false;
    try {
      const summary = await restoreBackup(database, path.resolve(file));
      restored = true;
      console.log(
        `Restored ${file} (made ${summary.createdAt}): ${summary.tables} tables, ${summary.rows} rows, ` +
          `checksums equal, in ${summary.seconds.toFixed(1)} s` +
          (summary.newerMigrations ? `; then ${summary.newerMigrations} newer migrations applied` : ""),
      );
    } finally {
      await database.close();
      // A data folder this restore created is left empty again when it fails, ready for another try.
      if (!restored && newFolder) fs.rmSync(pgdata, { recursive: true, force: true });
    }
  },
};
