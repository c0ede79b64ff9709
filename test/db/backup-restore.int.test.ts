import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { tableChecksums } from "../../server/db/backup.js";
import { openDatabase } from "../../server/db/engine.js";
import { type QpiCli, qpiCli } from "../support/qpi-cli.js";

// `qpi backup` and `qpi restore` run as an operator runs them (separate processes), on the embedded database in
// temporary folders — or on fresh PostgreSQL databases when TEST_DATABASE_URL is set.
const source = qpiCli("qpi_backup_src");
const target = qpiCli("qpi_backup_dst");

async function checksumsOf(cli: QpiCli) {
  const database = await openDatabase(
    cli.env.DATABASE_URL ? { databaseUrl: cli.env.DATABASE_URL } : { dataDir: cli.dataDir },
  );
  try {
    return Object.fromEntries(await tableChecksums(database.db));
  } finally {
    await database.close();
  }
}

// Each step runs processes that open the embedded database: minutes on a busy machine, so each has its own time.
const STEP_MS = 400_000;
let file: string;
let tables: string;
let rows: string;
let backupOut: string;

describe("qpi backup and qpi restore", () => {
  it(
    "backs up the demo network to a file it never overwrites",
    () => {
      const seeded = source.run("seed-demo", "--seed", "3", "--scale", "0.1", "--as-of", "2026-01-15");
      expect(seeded.code, seeded.out).toBe(0);
      file = path.join(source.dataDir, "qpi.backup");
      const backup = source.run("backup", file);
      expect(backup.code, backup.out).toBe(0);
      backupOut = backup.out.trim();
      [, tables, rows] = backup.out.match(/(\d+) tables, (\d+) rows/) ?? [];
      expect(Number(tables)).toBeGreaterThan(30);
      expect(Number(rows)).toBeGreaterThan(1000);
      expect(source.run("backup", file).code).not.toBe(0);
    },
    STEP_MS,
  );

  it(
    "refuses a backup whose rows were changed after it was written, and leaves the target empty",
    () => {
      const text = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");
      const dataStart = text.indexOf("\n", text.indexOf("\n") + 1) + 1;
      const at = text.indexOf("Fresno", dataStart);
      expect(at).toBeGreaterThan(dataStart);
      const tampered = path.join(source.dataDir, "tampered.backup");
      fs.writeFileSync(tampered, zlib.gzipSync(`${text.slice(0, at)}Fresmo${text.slice(at + 6)}`));
      const refused = target.run("restore", tampered);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/does not match the backup's checksum.*nothing restored/);
    },
    STEP_MS,
  );

  it(
    "restores into the empty target with identical checksums for every table, and the audit chain verifies",
    async () => {
      const restored = target.run("restore", file);
      expect(restored.code, restored.out).toBe(0);
      expect(restored.out).toContain(`${tables} tables, ${rows} rows, checksums equal`);
      // Without sealing: the copy must equal the source row for row, unsealed rows included.
      const verify = target.run("audit", "verify", "--no-seal");
      expect(verify.code, verify.out).toBe(0);
      const [, sealed, unsealed] = verify.out.match(/^audit chain ok: (\d+) rows .*; (\d+) not yet sealed/m) ?? [];
      expect(Number(sealed) + Number(unsealed)).toBeGreaterThan(0);

      const before = await checksumsOf(source);
      const after = await checksumsOf(target);
      expect(Object.keys(after).length).toBe(Number(tables));
      expect(after).toEqual(before);
      expect(Object.values(after).reduce((sum, t) => sum + t.rows, 0)).toBe(Number(rows));
      console.log(`backup round trip: ${tables} tables, ${rows} rows; ${backupOut}; ${restored.out.trim()}`);
    },
    STEP_MS,
  );

  it(
    "restores the sequences too (new rows get fresh ids), and never into a database that holds data",
    () => {
      // The sequences came along: new rows get fresh ids.
      target.env.QPI_NEW_PASSWORD = "a long and unusual phrase";
      const add = target.run(
        ...["users", "add", "--email", "after.restore@example.org", "--given-name", "Ana", "--family-name", "Reyes"],
        ...["--role", "caseworker", "--site", "CA-FRESNO"],
      );
      expect(add.code, add.out).toBe(0);

      const again = target.run("restore", file);
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/not empty/);
    },
    STEP_MS,
  );
});
