import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { readHistoryColumns, scanHistoryRows } from "../../../server/modules/outcomes/read/read-columns.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";

// Enough rows that every COPY spans many chunks (and, on PostgreSQL, many
// socket reads), written in an order the reader must sort out.
const CHILDREN = 40_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await sql`INSERT INTO outcome_area (id, code, name, state_code, source) VALUES \
(1, 'AA-ONE', 'One', 'AA', 'import'), (2, 'BB-TWO', 'Two', 'BB', 'import')`.execute(db);
  // Keys written in reverse, so heap order is not key order.
  await sql`INSERT INTO outcome_child (child_key, area_id, birth_day, sibling_group, source, sex, race, external_id)
            SELECT k, 1 + k % 2, CASE WHEN k % 97 = 0 THEN NULL ELSE DATE '2005-01-01' \
+ k % 4000 END, CASE WHEN k % 3 = 0 THEN k / 3 END, 2, k % 3, k % 8, 'C' || k
            FROM generate_series(${CHILDREN}, 1, -1) k`.execute(db);
  // Two episodes a child, the later one first; the second is open for every fifth child.
  await sql`INSERT INTO outcome_episode (child_key, area_id, removal_day, exit_day, exit_reason)
            SELECT k, 1 + k % 2, DATE '2018-01-01' + k % 300 + 400, CASE WHEN k % 5 = 0 THEN \
NULL ELSE DATE '2018-01-01' + k % 300 + 600 END, CASE WHEN k % 5 = 0 THEN 0 ELSE 1 + k % 8 END
            FROM generate_series(1, ${CHILDREN}) k
            UNION ALL
            SELECT k, 1 + k % 2, DATE '2018-01-01' + k % 300, DATE \
'2018-01-01' + k % 300 + 100, 1 FROM generate_series(1, ${CHILDREN}) k`.execute(db);
  // Three placements in the second episode (last one first), one in the first.
  await sql`INSERT INTO outcome_placement (child_key, area_id, \
removal_day, start_day, end_day, home_key, setting, change_kind)
            SELECT k, 1 + k % 2, DATE '2018-01-01' + k % 300 + 400, DATE '2018-01-01' + k % 300 + 400 + 20 * (2 - i),
                   CASE WHEN i = 0 THEN CASE WHEN k % 5 = 0 THEN NULL ELSE DATE \
'2018-01-01' + k % 300 + 600 END ELSE DATE '2018-01-01' + k % 300 + 400 + 20 * (3 - i) END,
                   CASE WHEN k % 4 = 0 THEN NULL ELSE k % 1000 END, 1 + (k + i) % 8, i % 4
            FROM generate_series(1, ${CHILDREN}) k, generate_series(0, 2) i
            UNION ALL
            SELECT k, 1 + k % 2, DATE '2018-01-01' + k % 300, DATE '2018-01-01' + k % 300, \
DATE '2018-01-01' + k % 300 + 100, NULL, 3, 0 FROM generate_series(1, ${CHILDREN}) k`.execute(db);
  await sql`INSERT INTO outcome_maltreatment_report (child_key, area_id, report_day, incident_day, disposition)
            SELECT k, 1 + k % 2, DATE '2019-01-01' + k % 50 + 10 * i, CASE \
WHEN i = 1 THEN NULL ELSE DATE '2019-01-01' + k % 50 END, 1 + (k + i) % 5
            FROM generate_series(1, ${CHILDREN}, 7) k, generate_series(1, 0, -1) i`.execute(db);
  await sql`INSERT INTO outcome_home (home_key, area_id, approved_day, source, kind, external_id)
            SELECT h, 1 + h % 2, DATE '2015-01-01' + h, 2, h % 4, 'H' || h FROM generate_series(1, 1000) h`.execute(db);
});
afterAll(async () => {
  await database.close();
});

const day = (d: string | null) => (d === null ? NO_DAY : dayOf(d));

describe("readHistoryColumns", () => {
  it("returns exactly the rows of the tables, children by key, episodes by removal, placements by start", async () => {
    const cols = await readHistoryColumns(database.db);
    expect([cols.childCount, cols.episodeCount, cols.placementCount]).toEqual([CHILDREN, 2 * CHILDREN, 4 * CHILDREN]);
    expect(cols.sites).toEqual(["AA-ONE", "BB-TWO"]);
    const children = await sql<{
      child_key: number;
      area_id: number;
      birth_day: string | null;
      sibling_group: number | null;
      sex: number;
      race: number;
    }>`
      SELECT child_key, area_id, birth_day, sibling_group, sex, race FROM outcome_child ORDER BY child_key`.execute(
      database.db,
    );
    expect(Array.from(cols.childKey)).toEqual(children.rows.map((r) => r.child_key));
    expect(Array.from(cols.birthDay)).toEqual(children.rows.map((r) => day(r.birth_day)));
    expect(Array.from(cols.siblingGroup)).toEqual(children.rows.map((r) => r.sibling_group ?? -1));
    expect(Array.from(cols.site)).toEqual(children.rows.map((r) => r.area_id - 1));
    expect(Array.from(cols.race)).toEqual(children.rows.map((r) => r.race));
    const episodes = await sql<{ removal_day: string; exit_day: string | null; exit_reason: number }>`
      SELECT removal_day, exit_day, exit_reason FROM outcome_episode ORDER BY child_key, removal_day`.execute(
      database.db,
    );
    expect(Array.from(cols.removalDay)).toEqual(episodes.rows.map((r) => day(r.removal_day)));
    expect(Array.from(cols.exitDay)).toEqual(episodes.rows.map((r) => day(r.exit_day)));
    expect(Array.from(cols.exitReason)).toEqual(episodes.rows.map((r) => r.exit_reason));
    const placements = await sql<{
      start_day: string;
      end_day: string | null;
      setting: number;
      change_kind: number;
      home_key: number | null;
    }>`
      SELECT start_day, end_day, setting, change_kind, home_key FROM \
outcome_placement ORDER BY child_key, removal_day, start_day`.execute(database.db);
    expect(Array.from(cols.startDay)).toEqual(placements.rows.map((r) => day(r.start_day)));
    expect(Array.from(cols.endDay)).toEqual(placements.rows.map((r) => day(r.end_day)));
    expect(Array.from(cols.setting)).toEqual(placements.rows.map((r) => r.setting));
    expect(Array.from(cols.homeKey)).toEqual(placements.rows.map((r) => r.home_key ?? -1));
    // Each child's first episode holds its one placement, the second its three.
    expect([cols.placementStart[0], cols.placementStart[1], cols.placementStart[2]]).toEqual([0, 1, 4]);
    const reports = await sql<{ report_day: string; incident_day: string | null; disposition: number }>`
      SELECT report_day, incident_day, disposition FROM \
outcome_maltreatment_report ORDER BY child_key, report_day`.execute(database.db);
    expect(Array.from(cols.reportDay)).toEqual(reports.rows.map((r) => day(r.report_day)));
    expect(Array.from(cols.incidentDay)).toEqual(reports.rows.map((r) => day(r.incident_day)));
    expect(Array.from(cols.substantiated)).toEqual(reports.rows.map((r) => (r.disposition <= 2 ? 1 : 0)));
    // Homes: resource family (1) and relative (2) only.
    expect(cols.homes.length).toBe(500);
    expect(cols.homes.every((h) => h.key % 4 === 1 || h.key % 4 === 2)).toBe(true);
  });

  it("reads one area's rows; the scan reads the same rows", async () => {
    const two = await readHistoryColumns(database.db, { areaIds: [2] });
    expect(two.sites).toEqual(["BB-TWO"]);
    expect(two.childCount).toBe(CHILDREN / 2);
    expect(Array.from(two.childKey).every((k) => k % 2 === 1)).toBe(true);
    expect(two.placementCount).toBe(2 * CHILDREN);
    expect(Array.from(two.site).every((s) => s === 0)).toBe(true);
    expect(await scanHistoryRows(database.db, { areaIds: [2] })).toBeLessThan(await scanHistoryRows(database.db));
    expect((await readHistoryColumns(database.db, { areaIds: [] })).childCount).toBe(0);
  });
});
