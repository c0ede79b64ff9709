import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.js";
import { systemActor } from "../../server/platform/access/actor.js";
import type { AuditAction } from "../../server/platform/audit/actions.js";
import { anchorAuditHead, auditAnchorJobs, readAnchors } from "../../server/platform/audit/anchors.js";
import {
  type AuditRowForHash,
  chainHash,
  contentHash,
  GENESIS_HASH,
  recordAudit,
} from "../../server/platform/audit/audit-log.js";
import { auditTrail } from "../../server/platform/audit/audit-trail.js";
import { sealAuditNow } from "../../server/platform/audit/sealer.js";
import { type ChainReport, describeChainReport, verifyAuditChain } from "../../server/platform/audit/verify-chain.js";
import { createScheduler } from "../../server/platform/jobs/scheduler.js";
import "../support/fast-check-seed.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

// The database refuses audit rows that do not come through the append
// protocol, and heads anchored outside the database catch a log wiped and
// restarted. Each case runs on a fresh head of ROWS rows.
let database: TestDatabase;
let anchorDir: string;
const ROWS = 12;
const SITE = "00000000-0000-4000-8000-0000000000aa";

class RolledBack extends Error {}

/** Runs `work` in a transaction that is rolled back afterwards, returning what `look` saw before the rollback. */
async function thenRolledBack<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  let seen: T | undefined;
  try {
    await database.db.transaction().execute(async (trx) => {
      seen = await work(trx);
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return seen as T;
}

const read = (n: number) =>
  recordAudit(database.db, systemActor("guard test"), {
    action: "child.read",
    entityType: "child",
    entityId: `child-${n}`,
    siteId: SITE,
    fieldClasses: ["identity"],
    outcome: "success",
  });

async function head() {
  return database.db.selectFrom("audit_chain_head").selectAll().executeTakeFirstOrThrow();
}

function row(overrides: Partial<AuditRowForHash> = {}): AuditRowForHash {
  return {
    occurred_at: new Date(),
    actor_user_id: null,
    site_id: SITE,
    action: "child.read",
    entity_type: "child",
    entity_id: "child-1",
    field_classes: ["identity"],
    purpose: null,
    outcome: "success",
    ip: null,
    request_id: null,
    ...overrides,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-anchors-"));
  for (let i = 1; i <= ROWS; i++) await read(i);
  await sealAuditNow(database.db);
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(anchorDir, { recursive: true, force: true });
});

describe("the database refuses rows that do not come through the append", () => {
  it("refuses a row inserted sealed, or whose own hash is wrong; the access log does not show it", async () => {
    const before = await head();
    await expect(
      sql`INSERT INTO audit_event (seq, actor_user_id, site_id, \
action, entity_type, entity_id, outcome, prev_hash, hash)
          VALUES (900000000, NULL, ${SITE}, 'child.read', 'child', 'child-1', 'success', 'x', 'y')`.execute(
        database.db,
      ),
    ).rejects.toThrow(/appended unsealed: seq 900000000 refused/);
    // Unsealed but without the row's own hash, or with a hash of other content.
    await expect(
      sql`INSERT INTO audit_event (action, entity_type, outcome) VALUES ('child.read', 'child', 'success')`.execute(
        database.db,
      ),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto("audit_event")
        .values({ ...row({ entity_id: "child-1" }), row_hash: contentHash(row({ entity_id: "child-2" })) } as never)
        .execute(),
    ).rejects.toThrow(/its row_hash does not match its content/);
    const trail = await auditTrail(database.db, [{ entityType: "child", entityIds: ["child-1"] }], {
      siteId: SITE,
      limit: 5,
    });
    expect(trail.entries.map((e) => e.seq)).toEqual([1]);
    expect(await head()).toEqual(before);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: ROWS, unsealed: 0 });
  });

  it("lets an unsealed row only be sealed, unchanged, just after the head, with its chain hash", async () => {
    const { last_seq, last_hash } = await head();
    const attempt = (set: (id: number, fields: AuditRowForHash) => Record<string, unknown>) =>
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, systemActor("guard test"), {
          action: "child.read",
          entityType: "child",
          entityId: "child-forged",
          outcome: "success",
        });
        const staged = await trx
          .selectFrom("audit_event")
          .selectAll()
          .where("seq", "is", null)
          .executeTakeFirstOrThrow();
        const fields = { ...row(), ...staged, entity_ids: null } as AuditRowForHash;
        await trx
          .updateTable("audit_event")
          .set(set(staged.id, fields) as never)
          .where("id", "=", staged.id)
          .execute();
      });
    await expect(
      attempt(() => ({ seq: last_seq + 1, prev_hash: last_hash, hash: chainHash(last_hash, row()) })),
    ).rejects.toThrow(/its hash does not match its content/);
    await expect(
      attempt((_, f) => ({ seq: last_seq, prev_hash: last_hash, hash: chainHash(last_hash, f) })),
    ).rejects.toThrow(/only sealed after the head: seq \d+ refused/);
    await expect(attempt(() => ({ purpose: "edited before sealing" }))).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
    await expect(
      attempt((_, f) => ({ seq: last_seq + 1, prev_hash: last_hash, hash: chainHash(last_hash, f), purpose: "x" })),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    // Chained correctly, but the head does not move to it: refused at commit.
    await expect(
      attempt((_, f) => ({ seq: last_seq + 1, prev_hash: last_hash, hash: chainHash(last_hash, f) })),
    ).rejects.toThrow(/the head did not move to it in the same transaction/);
    expect((await head()).last_seq).toBe(last_seq);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: ROWS, unsealed: 0 });
  });

  it("refuses a sealed row that does not chain from the head when the head moves over it", async () => {
    const { last_seq, last_hash, row_count } = await head();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, systemActor("guard test"), {
          action: "child.read",
          entityType: "child",
          outcome: "success",
        });
        const staged = await trx
          .selectFrom("audit_event")
          .selectAll()
          .where("seq", "is", null)
          .executeTakeFirstOrThrow();
        const fields = { ...row(), ...staged, entity_ids: null } as AuditRowForHash;
        const hash = chainHash(GENESIS_HASH, fields);
        await trx
          .updateTable("audit_event")
          .set({ seq: last_seq + 1, prev_hash: GENESIS_HASH, hash })
          .where("id", "=", staged.id)
          .execute();
        await trx
          .updateTable("audit_chain_head")
          .set({ row_count: row_count + 1, last_seq: last_seq + 1, last_hash: hash })
          .execute();
      }),
    ).rejects.toThrow(/only moves forward over rows sealed in one chain/);
    expect((await head()).last_seq).toBe(last_seq);
    await read(99);
    await sealAuditNow(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: ROWS + 1, unsealed: 0 });
    expect((await head()).last_hash).not.toBe(last_hash);
  });

  it("moves the head only one row at a time, onto the row appended", async () => {
    const { last_seq, row_count, last_hash } = await head();
    await expect(
      database.db
        .updateTable("audit_chain_head")
        .set({ row_count: row_count + 1, last_seq: last_seq + 1, last_hash: "f".repeat(64) })
        .execute(),
    ).rejects.toThrow(/only moves forward onto the row appended/);
    await expect(
      database.db
        .updateTable("audit_chain_head")
        .set({ row_count: row_count + 1, last_seq: last_seq + 2, last_hash })
        .execute(),
    ).rejects.toThrow(/only moves forward, one row at a time/);
  });

  it("accepts what the app appends, whatever the text: the database's hash is the app's, byte for byte", async () => {
    // Any text PostgreSQL can hold (no NUL; lone surrogates are refused at the door, see input.ts).
    const text = fc.string({ unit: "binary", maxLength: 40 }).map((s) => s.replaceAll("\u0000", ""));
    await fc.assert(
      fc.asyncProperty(text, fc.option(text), fc.array(text, { maxLength: 3 }), async (action, purpose, classes) => {
        await recordAudit(
          database.db,
          { userId: null, ip: "203.0.113.9", requestId: purpose ?? null },
          {
            // Any text as the action too: the hash must agree whatever the column holds.
            action: (action || "x") as AuditAction,
            entityType: "child",
            entityId: purpose,
            fieldClasses: classes,
            purpose,
            outcome: "failure",
          },
        );
      }),
      { numRuns: 40 },
    );
    await sealAuditNow(database.db);
    const report = await verifyAuditChain(database.db, { batchSize: 9 });
    expect(report).toMatchObject({ ok: true, rows: ROWS + 41, unsealed: 0 });
  });
});

describe("heads anchored outside the database", () => {
  let anchoredSeq = 0;
  it("are written by the scheduler job to an append-only file and read back", async () => {
    const jobs = await auditAnchorJobs(database.db, anchorDir);
    const scheduler = createScheduler(database.db, jobs);
    // The job's row was stamped by the database clock in microseconds; a JavaScript Date made within the same
    // millisecond truncates below it, so the tick is given an instant a second later, explicitly.
    const at = new Date(Date.now() + 1000);
    expect(await scheduler.tick(at)).toEqual(["audit_anchor"]);
    // Once an hour: the next tick right after does nothing.
    expect(await scheduler.tick(new Date(at.getTime() + 1000))).toEqual([]);
    const { anchor } = await anchorAuditHead(database.db, anchorDir);
    const anchors = readAnchors(anchorDir);
    expect(anchors).toHaveLength(2);
    expect(anchors[1]).toMatchObject({ seq: anchor.seq, hash: anchor.hash, source: "qpi-audit-anchors.jsonl line 2" });
    anchoredSeq = anchor.seq;
    const report = await verifyAuditChain(database.db, { anchors });
    expect(report.ok, describeChainReport(report)).toBe(true);
  });

  it("catch a log truncated and restarted from genesis, which verifies on its own", async () => {
    const anchors = readAnchors(anchorDir);
    const wipe = async (trx: Transaction<Database>, appendAfter: number) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx);
      await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx);
      await sql`TRUNCATE audit_event`.execute(trx);
      await trx.updateTable("audit_chain_head").set({ row_count: 0, last_seq: 0, last_hash: GENESIS_HASH }).execute();
      await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(trx);
      await sql`ALTER TABLE audit_chain_head ENABLE TRIGGER USER`.execute(trx);
      for (let i = 1; i <= appendAfter; i++)
        await recordAudit(trx, systemActor("after the wipe"), {
          action: "child.read",
          entityType: "child",
          outcome: "success",
        });
      await sealAuditNow(trx);
      return [await verifyAuditChain(trx), await verifyAuditChain(trx, { anchors })] as [ChainReport, ChainReport];
    };
    const [alone, anchoredShort] = await thenRolledBack((trx) => wipe(trx, 3));
    expect(alone).toMatchObject({ ok: true, rows: 3 });
    expect(anchoredShort.problem).toMatchObject({ seq: anchoredSeq, kind: "anchor_missing" });
    expect(describeChainReport(anchoredShort)).toMatch(/the chain ends at seq 3; the log was cut back, replaced/);
    const [, anchoredLong] = await thenRolledBack((trx) => wipe(trx, anchoredSeq + 2));
    expect(anchoredLong.problem).toMatchObject({ kind: "anchor_missing" });
    expect(anchoredLong.problem!.message).toMatch(/now has hash/);
    expect((await verifyAuditChain(database.db, { anchors })).ok).toBe(true);
  });

  it("refuse an anchor file with a line that is not an anchor", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-anchors-bad-"));
    try {
      fs.writeFileSync(path.join(dir, "qpi-audit-anchors.jsonl"), '{"seq":1,"hash":"abc","at":"x"}\n');
      expect(() => readAnchors(dir)).toThrow(/line 1 is not an anchor/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("verify counts every row and requires seq from 1 without gaps", () => {
  it("fails when the first row is not seq 1 or a number is missing, whatever the hashes say", async () => {
    const report = await thenRolledBack(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx);
      await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx);
      // Renumber the whole chain from 2: every link and hash still holds.
      await sql`UPDATE audit_event SET seq = -seq`.execute(trx);
      await sql`UPDATE audit_event SET seq = 1 - seq`.execute(trx);
      await sql`UPDATE audit_chain_head SET last_seq = last_seq + 1`.execute(trx);
      return verifyAuditChain(trx);
    });
    expect(report.problem).toMatchObject({ seq: 2, kind: "rows_missing" });
    expect(report.problem!.message).toMatch(/row 1 is missing/);
  });
});
