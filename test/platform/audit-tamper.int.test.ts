import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.js";
import { systemActor } from "../../server/platform/access/actor.js";
import { type AuditRowForHash, chainHash, recordAudit } from "../../server/platform/audit/audit-log.js";
import { sealAuditNow } from "../../server/platform/audit/sealer.js";
import { type ChainReport, describeChainReport, verifyAuditChain } from "../../server/platform/audit/verify-chain.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

// The audit log's tamper evidence. Each tampering runs as the database owner
// with the append-only triggers disabled, inside a transaction that is rolled
// back after the verifier has looked, so every case starts from the same
// intact chain of ROWS rows.
let database: TestDatabase;
const ROWS = 40;

class RolledBack extends Error {}

async function tampered(work: (trx: Transaction<Database>) => Promise<unknown>, batchSize = 7): Promise<ChainReport> {
  let report: ChainReport | undefined;
  try {
    await database.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx);
      await work(trx);
      report = await verifyAuditChain(trx, { batchSize });
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return report!;
}

const run = (trx: Transaction<Database>, statement: string) => sql.raw(statement).execute(trx);

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 1; i <= ROWS; i++) {
    await recordAudit(database.db, systemActor("tamper test"), {
      action: i % 3 ? "child.read" : "child.update",
      entityType: "child",
      entityId: `child-${i}`,
      fieldClasses: i % 2 ? ["identity"] : ["identity", "placement"],
      outcome: i % 5 ? "success" : "denied",
    });
  }
  await sealAuditNow(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe("audit chain verification", () => {
  it("an intact chain verifies, in batches, and matches the recorded head", async () => {
    const report = await verifyAuditChain(database.db, { batchSize: 7 });
    expect(report).toMatchObject({ ok: true, rows: ROWS, lastSeq: ROWS });
    expect(describeChainReport(report)).toMatch(/^audit chain ok: 40 rows/);
    const head = await database.db.selectFrom("audit_chain_head").selectAll().executeTakeFirstOrThrow();
    expect(head).toMatchObject({ row_count: ROWS, last_seq: ROWS, last_hash: report.lastHash });
  });

  it.each([
    ["purpose", "UPDATE audit_event SET purpose = 'looked for a friend' WHERE seq = 17", 17],
    ["outcome", "UPDATE audit_event SET outcome = 'success' WHERE seq = 5", 5],
    ["actor", "UPDATE audit_event SET actor_user_id = gen_random_uuid() WHERE seq = 33", 33],
    ["time", "UPDATE audit_event SET occurred_at = occurred_at - interval '1 day' WHERE seq = 1", 1],
    ["last row", "UPDATE audit_event SET entity_id = 'someone-else' WHERE seq = 40", 40],
  ])("an edited field (%s) is caught at its row", async (_field, statement, seq) => {
    const report = await tampered((trx) => run(trx, statement));
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ seq, kind: "hash_mismatch" });
    expect(report.rows).toBe(seq - 1);
    expect(describeChainReport(report)).toMatch(new RegExp(`^audit chain broken at seq ${seq}: hash mismatch`));
  });

  it("a deleted middle row is caught at the next row, naming the missing one", async () => {
    const report = await tampered((trx) => run(trx, "DELETE FROM audit_event WHERE seq = 20"));
    expect(report.problem).toMatchObject({ seq: 21, kind: "rows_missing" });
    expect(report.problem!.message).toMatch(/row 20 is missing/);
    const several = await tampered((trx) => run(trx, "DELETE FROM audit_event WHERE seq BETWEEN 1 AND 3"));
    expect(several.problem).toMatchObject({ seq: 4, kind: "rows_missing" });
    expect(several.problem!.message).toMatch(/rows 1–3 are missing/);
  });

  it("two rows swapped are caught at the first of them, with or without their hashes", async () => {
    const swap = (columns: string) => `UPDATE audit_event a SET ${columns
      .split(",")
      .map((c) => `${c} = b.${c}`)
      .join(", ")}
      FROM audit_event b WHERE (a.seq = 10 AND b.seq = 11) OR (a.seq = 11 AND b.seq = 10)`;
    const content =
      "occurred_at,actor_user_id,site_id,action,entity_type,entity_id,field_classes,purpose,outcome,ip,request_id";
    const whole = await tampered((trx) => run(trx, swap(`${content},prev_hash,hash`)));
    expect(whole.problem).toMatchObject({ seq: 10, kind: "prev_hash_mismatch" });
    const contentOnly = await tampered((trx) => run(trx, swap(content)));
    expect(contentOnly.problem).toMatchObject({ seq: 10, kind: "hash_mismatch" });
  });

  it("a truncated tail is caught against the recorded head, also after the app appends again", async () => {
    const cut = await tampered((trx) => run(trx, "DELETE FROM audit_event WHERE seq > 36"));
    expect(cut.problem).toMatchObject({ seq: 36, kind: "tail_missing" });
    expect(describeChainReport(cut)).toMatch(/the rows after seq 36 are missing \(truncated\)/);
    const cutThenAppended = await tampered(async (trx) => {
      await run(trx, "DELETE FROM audit_event WHERE seq > 36");
      await recordAudit(trx, systemActor("after the cut"), {
        action: "child.read",
        entityType: "child",
        outcome: "success",
      });
      await sealAuditNow(trx);
    });
    expect(cutThenAppended.problem).toMatchObject({ kind: "rows_missing" });
    expect(cutThenAppended.problem!.message).toMatch(/rows 37–\d+ are missing/);
  });

  it("a row slipped in with a valid hash past the head (triggers off) is counted: rows outside the chain", async () => {
    const report = await tampered(async (trx) => {
      const last = await trx.selectFrom("audit_event").select("hash").where("seq", "=", ROWS).executeTakeFirstOrThrow();
      const forged: AuditRowForHash = {
        occurred_at: new Date(),
        actor_user_id: null,
        site_id: null,
        action: "child.read",
        entity_type: "child",
        entity_id: "x",
        field_classes: [],
        purpose: null,
        outcome: "success",
        ip: null,
        request_id: null,
      };
      await trx
        .insertInto("audit_event")
        .values({ ...forged, seq: ROWS + 1, prev_hash: last.hash, hash: chainHash(last.hash!, forged) } as never)
        .execute();
    });
    expect(report.rows).toBe(ROWS);
    expect(report.problem).toMatchObject({ seq: ROWS + 1, kind: "rows_outside_chain" });
    expect(describeChainReport(report)).toMatch(
      /the table holds 41 rows up to seq 41 but the chain 40 rows up to seq 40: rows were inserted outside the chain/,
    );
  });
});

describe("the audit log is append-only for the app", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of audit rows", async () => {
    await expect(
      database.db.updateTable("audit_event").set({ purpose: "edited" }).where("seq", "=", 3).execute(),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(database.db.deleteFrom("audit_event").where("seq", "=", 3).execute()).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(sql`TRUNCATE audit_event`.execute(database.db)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("refuses to rewind or remove the recorded head", async () => {
    await expect(
      database.db.updateTable("audit_chain_head").set({ row_count: 30, last_seq: 30 }).execute(),
    ).rejects.toThrow(/only moves forward/);
    await expect(database.db.deleteFrom("audit_chain_head").execute()).rejects.toThrow(/cannot be removed/);
    await expect(sql`TRUNCATE audit_chain_head`.execute(database.db)).rejects.toThrow(/cannot be removed/);
  });

  it("walks a long chain in constant memory (20,000 rows, batches of 5,000)", async () => {
    let report: ChainReport | undefined;
    let millis = 0;
    try {
      await database.db.transaction().execute(async (trx) => {
        const head = await trx.selectFrom("audit_chain_head").selectAll().executeTakeFirstOrThrow();
        let prev = head.last_hash;
        const rows = [];
        for (let i = 1; i <= 20_000; i++) {
          const row: AuditRowForHash = {
            occurred_at: new Date(1_780_000_000_000 + i),
            actor_user_id: null,
            site_id: null,
            action: "child.read",
            entity_type: "child",
            entity_id: `c${i}`,
            field_classes: ["identity"],
            purpose: null,
            outcome: "success",
            ip: "127.0.0.1",
            request_id: null,
          };
          const hash = chainHash(prev, row);
          rows.push({ ...row, seq: head.last_seq + i, prev_hash: prev, hash });
          prev = hash;
        }
        // Written in bulk as the owner, behind the append protocol's back (it checks one row at a time).
        await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx);
        for (let i = 0; i < rows.length; i += 1000)
          await trx
            .insertInto("audit_event")
            .values(rows.slice(i, i + 1000) as never)
            .execute();
        await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx);
        await trx
          .updateTable("audit_chain_head")
          .set({ row_count: head.row_count + rows.length, last_seq: head.last_seq + rows.length, last_hash: prev })
          .execute();
        const started = performance.now();
        report = await verifyAuditChain(trx);
        millis = performance.now() - started;
        throw new RolledBack();
      });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
    expect(report).toMatchObject({ ok: true, rows: ROWS + 20_000 });
    console.log(`audit verify: ${report!.rows} rows in ${Math.round(millis)} ms (${database.kind})`);
  });
});
