import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../server/db/engine.js";
import { migrateToLatest, migrationNames } from "../../server/db/migrate.js";
import { systemActor } from "../../server/platform/access/actor.js";
import {
  ArchiveRefused,
  archiveMonth,
  auditPartitionJobs,
  ensureAuditPartitions,
  verifyArchiveDir,
} from "../../server/platform/audit/archive.js";
import { recordAudit } from "../../server/platform/audit/audit-log.js";
import { sealAuditNow } from "../../server/platform/audit/sealer.js";
import { describeChainReport, verifyAuditChain } from "../../server/platform/audit/verify-chain.js";
import { createScheduler } from "../../server/platform/jobs/scheduler.js";
import { createFreshPostgresDatabase } from "../support/fresh-postgres.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

// audit_event partitioned by month (migration 0450), the partition job, and `qpi audit archive`'s work:
// a sealed month exported, checked, dropped, and still verified across the gap and from its files.
let database: TestDatabase;
let dir: string;

/** An audit row written as recordAudit writes it, at the instant `iso`. */
async function appendAt(iso: string, entityId: string, db = database.db) {
  const now = vi.spyOn(Date, "now").mockReturnValue(new Date(iso).getTime());
  try {
    await recordAudit(db, systemActor("archive test"), {
      action: "child.read",
      entityType: "child",
      entityId,
      outcome: "success",
    });
  } finally {
    now.mockRestore();
  }
}

async function partitionOf(entityId: string) {
  const found = await sql<{ part: string }>`SELECT tableoid::regclass::text AS part FROM audit_event
    WHERE entity_id = ${entityId}`.execute(database.db);
  return found.rows.map((r) => r.part);
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-audit-archive-"));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migration 0450 on a database that has audit rows", () => {
  it("moves every row into its month's partition; the chain verifies, unsealed rows seal after", async () => {
    const fresh = process.env.TEST_DATABASE_URL
      ? await createFreshPostgresDatabase(process.env.TEST_DATABASE_URL, "qpi_audit_0450")
      : undefined;
    const opened = await openDatabase(fresh ? { databaseUrl: fresh.url, poolSize: 2 } : { dataDir: "memory://" });
    try {
      await migrateToLatest(
        opened.db,
        migrationNames().filter((n) => n < "0450"),
      );
      await appendAt("2016-07-31T23:59:59.999Z", "old-1", opened.db);
      await appendAt("2026-11-02T10:00:00.000Z", "old-2", opened.db);
      await sealAuditNow(opened.db);
      await appendAt("2026-11-03T10:00:00.000Z", "old-unsealed", opened.db);
      await migrateToLatest(opened.db);
      const rows = await sql<{ entity_id: string; part: string; seq: string | null; id: string }>`
        SELECT entity_id, tableoid::regclass::text AS part, seq, id FROM audit_event ORDER BY id`.execute(opened.db);
      expect(rows.rows.map((r) => [r.entity_id, r.part, r.seq === null ? null : Number(r.seq)])).toEqual([
        ["old-1", "audit_event_y2016m07", 1],
        ["old-2", "audit_event_y2026m11", 2],
        ["old-unsealed", "audit_event_y2026m11", null],
      ]);
      await recordAudit(opened.db, systemActor("after 0450"), {
        action: "child.read",
        entityType: "child",
        outcome: "success",
      });
      expect((await sealAuditNow(opened.db)).sealed).toBe(2);
      const report = await verifyAuditChain(opened.db);
      expect(report, describeChainReport(report)).toMatchObject({ ok: true, rows: 4, unsealed: 0 });
      const ids = await sql<{ id: string }>`SELECT id FROM audit_event ORDER BY id`.execute(opened.db);
      expect(ids.rows.map((r) => Number(r.id))).toEqual([1, 2, 3, 4]);
    } finally {
      await opened.close();
      await fresh?.drop();
    }
  });
});

describe("audit_event partitioned by month", () => {
  it("the partition job creates this month's partition and the next three; rows land by month, across the boundary", async () => {
    const scheduler = createScheduler(database.db, await auditPartitionJobs(database.db));
    const partitions = async (year: number) =>
      (
        await sql<{ name: string }>`SELECT c.relname AS name FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_event'::regclass
          AND c.relname LIKE ${`audit_event_y${year}%`} ORDER BY 1`.execute(database.db)
      ).rows.map((r) => r.name);
    expect(await partitions(2031)).toEqual([]);
    // The scheduler's clock in December 2030: the job makes December and the three months after it.
    expect(await scheduler.tick(new Date("2030-12-15T12:00:00Z"))).toEqual(["audit_partitions"]);
    expect(await partitions(2031)).toEqual(["audit_event_y2031m01", "audit_event_y2031m02", "audit_event_y2031m03"]);
    expect(await partitions(2030)).toContain("audit_event_y2030m12");
    // Old months for this test's rows, as the job would have made them then.
    expect(await ensureAuditPartitions(database.db, new Date("2015-01-15T12:00:00Z"), 3)).toMatchObject({
      created: ["audit_event_y2015m01", "audit_event_y2015m02", "audit_event_y2015m03", "audit_event_y2015m04"],
    });
    // Written in this order, so sealed in this order: a January row lands among February's seqs.
    await appendAt("2015-01-31T23:59:59.999Z", "jan-1");
    await appendAt("2015-02-01T00:00:00.000Z", "feb-1");
    await appendAt("2015-01-31T23:59:59.998Z", "jan-2");
    await appendAt("2015-02-10T08:00:00.000Z", "feb-2");
    await appendAt("2014-06-01T00:00:00.000Z", "no-partition");
    expect(await partitionOf("jan-1")).toEqual(["audit_event_y2015m01"]);
    expect(await partitionOf("jan-2")).toEqual(["audit_event_y2015m01"]);
    expect(await partitionOf("feb-1")).toEqual(["audit_event_y2015m02"]);
    // A month without a partition does not fail the insert: the default partition takes it.
    expect(await partitionOf("no-partition")).toEqual(["audit_event_default"]);
    // And that month's partition is then not created over it (reported instead).
    expect(await ensureAuditPartitions(database.db, new Date("2014-06-03T00:00:00Z"), 1)).toEqual({
      created: ["audit_event_y2014m07"],
      blocked: ["2014-06"],
    });
    await sealAuditNow(database.db);
    const report = await verifyAuditChain(database.db);
    expect(report, describeChainReport(report)).toMatchObject({ ok: true, rows: 5, unsealed: 0 });
  });

  it("the guards hold on every partition: no update or delete of a sealed row, no truncate", async () => {
    await expect(
      sql`UPDATE audit_event_y2015m01 SET action = 'x' WHERE entity_id = 'jan-1'`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_event_y2015m02`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_event`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`INSERT INTO audit_event_y2015m03 (action, entity_type, outcome, row_hash) VALUES ('x', 'y', 'success', 'z')`.execute(
        database.db,
      ),
    ).rejects.toThrow(/row_hash does not match/);
  });
});

describe("qpi audit archive", () => {
  it("refuses a month with unsealed rows, and a month within the retention period, changing nothing", async () => {
    await appendAt("2015-03-05T10:00:00.000Z", "mar-unsealed");
    await expect(archiveMonth(database.db, "2015-03", dir)).rejects.toThrow(ArchiveRefused);
    await expect(archiveMonth(database.db, "2015-03", dir)).rejects.toThrow(/1 audit rows not yet sealed/);
    const lastMonth = new Date();
    lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    await expect(archiveMonth(database.db, lastMonth.toISOString().slice(0, 7), dir)).rejects.toThrow(
      /within the audit retention period \(72 months: HIPAA 45 CFR 164\.316/,
    );
    expect(await partitionOf("mar-unsealed")).toEqual(["audit_event_y2015m03"]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".manifest.json"))).toEqual([]);
    await sealAuditNow(database.db);
  });

  it("archives a sealed month: files in chain order, partition dropped, the chain verifies across the gap", async () => {
    const done = await archiveMonth(database.db, "2015-01", dir);
    // jan-1 (seq 1), feb-1 (seq 2, stays), jan-2 (seq 3): two runs.
    expect(done.manifest).toMatchObject({ month: "2015-01", rows: 2, first_seq: 1, last_seq: 3 });
    expect(done.manifest.runs.map((r) => [r.first_seq, r.last_seq])).toEqual([
      [1, 1],
      [3, 3],
    ]);
    const lines = fs
      .readFileSync(done.file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.seq, l.entity_id])).toEqual([
      [1, "jan-1"],
      [3, "jan-2"],
    ]);
    const gone = await sql<{ t: string | null }>`SELECT to_regclass('audit_event_y2015m01')::text AS t`.execute(
      database.db,
    );
    expect(gone.rows[0].t).toBeNull();
    expect(await partitionOf("jan-1")).toEqual([]);
    const report = await verifyAuditChain(database.db);
    expect(report, describeChainReport(report)).toMatchObject({ ok: true, rows: 6, archived: 2, unsealed: 0 });
    expect(describeChainReport(report)).toMatch(/6 rows, 2 of them in archived months/);
    expect(await verifyArchiveDir(database.db, dir)).toEqual([{ month: "2015-01", rows: 2 }]);
    await expect(archiveMonth(database.db, "2015-01", dir)).rejects.toThrow(/already archived/);
    // New rows go on chaining after the gap.
    await appendAt("2015-04-01T00:00:00.000Z", "apr-1");
    await sealAuditNow(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 7, archived: 2 });
  });

  it("a tampered archive file is detected, and so is an anchor changed behind the triggers' back", async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-audit-archive-copy-"));
    try {
      for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
      const file = path.join(copy, "audit-2015-01.jsonl");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"jan-2"', '"jan-9"'));
      const [check] = await verifyArchiveDir(database.db, copy);
      expect(check.problem).toMatch(/SHA-256 differs from the anchor's\): it was changed/);
      fs.rmSync(path.join(copy, "audit-2015-01.manifest.json"));
      expect((await verifyArchiveDir(database.db, copy))[0].problem).toMatch(/its manifest is not in/);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
    await database.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_archive DISABLE TRIGGER USER`.execute(trx);
      await sql`UPDATE audit_archive SET runs = jsonb_set(runs, '{1,prev_hash}', to_jsonb(repeat('a', 64)))`.execute(
        trx,
      );
      await sql`ALTER TABLE audit_archive ENABLE TRIGGER USER`.execute(trx);
    });
    const report = await verifyAuditChain(database.db);
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ kind: "archive_mismatch", seq: 3 });
    await expect(sql`DELETE FROM audit_archive`.execute(database.db)).rejects.toThrow(/append-only/);
  });
});
