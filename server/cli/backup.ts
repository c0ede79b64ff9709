import path from "node:path";
import { readConfig } from "../config.js";
import { writeBackup } from "../db/backup.js";
import { openDatabase } from "../db/engine.js";
import type { CliCommand } from "./command.js";

export const backupCommand: CliCommand = {
  name: "backup",
  summary: "Write a consistent backup of the whole database to a file",
  help: [
    "Usage: qpi backup FILE",
    "Reads every table in one consistent snapshot (REPEATABLE READ) through the database driver and writes",
    "them, with each table's row count and checksum, to FILE (gzip). The same format serves both engines:",
    "a backup of the embedded database restores into PostgreSQL and the other way round (qpi restore).",
    "On the embedded database stop the server first (the data folder is one process at a time);",
    "on PostgreSQL the server may keep running. FILE must not exist yet.",
  ].join("\n"),
  options: {},
  async run(_values, positionals) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new Error("Usage: qpi backup FILE");
    const config = readConfig(process.env, []);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const summary = await writeBackup(database, path.resolve(file));
      console.log(
        `Backup written to ${file}: ${summary.tables} tables, ${summary.rows} rows, ` +
          `${(summary.bytes / 1024 / 1024).toFixed(1)} MB in ${summary.seconds.toFixed(1)} s`,
      );
    } finally {
      await database.close();
    }
  },
};
