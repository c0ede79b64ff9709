import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../server/db/engine.js";
import { migrateToLatest } from "../../server/db/migrate.js";
import { systemActor } from "../../server/platform/access/actor.js";
import { ensureAuditPartitions } from "../../server/platform/audit/archive.js";
import { recordAudit } from "../../server/platform/audit/audit-log.js";
import { qpiCli } from "../support/qpi-cli.js";

// `qpi audit archive` and `qpi audit verify --archive`, run as an operator runs them (a separate process).
const cli = qpiCli("qpi_archive");
const qpi = cli.run;

async function withDb(work: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<void>) {
  const database = await openDatabase(
    cli.env.DATABASE_URL ? { databaseUrl: cli.env.DATABASE_URL } : { dataDir: cli.dataDir },
  );
  try {
    await migrateToLatest(database.db);
    await work(database.db);
  } finally {
    await database.close();
  }
}

describe("qpi audit archive", () => {
  it("archives old months to files; verify crosses the gap and re-checks the files; a changed file fails", async () => {
    const out = path.join(cli.dataDir, "..", `${path.basename(cli.dataDir)}-archive`);
    try {
      await withDb(async (db) => {
        await ensureAuditPartitions(db, new Date("2016-03-01T00:00:00Z"), 2);
        for (const [iso, id] of [
          ["2016-03-10T00:00:00.000Z", "mar"],
          ["2016-04-10T00:00:00.000Z", "apr"],
          ["2016-05-10T00:00:00.000Z", "may"],
        ]) {
          const now = vi.spyOn(Date, "now").mockReturnValue(new Date(iso).getTime());
          try {
            await recordAudit(db, systemActor("cli archive test"), {
              action: "child.read",
              entityType: "child",
              entityId: id,
              outcome: "success",
            });
          } finally {
            now.mockRestore();
          }
        }
      });
      expect(qpi("audit", "archive", "--out", out).out).toMatch(/--before YYYY-MM is required/);
      // Not sealed yet: refused, nothing changed.
      const refused = qpi("audit", "archive", "--before", "2016-05", "--out", out);
      expect(refused.code, refused.out).toBe(1);
      expect(refused.out).toMatch(/not archived: 2016-03 has 1 audit rows not yet sealed/);
      expect(qpi("audit", "verify").code).toBe(0); // seals
      const archived = qpi("audit", "archive", "--before", "2016-05", "--out", out);
      expect(archived.code, archived.out).toBe(0);
      expect(archived.out).toMatch(/archived 2016-03: 1 rows \(seq 1–1\)/);
      expect(archived.out).toMatch(/archived 2016-04: 1 rows \(seq 2–2\)/);
      expect(fs.readdirSync(out).sort()).toEqual([
        "audit-2016-03.jsonl",
        "audit-2016-03.manifest.json",
        "audit-2016-04.jsonl",
        "audit-2016-04.manifest.json",
      ]);
      const verified = qpi("audit", "verify", "--archive", out);
      expect(verified.code, verified.out).toBe(0);
      expect(verified.out).toMatch(/audit chain ok: 3 rows, 2 of them in archived months/);
      expect(verified.out).toMatch(/archived month 2016-03 ok: 1 rows/);
      await withDb(async (db) => {
        const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event`.execute(db);
        expect(left.rows[0].n).toBe(1);
      });
      const file = path.join(out, "audit-2016-04.jsonl");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"apr"', '"APR"'));
      const tampered = qpi("audit", "verify", "--archive", out);
      expect(tampered.code).toBe(1);
      expect(tampered.out).toMatch(/archived month 2016-04 broken: audit-2016-04.jsonl is not the file archived/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
