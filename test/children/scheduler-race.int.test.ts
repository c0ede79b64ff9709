import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.js";
import { openDatabase } from "../../server/db/engine.js";
import { createScheduler, type JobDefinition } from "../../server/platform/jobs/scheduler.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/**
 * Two schedulers on one database, as two app instances would be. On
 * PostgreSQL each has its own pool, so the claims really race; on PGlite
 * (one connection) they interleave, which still checks the slot fence.
 */
let database: TestDatabase;
let second: { db: Kysely<Database>; close(): Promise<void> } | null = null;

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.url) second = await openDatabase({ databaseUrl: database.url, poolSize: 3 });
});
afterAll(async () => {
  await second?.close();
  await database?.close();
});

describe("database-backed scheduler", () => {
  it("runs each slot once when two instances tick together", async () => {
    await sql`INSERT INTO scheduled_job (name, interval_secs, \
next_run_at) VALUES ('race_probe', 60, '2026-01-01T00:00:00Z')`.execute(database.db);
    await sql`CREATE TABLE race_probe_run (slot_at timestamptz NOT NULL, runner text NOT NULL)`.execute(database.db);
    const job = (runner: string): Record<string, JobDefinition> => ({
      race_probe: {
        async run(trx, now) {
          // Hold the claim long enough that the other instance arrives while it is locked.
          if (database.kind === "postgres") await sql`SELECT pg_sleep(0.15)`.execute(trx);
          await sql`INSERT INTO race_probe_run (slot_at, runner) VALUES (${now}, ${runner})`.execute(trx);
          return { runner };
        },
      },
    });
    const a = createScheduler(database.db, job("a"), "a");
    const b = createScheduler(second?.db ?? database.db, job("b"), "b");
    const slots = 12;
    const ranBy: string[] = [];
    const started = Date.now();
    for (let i = 0; i < slots; i++) {
      // Each minute-slot after the first due time; both instances tick at the same moment.
      const now = new Date(Date.parse("2026-01-01T00:00:30Z") + i * 60_000);
      const [ra, rb] = await Promise.all([a.tick(now), b.tick(now)]);
      if (ra.length) ranBy.push("a");
      if (rb.length) ranBy.push("b");
    }
    const elapsed = Date.now() - started;
    const runs = await sql<{
      n: number;
      distinct_slots: number;
    }>`SELECT count(*)::int AS n, count(DISTINCT slot_at)::int AS distinct_slots FROM race_probe_run`.execute(
      database.db,
    );
    expect(runs.rows[0]).toEqual({ n: slots, distinct_slots: slots });
    expect(ranBy).toHaveLength(slots);
    const jobRuns = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM job_run WHERE job_name = 'race_probe'`.execute(database.db);
    expect(jobRuns.rows[0].n).toBe(slots);
    console.log(
      `[scheduler race] engine=${database.kind} slots=${slots} runs=${runs.rows[0].n} by ` +
        `a=${ranBy.filter((r) => r === "a").length} b=${ranBy.filter((r) => r === "b").length} in ${elapsed} ms`,
    );
  });
});
