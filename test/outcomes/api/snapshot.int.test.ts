import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VisibleArea } from "../../../server/modules/outcomes/area-context.js";
import { computeForAreas, computeHere, outcomeCache } from "../../../server/modules/outcomes/area-results.js";
import { jobStats, lastJob } from "../../../server/modules/outcomes/compute/compute-pool.js";
import { addMonths, dayOf } from "../../../server/modules/outcomes/history/days.js";
import { importBundle } from "../../../server/modules/outcomes/import/import-bundle.js";
import { refreshPlatformOutcomes } from "../../../server/modules/outcomes/import/platform-refresh.js";
import { periodStarting } from "../../../server/modules/outcomes/measures/engine.js";
import { sha256Of } from "../../../server/modules/outcomes/snapshot/format.js";
import { snapshotRebuilds } from "../../../server/modules/outcomes/snapshot/store.js";
import { generateBundle } from "../../../server/synthetic/bundle.js";
import { type OutcomesWorld, outcomesWorld } from "./world.js";

// The columnar snapshot (migration 0440) on the database the tests run on (PGlite, or PostgreSQL with
// TEST_DATABASE_URL): written by the import and the platform refresh with their rows, read by the compute worker
// instead of the rows, byte-identical to the row path, and refused when missing, stale or tampered with (the rows are
// read instead and the snapshot rebuilt).
let world: OutcomesWorld;
let dir: string;
const AS_OF = "2025-09-30";
const periods = [0, -6, -12, -30].map((months) => periodStarting(addMonths(dayOf("2023-10-01"), months)));

beforeAll(async () => {
  world = await outcomesWorld();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-snapshot-"));
  await generateBundle({ out: dir, children: 6_000, seed: 11, sites: 6, asOf: AS_OF });
  const result = await importBundle(world.database.db, dir);
  expect(result.status).toBe("completed");
}, 300_000);
afterAll(async () => {
  if (world) await snapshotRebuilds(world.database.db);
  await world?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const allAreas = async () =>
  (await world.database.db.selectFrom("outcome_area").select("id").orderBy("id").execute()) as VisibleArea[];

/** Through the worker, not cached: the path it took and its results, as bytes. */
async function computed(areas: VisibleArea[]) {
  const db = world.database.db;
  outcomeCache(db).clear();
  const results = await computeForAreas(db, areas, periods);
  return { path: lastJob.path, json: JSON.stringify(results) };
}

const rowPath = async (areas: VisibleArea[]) =>
  JSON.stringify(
    await computeHere(
      world.database.db,
      areas.map((a) => a.id),
      periods,
    ),
  );

describe("the outcome snapshot", () => {
  it("is written with the rows by the import and the platform refresh, stamped with their data version", async () => {
    const db = world.database.db;
    const areas = await db
      .selectFrom("outcome_area as a")
      .leftJoin("outcome_history_snapshot as s", "s.area_id", "a.id")
      .select(["a.id", "a.code", "a.children", "a.history_version", "s.history_version as snap", "s.children as sc"])
      .execute();
    expect(areas.length).toBeGreaterThan(6);
    for (const a of areas) {
      expect([a.code, String(a.snap)]).toEqual([a.code, String(a.history_version)]);
      expect([a.code, a.sc]).toEqual([a.code, a.children]);
    }
    const { rows } = await sql<{ ok: boolean }>`
      SELECT bool_and(sha256 = sha256(body)) AS ok FROM outcome_history_snapshot`
      .execute(db)
      .catch(() => ({ rows: [{ ok: true }] }));
    expect(rows[0].ok).toBe(true);
  });

  it("gives byte-identical results to the row path: every area together, and one area alone", async () => {
    const areas = await allAreas();
    const rows = await rowPath(areas);
    const snapshot = await computed(areas);
    expect(snapshot.path).toBe("snapshot");
    expect(snapshot.json).toBe(rows);
    for (const one of [areas[0], areas[areas.length - 1]]) {
      const alone = await computed([one]);
      expect(alone.path).toBe("snapshot");
      expect(alone.json).toBe(await rowPath([one]));
    }
  }, 120_000);

  it("detects a tampered snapshot by its hash, answers from the rows, and rebuilds it", async () => {
    const db = world.database.db;
    const areas = await allAreas();
    const victim = (
      await db
        .selectFrom("outcome_history_snapshot")
        .select("area_id")
        .where("children", ">", 100)
        .orderBy("area_id")
        .executeTakeFirstOrThrow()
    ).area_id;
    // One byte of a column changed, the stored hash left alone.
    await sql`UPDATE outcome_history_snapshot SET body = set_byte(body, 200, (get_byte(body, 200) + 1) % 256)
              WHERE area_id = ${victim}`.execute(db);
    const rejected = jobStats.rejected;
    const answer = await computed(areas);
    expect(jobStats.rejected).toBe(rejected + 1);
    expect(answer.path).toBe("rows");
    expect(answer.json).toBe(await rowPath(areas));
    await snapshotRebuilds(db);
    const row = await db
      .selectFrom("outcome_history_snapshot")
      .select(["sha256", "body"])
      .where("area_id", "=", victim)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(sha256Of(row.body)).equals(Buffer.from(row.sha256))).toBe(true);
    const again = await computed(areas);
    expect(again.path).toBe("snapshot");
    expect(again.json).toBe(answer.json);
  }, 120_000);

  it("detects a stale or missing snapshot, answers from the rows (with their change), and rebuilds it", async () => {
    const db = world.database.db;
    const areas = await allAreas();
    const before = await computed(areas);
    expect(before.path).toBe("snapshot");
    // A write to one area's rows that did not rewrite its snapshot: the area's history version moves on.
    const victim = (
      await db
        .selectFrom("outcome_history_snapshot")
        .select("area_id")
        .where("placements", ">", 100)
        .orderBy("area_id", "desc")
        .executeTakeFirstOrThrow()
    ).area_id;
    await sql`DELETE FROM outcome_maltreatment_report WHERE area_id = ${victim}`.execute(db);
    await sql`DELETE FROM outcome_placement WHERE area_id = ${victim} AND setting = 1`.execute(db);
    await sql`UPDATE outcome_area SET history_version = history_version + 1 WHERE id = ${victim}`.execute(db);
    const stale = await computed(areas);
    expect(stale.path).toBe("rows");
    expect(stale.json).not.toBe(before.json);
    expect(stale.json).toBe(await rowPath(areas));
    await snapshotRebuilds(db);
    const rebuilt = await computed(areas);
    expect(rebuilt.path).toBe("snapshot");
    expect(rebuilt.json).toBe(stale.json);

    // Missing altogether (a database from before the snapshots): the same.
    await db.deleteFrom("outcome_history_snapshot").where("area_id", "=", victim).execute();
    const missing = await computed(areas);
    expect(missing.path).toBe("rows");
    expect(missing.json).toBe(stale.json);
    await snapshotRebuilds(db);
    expect((await computed(areas)).path).toBe("snapshot");
  }, 120_000);

  it("is rewritten by a platform refresh, and still equals the row path", async () => {
    const db = world.database.db;
    const platform = (await db
      .selectFrom("outcome_area")
      .select("id")
      .where("source", "=", "platform")
      .execute()) as VisibleArea[];
    expect(platform.length).toBeGreaterThan(0);
    await refreshPlatformOutcomes(db);
    const answer = await computed(platform);
    expect(answer.path).toBe("snapshot");
    expect(answer.json).toBe(await rowPath(platform));
  }, 120_000);
});
