import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createFreshPostgresDatabase } from "./fresh-postgres.js";

export interface QpiCli {
  /** The environment the command runs in (tests may set variables on it). */
  env: NodeJS.ProcessEnv;
  /** The temporary folder of the embedded database (also a scratch folder). */
  dataDir: string;
  run(...args: string[]): { code: number | null; out: string };
}

/**
 * The `qpi` admin command run as a user runs it (a separate process), on the
 * embedded database in a temporary folder — or on a fresh PostgreSQL
 * database when TEST_DATABASE_URL is set — for the tests of one file.
 */
export function qpiCli(databasePrefix: string, cleanUp?: () => void): QpiCli {
  let dropDatabase: (() => Promise<void>) | undefined;
  const cli: QpiCli = {
    env: {},
    dataDir: "",
    run(...args) {
      const result = spawnSync(process.execPath, ["bin/qpi.mjs", ...args], {
        env: cli.env,
        encoding: "utf8",
        timeout: 120_000,
      });
      return { code: result.status, out: result.stdout + result.stderr };
    },
  };
  beforeAll(async () => {
    cli.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${databasePrefix}-`));
    cli.env = { ...process.env, QPI_DATA_DIR: cli.dataDir };
    delete cli.env.DATABASE_URL;
    if (process.env.TEST_DATABASE_URL) {
      const fresh = await createFreshPostgresDatabase(process.env.TEST_DATABASE_URL, databasePrefix);
      cli.env.DATABASE_URL = fresh.url;
      dropDatabase = fresh.drop;
    }
  });
  afterAll(async () => {
    await dropDatabase?.();
    fs.rmSync(cli.dataDir, { recursive: true, force: true });
    cleanUp?.();
  });
  return cli;
}
