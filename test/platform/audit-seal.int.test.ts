import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/engine.js";
import { systemActor } from "../../server/platform/access/actor.js";
import { recordAudit } from "../../server/platform/audit/audit-log.js";
import { auditTrail } from "../../server/platform/audit/audit-trail.js";
import { auditSealer, sealAuditNow } from "../../server/platform/audit/sealer.js";
import { describeChainReport, verifyAuditChain } from "../../server/platform/audit/verify-chain.js";
import type { App } from "../../server/platform/http/types.js";
import { createScheduler } from "../../server/platform/jobs/scheduler.js";
import { buildTestApp, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld, TEST_AS_OF } from "../support/test-world.js";

// Appends without the chain's lock, and the single sealer that chains them
// (migration 0390, server/platform/audit/sealer.ts), on the engine under test.
let database: TestDatabase;
let app: App;

class RolledBack extends Error {}

const append = (n: number, db = database.db) =>
  recordAudit(db, systemActor("seal test"), {
    action: "child.read",
    entityType: "child",
    entityId: `seal-${n}`,
    outcome: "success",
  });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  await sealAuditNow(database.db);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("audit appends without the lock, sealed later", () => {
  it("200 concurrent audited transactions, some rolled back: sealed, exactly the committed rows chain", async () => {
    const before = await verifyAuditChain(database.db);
    expect(before).toMatchObject({ ok: true, unsealed: 0 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        database.db.transaction().execute(async (trx) => {
          await append(i, trx);
          if (i % 7 === 3) throw new RolledBack();
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === "fulfilled").length;
    expect(committed).toBe(200 - Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 7 === 3).length);
    const pending = await verifyAuditChain(database.db);
    expect(pending).toMatchObject({ ok: true, rows: before.rows, unsealed: committed });
    expect(describeChainReport(pending)).toMatch(new RegExp(`; ${committed} not yet sealed$`));
    // Unsealed rows already show in a record's trail (no seq yet).
    const trail = await auditTrail(database.db, [{ entityType: "child", entityIds: ["seal-0"] }], {
      siteId: "00000000-0000-4000-8000-000000000000",
      limit: 5,
    });
    expect(trail.entries).toMatchObject([{ seq: null, action: "child.read" }]);
    const sealed = await sealAuditNow(database.db, { batchSize: 64 });
    expect(sealed.sealed).toBe(committed);
    const after = await verifyAuditChain(database.db, { batchSize: 50 });
    expect(after, describeChainReport(after)).toMatchObject({ ok: true, rows: before.rows + committed, unsealed: 0 });
    const ids = await database.db
      .selectFrom("audit_event")
      .select("entity_id")
      .where("entity_id", "like", "seal-%")
      .execute();
    const expected = Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 7 !== 3);
    expect(ids.map((r) => r.entity_id).sort()).toEqual(expected.map((i) => `seal-${i}`).sort());
  });

  it("a row altered before sealing is not chained: sealing stops at it and verify names it", async () => {
    await append(1001);
    await append(1002);
    const altered = await database.db
      .selectFrom("audit_event")
      .select("id")
      .where("entity_id", "=", "seal-1002")
      .executeTakeFirstOrThrow();
    await append(1003);
    let report: Awaited<ReturnType<typeof verifyAuditChain>> | undefined;
    let sealedBefore = 0;
    let blockedAt: number | undefined;
    try {
      await database.db.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx);
        await sql`UPDATE audit_event SET purpose = 'looked for a friend' WHERE id = ${altered.id}`.execute(trx);
        await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(trx);
        const result = await sealAuditNow(trx);
        sealedBefore = result.sealed;
        blockedAt = result.blockedAt?.id;
        report = await verifyAuditChain(trx);
        throw new RolledBack();
      });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
    expect(sealedBefore).toBe(1);
    expect(blockedAt).toBe(Number(altered.id));
    expect(report).toMatchObject({ ok: false, unsealed: 2 });
    expect(report!.problem).toMatchObject({ kind: "unsealed_hash_mismatch", id: Number(altered.id) });
    expect(describeChainReport(report!)).toMatch(/altered before it was sealed/);
    // The database refuses to seal it too, whoever tries (the trigger checks the row's own hash).
    await sealAuditNow(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("two sealers racing on the same database never leave a gap or give a seq twice", async () => {
    // A second pool on PostgreSQL, as a second app instance would have; PGlite has one connection for all.
    const other = database.url ? await openDatabase({ databaseUrl: database.url, poolSize: 3 }) : null;
    const dbs = [database.db, other?.db ?? database.db];
    try {
      const sealers = await Promise.all(dbs.map((db) => auditSealer(db, { everyMs: 5, batchSize: 7 })));
      const schedulers = dbs.map((db, i) => createScheduler(db, sealers[i].jobs));
      for (const s of sealers) s.start();
      const writes = Array.from({ length: 120 }, (_, i) => append(2000 + i, dbs[i % 2]));
      const ticks = schedulers.map((s) => s.tick(new Date(Date.now() + 3_600_000)));
      await Promise.all([...writes, ...ticks]);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const left = await database.db
          .selectFrom("audit_event")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("seq", "is", null)
          .executeTakeFirstOrThrow();
        if (Number(left.n) === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await Promise.all(sealers.map((s) => s.stop()));
      const report = await verifyAuditChain(database.db);
      expect(report, describeChainReport(report)).toMatchObject({ ok: true, unsealed: 0 });
      const numbers = await sql<{ n: number; distinct_seq: number; max_seq: number }>`
        SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seq, max(seq)::int AS max_seq
        FROM audit_event`.execute(database.db);
      expect(numbers.rows[0].n).toBe(numbers.rows[0].distinct_seq);
      expect(numbers.rows[0].max_seq).toBe(numbers.rows[0].n);
    } finally {
      await other?.close();
    }
  });
});

describe("list reads stored compactly", () => {
  it("a caseworker's list of 200 children is one audit row with 200 ids, found by child", async () => {
    const caseworker = await signIn(app, "caseworker@demo.qpi.example");
    const me = (await app.inject({ method: "GET", url: "/api/auth/session", headers: caseworker.headers() })).json();
    const account = await database.db
      .selectFrom("user_account")
      .innerJoin("person", "person.id", "user_account.person_id")
      .select(["person.id as person_id", "person.site_id"])
      .where("user_account.id", "=", me.user?.id ?? me.userId ?? me.id)
      .executeTakeFirstOrThrow();
    await sql`
      WITH people AS (
        INSERT INTO person (site_id, given_name, family_name)
        SELECT ${account.site_id}::uuid, 'Minted', 'Child ' || n FROM generate_series(1, 200) n
        RETURNING id, family_name
      ), kids AS (
        INSERT INTO child (person_id, site_id, case_number)
        SELECT id, ${account.site_id}::uuid, 'SEAL-' || family_name FROM people RETURNING id
      )
      INSERT INTO child_team_member (child_id, person_id, role, starts_on)
      SELECT id, ${account.person_id}::uuid, 'caseworker', ${TEST_AS_OF}::date FROM kids`.execute(database.db);
    const response = await app.inject({ method: "GET", url: "/api/children?limit=200", headers: caseworker.headers() });
    expect(response.statusCode, response.body).toBe(200);
    const shown: string[] = response.json().children.map((c: { id: string }) => c.id);
    expect(shown).toHaveLength(200);
    const row = await database.db
      .selectFrom("audit_event")
      .select(["id", "entity_id", "entity_ids", "row_hash"])
      .where("action", "=", "child.list")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(row.entity_id).toBeNull();
    expect([...row.entity_ids!].sort()).toEqual([...shown].sort());
    // "Who saw child X" answers from the GIN index, sealed or not.
    const saw = await sql<{
      id: number;
    }>`SELECT id FROM audit_event WHERE entity_ids @> ARRAY[${shown[137]}]::uuid[]`.execute(database.db);
    expect(saw.rows.map((r) => Number(r.id))).toContain(Number(row.id));
    await sealAuditNow(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});
