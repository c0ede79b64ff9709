import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/engine.js";
import { migrateToLatest } from "../../server/db/migrate.js";
import { systemActor } from "../../server/platform/access/actor.js";
import { GENESIS_HASH, recordAudit } from "../../server/platform/audit/audit-log.js";
import { qpiCli } from "../support/qpi-cli.js";

// `qpi audit anchor` and `qpi audit verify --anchors`, run as an operator runs
// them (a separate process), on the embedded database or on PostgreSQL. That
// the wiped chain verifies on its own without anchors is shown in audit-guard.int.test.ts.
const cli = qpiCli("qpi_anchor");
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

const append = (db: Parameters<Parameters<typeof withDb>[0]>[0], n: number, reason: string) =>
  (async () => {
    for (let i = 0; i < n; i++)
      await recordAudit(db, systemActor(reason), { action: "child.read", entityType: "child", outcome: "success" });
  })();

describe("qpi audit anchor", () => {
  it("anchors the head outside the database; verify --anchors catches the log wiped and restarted", async () => {
    const anchors = path.join(cli.dataDir, "..", `${path.basename(cli.dataDir)}-anchors`);
    try {
      await withDb((db) => append(db, 5, "before the anchor"));
      const anchored = qpi("audit", "anchor", "--dir", anchors);
      expect(anchored.code, anchored.out).toBe(0);
      expect(anchored.out).toMatch(/anchored the audit head: seq 5, hash [0-9a-f]{16}…/);
      expect(qpi("audit", "anchor").out).toMatch(/--dir DIR or QPI_AUDIT_ANCHOR_DIR/);
      const lines = fs.readFileSync(path.join(anchors, "qpi-audit-anchors.jsonl"), "utf8").trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({ seq: 5, rows: 5 });

      const intact = qpi("audit", "verify", "--anchors", anchors);
      expect(intact.code, intact.out).toBe(0);
      expect(intact.out).toMatch(/all 1 anchored heads in .* are in the chain/);

      // The owner wipes the log and rewinds the head behind the triggers' back; the app goes on appending.
      await withDb(async (db) => {
        await db.transaction().execute(async (trx) => {
          await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx);
          await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx);
          await sql`TRUNCATE audit_event`.execute(trx);
          await trx
            .updateTable("audit_chain_head")
            .set({ row_count: 0, last_seq: 0, last_hash: GENESIS_HASH })
            .execute();
          await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(trx);
          await sql`ALTER TABLE audit_chain_head ENABLE TRIGGER USER`.execute(trx);
        });
        await append(db, 2, "after the wipe");
      });
      // Through the environment variable the server's hourly job uses, as a daily check would run it.
      cli.env.QPI_AUDIT_ANCHOR_DIR = anchors;
      const anchoredCheck = qpi("audit", "verify");
      expect(anchoredCheck.code).toBe(1);
      expect(anchoredCheck.out).toMatch(/audit chain broken at seq 5: the head anchored at .* is not in the chain/);
    } finally {
      delete cli.env.QPI_AUDIT_ANCHOR_DIR;
      fs.rmSync(anchors, { recursive: true, force: true });
    }
  }, 300_000);
});
