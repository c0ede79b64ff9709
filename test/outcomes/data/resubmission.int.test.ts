import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { importAfcars } from "../../../server/modules/outcomes/import/afcars-import.js";
import { importBundle } from "../../../server/modules/outcomes/import/import-bundle.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { submission } from "./afcars-fixture.js";
import { type Row, type RowBundle, removeWrittenBundles, sampleBundle, writeBundle } from "./bundle-fixture.js";

// Resubmission rules (docs/outcomes-csv-bundle.md, "Sending a bundle again"): a bundle never loses stored rows
// silently. A child with a rejected row keeps its stored history; a bundle that would remove more than a share of the
// stored rows is refused unless removals are allowed; the result says per file what the bundle adds, replaces and
// removes.

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
const historyTables = ["outcome_episode", "outcome_placement", "outcome_maltreatment_report"] as const;

/** Every row of every analytic table (refreshed_at aside: a refused import must not change anything else). */
async function snapshot() {
  const out: Record<string, string[]> = {};
  for (const table of analyticTables) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(database.db);
    out[table] = rows.rows.map((r) => JSON.stringify({ ...r, refreshed_at: undefined })).sort();
  }
  return out;
}

/** One child's stored rows: its child row and its episodes, placements and reports. */
async function storedHistory(externalId: string) {
  const child = await database.db
    .selectFrom("outcome_child")
    .selectAll()
    .where("external_id", "=", externalId)
    .executeTakeFirstOrThrow();
  const out: Record<string, string[]> = { outcome_child: [JSON.stringify(child)] };
  for (const table of historyTables) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE child_key = ${
      child.child_key
    }`.execute(database.db);
    out[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

async function count(table: (typeof historyTables)[number]) {
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db);
  return rows.rows[0].n;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  removeWrittenBundles();
});
beforeEach(async () => {
  for (const table of [...analyticTables, "outcome_import_reject", "outcome_import_batch"])
    await sql`DELETE FROM ${sql.table(table)}`.execute(database.db);
});

/** `n` children in one county, each with one open episode, one placement and one report. */
function countyBundle(n: number): Omit<RowBundle, "homes.csv"> {
  const ids = Array.from({ length: n }, (_, i) => `K${String(i).padStart(4, "0")}`);
  return {
    "children.csv": ids.map((child_id) => ({ child_id, site: "TX-TRAVIS", state: "TX", birth_date: "2015-01-01" })),
    "episodes.csv": ids.map((child_id) => ({ child_id, removal_date: "2022-01-01", exit_date: "", exit_reason: "" })),
    "placements.csv": ids.map((child_id) => ({
      child_id,
      removal_date: "2022-01-01",
      start_date: "2022-01-01",
      end_date: "",
      setting: "relative_family_home",
    })),
    "maltreatment_reports.csv": ids.map((child_id) => ({
      child_id,
      report_date: "2021-12-01",
      disposition: "substantiated",
    })),
  };
}

describe("sending a bundle again", () => {
  it(`refuses a header-only placements.csv that would delete \
every stored placement of the children it names`, async () => {
    const bundle = sampleBundle();
    expect((await importBundle(database.db, writeBundle(bundle))).status).toBe("completed");
    const before = await snapshot();
    const headerOnly = { ...bundle, "placements.csv": "child_id,removal_date,start_date,end_date,setting\n" };
    const refused = await importBundle(database.db, writeBundle(headerOnly));
    expect(refused.status).toBe("failed");
    expect(refused.error).toBe(
      "placements.csv would remove 5 of the 5 stored placements of its areas (100 %, more than the 1 % allowed); " +
        "check the bundle, or import it with --allow-removals",
    );
    expect(refused.changes["placements.csv"]).toEqual({ added: 0, replaced: 0, removed: 5 });
    expect(await snapshot()).toEqual(before);

    // Asked for, the removal is made, and said.
    const allowed = await importBundle(database.db, writeBundle(headerOnly), { allowRemovals: true });
    expect(allowed.status).toBe("completed");
    expect(allowed.changes["placements.csv"]).toEqual({ added: 0, replaced: 0, removed: 5 });
    expect(allowed.changes["episodes.csv"]).toEqual({ added: 0, replaced: 5, removed: 0 });
    expect(allowed.changes["children.csv"]).toEqual({ added: 0, replaced: 4, removed: 0 });
    expect(await count("outcome_placement")).toBe(0);
  });

  it("a child whose rows are rejected keeps its stored history; the other children are replaced", async () => {
    const bundle = sampleBundle();
    expect((await importBundle(database.db, writeBundle(bundle))).status).toBe("completed");
    const a1 = await storedHistory("A1");
    const a2 = await storedHistory("A2");
    const b1 = await storedHistory("B1");
    const changed = sampleBundle();
    // A1: an episode row with a date that is not one (rejected for its own field; its placements with it).
    changed["episodes.csv"][1] = { child_id: "A1", removal_date: "2021-08-01", exit_date: "2024-02-30" };
    // A2: a placement that overlaps its other placement (rejected against the rows before it).
    changed["placements.csv"].push({
      child_id: "A2",
      removal_date: "2020-01-10",
      start_date: "2020-04-01",
      end_date: "2020-05-01",
      setting: "group_home",
    });
    // B1: a maltreatment report row with an unknown disposition.
    (changed["maltreatment_reports.csv"] as Row[])[1].disposition = "maybe";
    // A second report for B2: B2 is replaced as a child with no rejected row.
    changed["maltreatment_reports.csv"].push({
      child_id: 'B2, "the second"',
      report_date: "2023-04-01",
      disposition: "indicated",
    });
    const result = await importBundle(database.db, writeBundle(changed), { maxRejects: 10 });
    expect(result.status).toBe("completed");
    expect(result.rejects.map((r) => `${r.file}:${r.line}:${r.column}`)).toEqual([
      "episodes.csv:3:exit_date",
      "placements.csv:4:removal_date",
      "placements.csv:7:start_date",
      "maltreatment_reports.csv:3:disposition",
    ]);
    expect(await storedHistory("A1")).toEqual(a1);
    expect(await storedHistory("A2")).toEqual(a2);
    expect(await storedHistory("B1")).toEqual(b1);
    expect(result.keptChildren).toBe(3);
    const b2 = await storedHistory('B2, "the second"');
    expect(b2.outcome_maltreatment_report).toHaveLength(1);
    expect(result.changes["maltreatment_reports.csv"]).toEqual({ added: 1, replaced: 0, removed: 0 });
    expect(result.changes["children.csv"]).toEqual({ added: 0, replaced: 1, removed: 0 });
    // Only the rows that were really written are counted as written.
    expect(result.counts["placements.csv"]).toEqual({ read: 6, written: 1, rejected: 2 });
  });

  it("refuses above the share of stored rows a bundle may remove, and takes a share given", async () => {
    const bundle = countyBundle(200);
    expect((await importBundle(database.db, writeBundle(bundle))).status).toBe("completed");
    const drop = (n: number) => ({
      ...bundle,
      "maltreatment_reports.csv": bundle["maltreatment_reports.csv"].slice(n),
    });
    // 2 of 200 stored reports (1 %) is within the default share.
    const within = await importBundle(database.db, writeBundle(drop(2)));
    expect(within.status).toBe("completed");
    expect(within.changes["maltreatment_reports.csv"]).toEqual({ added: 0, replaced: 198, removed: 2 });
    expect(within.changes["placements.csv"]).toEqual({ added: 0, replaced: 200, removed: 0 });
    expect(await count("outcome_maltreatment_report")).toBe(198);
    // 3 more of the 198 left (1.5 %) is not; with --max-removals 2 it is.
    const before = await snapshot();
    const over = await importBundle(database.db, writeBundle(drop(5)));
    expect(over.status).toBe("failed");
    expect(over.error).toMatch(
      new RegExp(
        /^maltreatment_reports\.csv would remove 3 of the 198 stored maltreatment reports of its areas /.source +
          /\(1\.5 %, more than the 1 % allowed\)/.source,
      ),
    );
    expect(await snapshot()).toEqual(before);
    const given = await importBundle(database.db, writeBundle(drop(5)), { maxRemovalsPercent: 2 });
    expect(given.status).toBe("completed");
    expect(await count("outcome_maltreatment_report")).toBe(195);
  });

  it("counts what a bundle adds and replaces: new children and rows are added, matching ones replaced", async () => {
    const first = countyBundle(3);
    const result = await importBundle(database.db, writeBundle(first));
    expect(result.changes).toEqual({
      "children.csv": { added: 3, replaced: 0, removed: 0 },
      "episodes.csv": { added: 3, replaced: 0, removed: 0 },
      "placements.csv": { added: 3, replaced: 0, removed: 0 },
      "maltreatment_reports.csv": { added: 3, replaced: 0, removed: 0 },
    });
    // K0000 is named again with a second placement; K0009 is new.
    const again = countyBundle(10);
    again["children.csv"] = again["children.csv"].filter((_, i) => i === 0 || i === 9);
    again["episodes.csv"] = again["episodes.csv"].filter((_, i) => i === 0 || i === 9);
    again["placements.csv"] = [
      { ...again["placements.csv"][0], end_date: "2022-06-01" },
      { ...again["placements.csv"][0], start_date: "2022-06-01", setting: "group_home" },
      again["placements.csv"][9],
    ];
    const reportsHeader = "child_id,report_date,disposition\n";
    const second = await importBundle(
      database.db,
      writeBundle({ ...again, "maltreatment_reports.csv": reportsHeader }),
      { allowRemovals: true },
    );
    expect(second.status).toBe("completed");
    expect(second.changes).toEqual({
      "children.csv": { added: 1, replaced: 1, removed: 0 },
      "episodes.csv": { added: 1, replaced: 1, removed: 0 },
      "placements.csv": { added: 2, replaced: 1, removed: 0 },
      "maltreatment_reports.csv": { added: 0, replaced: 0, removed: 1 },
    });
    expect(await count("outcome_placement")).toBe(5);
  });

  it("AFCARS: a child with a rejected record keeps its stored history", async () => {
    const child = { RECNUMBR: "K0001", DOB: "20120415", SEX: "2", LATREMDT: "20191001", NUMPLEP: "01" };
    const first = afcarsFile("2020A.dat", submission("202003", [{ ...child, CURSETDT: "20191001", CURPLSET: "3" }]));
    expect((await importAfcars(database.db, [first])).status).toBe("completed");
    const stored = await storedHistory("K0001");
    // A corrected file moves the child; a later one has a record of the child that is refused (not a date).
    const corrected = afcarsFile(
      "2020A2.dat",
      submission("202003", [{ ...child, CURSETDT: "20191001", CURPLSET: "5" }]),
    );
    const later = afcarsFile("2020B.dat", submission("202009", [{ ...child, DODFCDT: "20200231", DISREASN: "1" }]));
    const result = await importAfcars(database.db, [corrected, later], { maxRejects: 1 });
    expect(result.status).toBe("completed");
    expect(result.rejects.map((r) => `${r.file}:${r.column}`)).toEqual(["2020B.dat:DODFCDT"]);
    expect(await storedHistory("K0001")).toEqual(stored);
    expect(result.keptChildren).toBe(1);
  });
});

function afcarsFile(name: string, text: string): string {
  const dir = writeBundle({});
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}
