import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { historyAt } from "../../../server/modules/outcomes/history/columns.js";
import { dayOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { importBundle } from "../../../server/modules/outcomes/import/import-bundle.js";
import { listAreas } from "../../../server/modules/outcomes/read/areas.js";
import { readHistoryColumns } from "../../../server/modules/outcomes/read/read-columns.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { csvOf, type Row, removeWrittenBundles, sampleBundle, writeBundle } from "./bundle-fixture.js";

let database: TestDatabase;
const analyticTables = [
  "outcome_area",
  "outcome_child",
  "outcome_episode",
  "outcome_placement",
  "outcome_maltreatment_report",
  "outcome_home",
  "outcome_sibling_group",
] as const;

/** Every row of every analytic table, so "nothing changed" can be checked exactly. */
async function snapshot(ignoreBatch = false) {
  const out: Record<string, unknown[]> = {};
  for (const table of analyticTables) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(database.db);
    out[table] = rows.rows
      .map((r) =>
        JSON.stringify(
          ignoreBatch ? { ...r, batch_id: undefined, refreshed_at: undefined, history_version: undefined } : r,
        ),
      )
      .sort();
  }
  return out;
}

async function clearOutcomes() {
  for (const table of [...analyticTables, "outcome_import_reject", "outcome_import_batch"])
    await sql`DELETE FROM ${sql.table(table)}`.execute(database.db);
}

/** A snapshot as `snapshot(true)` would have taken it. */
async function snapshotOf(taken: Record<string, unknown[]>) {
  return Object.fromEntries(
    Object.entries(taken).map(([t, rows]) => [
      t,
      rows
        .map((r) =>
          JSON.stringify({
            ...JSON.parse(r as string),
            batch_id: undefined,
            refreshed_at: undefined,
            history_version: undefined,
          }),
        )
        .sort(),
    ]),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  removeWrittenBundles();
});
beforeEach(clearOutcomes);

describe("importBundle", () => {
  it("writes a valid bundle and reads it back as the same histories", async () => {
    const result = await importBundle(database.db, writeBundle(sampleBundle()));
    expect(result.status).toBe("completed");
    expect(result.rejectedCount).toBe(0);
    expect(result.counts["placements.csv"]).toEqual({ read: 5, written: 5, rejected: 0 });
    const cols = await readHistoryColumns(database.db);
    expect(cols.sites).toEqual(["TX-TRAVIS", "OH-FRANKLIN"]);
    const children = Array.from({ length: cols.childCount }, (_, c) => historyAt(cols, c));
    const a1 = children[0];
    expect(a1).toMatchObject({ birthDay: dayOf("2012-04-03"), sex: 2, race: 7, site: 0 });
    expect(a1.episodes.map((e) => [e.removalDay, e.exitDay, e.exitReason])).toEqual([
      [dayOf("2020-01-10"), dayOf("2021-02-01"), 1],
      [dayOf("2021-08-01"), NO_DAY, 0],
    ]);
    expect(a1.episodes[0].placements.map((p) => [p.startDay, p.endDay, p.setting, p.changeKind])).toEqual([
      [dayOf("2020-01-10"), dayOf("2020-03-01"), 4, 0],
      [dayOf("2020-03-01"), dayOf("2021-02-01"), 3, 1],
    ]);
    expect(a1.reports).toEqual([
      { reportDay: dayOf("2020-06-01"), incidentDay: dayOf("2020-05-30"), substantiated: true },
    ]);
    // Siblings share a group; A1 and A2 were in home H1 (the same key), H9 is known only from a placement.
    expect(children[1].siblingGroup).toBe(a1.siblingGroup);
    expect(a1.episodes[0].placements[1].homeKey).toBe(children[1].episodes[0].placements[0].homeKey);
    // An open placement in an episode that ended is closed on the exit day.
    expect(children[1].episodes[0].placements[0].endDay).toBe(dayOf("2021-02-01"));
    // A quoted id with a comma and quotes survives.
    expect(
      (
        await database.db
          .selectFrom("outcome_child")
          .select("external_id")
          .where("child_key", "=", children[3].key)
          .executeTakeFirstOrThrow()
      ).external_id,
    ).toBe('B2, "the second"');
    // Homes: the two listed (resource family and relative) count; H9 (unlisted) does not.
    expect(cols.homes.map((h) => [h.kin, h.closureReason])).toEqual([
      [false, 0],
      [true, 1],
    ]);
    const areas = await listAreas(database.db);
    expect(areas.map((a) => [a.code, a.stateCode, a.source, a.children])).toEqual([
      ["TX-TRAVIS", "TX", "import", 2],
      ["OH-FRANKLIN", "OH", "import", 2],
    ]);
    expect(areas[0].refreshedAt).toBeInstanceOf(Date);
    // Filtered by area: only that area's children, sites = that area.
    const travis = await readHistoryColumns(database.db, { areaIds: [areas[0].id] });
    expect([travis.sites, travis.childCount, travis.episodeCount, travis.placementCount]).toEqual([
      ["TX-TRAVIS"],
      2,
      3,
      4,
    ]);
    const batch = await database.db.selectFrom("outcome_import_batch").selectAll().executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      status: "completed",
      format: "csv_bundle",
      system: "qpi import",
      bundle_sha256: result.sha256,
    });
  });

  it("names each kind of bad row with file, line, column and reason, and writes nothing", async () => {
    const bundle = sampleBundle();
    bundle["children.csv"].push(
      { child_id: "A1", site: "TX-TRAVIS", state: "TX" }, // duplicate id (line 6)
      { child_id: "C1", site: "TX-TRAVIS", state: "TX", birth_date: "2015-02-30" }, // not a date (line 7)
      { child_id: "C2", site: "TX-TRAVIS", state: "TX", sex: "boy" }, // bad code (line 8)
      { child_id: "", site: "TX-TRAVIS", state: "TX" }, // missing required (line 9)
    );
    bundle["episodes.csv"].push(
      {
        child_id: "A2",
        removal_date: "2022-01-01",
        exit_date: "2021-12-31",
        exit_reason: "adoption",
      }, // exit before removal (line 7)
      { child_id: "A2", removal_date: "2020-06-01", exit_date: "", exit_reason: "" }, // overlaps (line 8)
      { child_id: "ZZ", removal_date: "2020-06-01", exit_date: "", exit_reason: "" }, // unknown child (line 9)
      {
        child_id: "C1",
        removal_date: "2020-06-01",
        exit_date: "",
        exit_reason: "",
      }, // its child was rejected (line 10)
      {
        child_id: "B1",
        removal_date: "2023-01-01",
        exit_date: "",
        exit_reason: "relative",
      }, // reason without exit (line 11)
    );
    bundle["placements.csv"].push(
      {
        child_id: "A1",
        removal_date: "2020-01-10",
        start_date: "2020-02-01",
        end_date: "2020-04-01",
        setting: "group_home",
      }, // overlaps (line 7)
      {
        child_id: "A1",
        removal_date: "2020-01-10",
        start_date: "2021-01-01",
        end_date: "2021-03-01",
        setting: "group_home",
      }, // ends after exit (line 8)
      {
        child_id: "A1",
        removal_date: "2019-01-01",
        start_date: "2019-01-01",
        end_date: "",
        setting: "group_home",
      }, // no such episode (line 9)
      {
        child_id: "B1",
        removal_date: "2022-05-05",
        start_date: "2022-05-04",
        end_date: "",
        setting: "group_home",
      }, // before removal (line 10)
      {
        child_id: "B1",
        removal_date: "2022-05-05",
        start_date: "2022-05-05",
        end_date: "",
        setting: "castle",
      }, // bad setting (line 11)
    );
    const dir = writeBundle(bundle);
    const result = await importBundle(database.db, dir);
    expect(result.status).toBe("failed");
    const named = result.rejects.map((r) => `${r.file}:${r.line}:${r.column}`);
    expect(named).toEqual([
      "children.csv:6:child_id",
      "children.csv:7:birth_date",
      "children.csv:8:sex",
      "children.csv:9:child_id",
      "episodes.csv:7:exit_date",
      "episodes.csv:8:removal_date",
      "episodes.csv:9:child_id",
      "episodes.csv:10:child_id",
      "episodes.csv:11:exit_reason",
      "placements.csv:7:start_date",
      "placements.csv:8:end_date",
      "placements.csv:9:removal_date",
      "placements.csv:10:start_date",
      "placements.csv:11:setting",
    ]);
    const reasons = result.rejects.map((r) => r.reason);
    expect(reasons[0]).toBe("child_id A1 appears twice (first on line 2)");
    expect(reasons[1]).toMatch(/birth_date "2015-02-30" is not a date/);
    expect(reasons[2]).toMatch(/sex "boy" is not one of: unknown, male, female/);
    expect(reasons[4]).toBe("exit_date 2021-12-31 is before removal_date 2022-01-01");
    expect(reasons[5]).toMatch(/overlaps the episode on line 4/);
    expect(reasons[6]).toBe("child_id ZZ is not in the children file");
    expect(reasons[7]).toBe("child_id C1 was rejected (children line 7)");
    expect(reasons[9]).toMatch(/overlaps the placement on line 3/);
    expect(reasons[11]).toBe("child A1 has no episode with removal_date 2019-01-01");
    expect(await snapshot()).toEqual(Object.fromEntries(analyticTables.map((t) => [t, []])));
    // The failed batch is recorded with every rejected row.
    const batch = await database.db.selectFrom("outcome_import_batch").selectAll().executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: "failed", rejected_count: 14 });
    const stored = await database.db
      .selectFrom("outcome_import_reject")
      .select(["file", "line", "column_name"])
      .where("batch_id", "=", batch.id)
      .orderBy("seq")
      .execute();
    expect(stored.map((r) => `${r.file}:${r.line}:${r.column_name}`)).toEqual(named);

    // With --max-rejects 14 the same bundle is written without those rows.
    const allowed = await importBundle(database.db, dir, { maxRejects: 14 });
    expect(allowed.status).toBe("completed");
    expect(allowed.counts["episodes.csv"]).toEqual({ read: 10, written: 5, rejected: 5 });
    expect((await readHistoryColumns(database.db)).childCount).toBe(4);
  });

  it("refuses unknown columns, missing required columns and unknown files before writing anything", async () => {
    const bundle = sampleBundle();
    const dir = writeBundle({
      ...bundle,
      "children.csv": csvOf(bundle["children.csv"] as Row[]).replace("race_ethnicity", "race"),
      "placement.csv": "x\n",
    });
    fs.rmSync(path.join(dir, "episodes.csv"));
    const result = await importBundle(database.db, dir);
    expect(result.status).toBe("failed");
    expect(result.rejects.map((r) => [r.file, r.reason])).toEqual([
      ["placement.csv", expect.stringMatching(/^unknown file placement.csv/)],
      ["episodes.csv", "episodes.csv is missing"],
    ]);
    fs.writeFileSync(path.join(dir, "episodes.csv"), csvOf(bundle["episodes.csv"] as Row[]));
    fs.rmSync(path.join(dir, "placement.csv"));
    const header = await importBundle(database.db, dir);
    expect(header.rejects).toEqual([
      { file: "children.csv", line: 1, column: "race", reason: expect.stringMatching(/^unknown column "race"/) },
    ]);
    const noSite = writeBundle({
      ...bundle,
      "children.csv": (bundle["children.csv"] as Row[]).map(({ site: _s, state: _t, ...rest }) => rest),
    });
    const missing = await importBundle(database.db, noSite);
    expect(missing.rejects.map((r) => r.reason)).toEqual([
      'required column "site" is missing (or import with --site)',
      'required column "state" is missing (or import with --site)',
    ]);
    expect(await snapshot()).toEqual(Object.fromEntries(analyticTables.map((t) => [t, []])));
  });

  it("the same bundle twice changes nothing; a changed bundle replaces the children it names", async () => {
    const bundle = sampleBundle();
    const dir = writeBundle(bundle);
    const first = await importBundle(database.db, dir);
    const before = await snapshot();
    const again = await importBundle(database.db, dir);
    expect(again).toMatchObject({ status: "unchanged", batchId: first.batchId });
    expect(await snapshot()).toEqual(before);

    // A1's second episode now ended in adoption; B1 is not in the new bundle and keeps its rows.
    const changed = {
      "children.csv": bundle["children.csv"].filter((c) => c.child_id === "A1"),
      "episodes.csv": [
        bundle["episodes.csv"][0],
        { child_id: "A1", removal_date: "2021-08-01", exit_date: "2024-05-01", exit_reason: "adoption" },
      ],
      "placements.csv": [
        {
          child_id: "A1",
          removal_date: "2021-08-01",
          start_date: "2021-08-01",
          end_date: "2024-05-01",
          setting: "pre_adoptive_home",
        },
      ],
    };
    // It removes A1's first-episode placements and its report: more than the 1 % of stored rows allowed by default.
    const replaced = await importBundle(database.db, writeBundle(changed), { allowRemovals: true });
    expect(replaced.status).toBe("completed");
    const cols = await readHistoryColumns(database.db);
    const byKey = new Map(Array.from({ length: cols.childCount }, (_, c) => [cols.childKey[c], historyAt(cols, c)]));
    const a1Key = (
      await database.db
        .selectFrom("outcome_child")
        .select("child_key")
        .where("external_id", "=", "A1")
        .executeTakeFirstOrThrow()
    ).child_key;
    const a1 = byKey.get(a1Key)!;
    expect(a1.episodes.map((e) => e.exitReason)).toEqual([1, 3]);
    expect(a1.episodes.flatMap((e) => e.placements).map((p) => p.setting)).toEqual([1]);
    expect(a1.reports).toEqual([]); // its reports came with the earlier submission; the new one has none
    expect(cols.childCount).toBe(4);
    expect(byKey.get(a1Key + 2)!.reports).toHaveLength(1); // B1 untouched
    // The first bundle again is the latest submission again.
    expect((await importBundle(database.db, dir)).status).toBe("completed");
    expect(await snapshot(true)).toEqual(await snapshotOf(before));
  });

  it("a failure in the middle of an import leaves nothing behind", async () => {
    const bundle = sampleBundle();
    const many: Row[] = Array.from({ length: 30_000 }, (_, i) => ({
      child_id: `X${i}`,
      site: "TX-TRAVIS",
      state: "TX",
      birth_date: "2015-01-01",
    }));
    const dir = writeBundle({ ...bundle, "children.csv": [...bundle["children.csv"], ...many] });
    let calls = 0;
    await expect(
      importBundle(database.db, dir, {
        onProgress: (p) => {
          if (p.file === "episodes.csv" && ++calls === 1) throw new Error("the disk went away");
        },
      }),
    ).rejects.toThrow("the disk went away");
    expect(await snapshot()).toEqual(Object.fromEntries(analyticTables.map((t) => [t, []])));
    expect(await database.db.selectFrom("outcome_import_batch").select(["status", "error"]).execute()).toEqual([
      { status: "failed", error: "the disk went away" },
    ]);
    // And the database is fine afterwards.
    expect((await importBundle(database.db, dir)).status).toBe("completed");
  });

  it("--site puts every row in the site's area and needs no site column", async () => {
    const site = await database.db.selectFrom("site").select(["id", "code"]).executeTakeFirst();
    const siteRow = site ?? (await insertTestSite());
    const bundle = sampleBundle();
    const children = (bundle["children.csv"] as Row[]).map(({ site: _s, state: _t, ...rest }) => rest);
    const homes = (bundle["homes.csv"] as Row[]).map(({ site: _s, state: _t, ...rest }) => rest);
    const result = await importBundle(
      database.db,
      writeBundle({ ...bundle, "children.csv": children, "homes.csv": homes }),
      { siteCode: siteRow.code },
    );
    expect(result.status).toBe("completed");
    const areas = await listAreas(database.db);
    expect(areas.map((a) => [a.code, a.siteId, a.source, a.children])).toEqual([
      [siteRow.code, siteRow.id, "platform", 4],
    ]);
    await expect(importBundle(database.db, writeBundle(bundle), { siteCode: "NO-SUCH" })).rejects.toThrow(
      "There is no site with code NO-SUCH.",
    );
  });
});

async function insertTestSite() {
  await database.db
    .insertInto("network_state")
    .values({ code: "CA", name: "California" })
    .onConflict((o) => o.doNothing())
    .execute();
  return database.db
    .insertInto("site")
    .values({
      code: "CA-TEST",
      name: "Test County",
      state_code: "CA",
      kind: "county",
      time_zone: "America/Los_Angeles",
      qpi_launch_date: null,
    })
    .returning(["id", "code"])
    .executeTakeFirstOrThrow();
}
