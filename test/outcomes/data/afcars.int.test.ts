import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNKNOWN_SETTING } from "../../../server/modules/outcomes/history/codes.js";
import { historyAt } from "../../../server/modules/outcomes/history/columns.js";
import { dayOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { importAfcars } from "../../../server/modules/outcomes/import/afcars-import.js";
import { computeMeasures, periodStarting } from "../../../server/modules/outcomes/measures/engine.js";
import { listAreas } from "../../../server/modules/outcomes/read/areas.js";
import { readHistoryColumns } from "../../../server/modules/outcomes/read/read-columns.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { submission } from "./afcars-fixture.js";

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-afcars-"));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("AFCARS legacy import", () => {
  it("reads the 1993 detail records of several semi-annual files, the latest submission winning", async () => {
    const a = path.join(dir, "2020A.dat");
    const b = path.join(dir, "2020B.dat");
    fs.writeFileSync(
      a,
      submission("202003", [
        // Child 1: first removal, in a second placement (NUMPLEP 2) since 2019-12-01.
        {
          RECNUMBR: "K0001",
          DOB: "20120415",
          SEX: "2",
          RACE: "000010",
          HISORGIN: "2",
          REM1DT: "20191001",
          TOTALREM: "01",
          LATREMDT: "20191001",
          CURSETDT: "20191201",
          NUMPLEP: "02",
          CURPLSET: "3",
        },
        // Child 2: discharged to reunification; DOB written wrongly in this file.
        {
          RECNUMBR: "K0002",
          DOB: "20150101",
          SEX: "1",
          RACE: "001000",
          HISORGIN: "1",
          REM1DT: "20190301",
          TOTALREM: "01",
          LATREMDT: "20190301",
          CURSETDT: "20190301",
          NUMPLEP: "01",
          CURPLSET: "2",
          DODFCDT: "20200215",
          DISREASN: "1",
        },
        { RECNUMBR: "K0003", DOB: "20101340", SEX: "1", LATREMDT: "20190301" }, // not a date
      ]),
    );
    fs.writeFileSync(
      b,
      submission("202009", [
        // Child 1: moved once more (NUMPLEP 3) to a group home on 2020-05-01, discharged to guardianship.
        {
          RECNUMBR: "K0001",
          DOB: "20120415",
          SEX: "2",
          RACE: "000010",
          HISORGIN: "2",
          REM1DT: "20191001",
          TOTALREM: "01",
          LATREMDT: "20191001",
          CURSETDT: "20200501",
          NUMPLEP: "03",
          CURPLSET: "4",
          DODFCDT: "20200901",
          DISREASN: "5",
        },
        // Child 2 re-entered: the previous episode's discharge is DLSTFCDT; DOB corrected.
        {
          RECNUMBR: "K0002",
          DOB: "20150102",
          SEX: "1",
          RACE: "001000",
          HISORGIN: "1",
          REM1DT: "20190301",
          TOTALREM: "02",
          DLSTFCDT: "20200215",
          LATREMDT: "20200801",
          CURSETDT: "20200801",
          NUMPLEP: "01",
          CURPLSET: "8",
        },
        // Child 4: a third removal; five placements so far, only the current one is known.
        {
          RECNUMBR: "K0004",
          DOB: "20080707",
          SEX: "1",
          RACE: "100100",
          HISORGIN: "3",
          REM1DT: "20150101",
          TOTALREM: "03",
          DLSTFCDT: "20190101",
          LATREMDT: "20200101",
          CURSETDT: "20200601",
          NUMPLEP: "05",
          CURPLSET: "5",
        },
      ]),
    );
    const rejected = await importAfcars(database.db, [a, b]);
    expect(rejected.status).toBe("failed");
    expect(rejected.rejects).toEqual([
      { file: "2020A.dat", line: 5, column: "DOB", reason: 'DOB "20101340" is not a date CCYYMMDD' },
    ]);

    const result = await importAfcars(database.db, [a, b], { maxRejects: 1 });
    expect(result.status).toBe("completed");
    expect(result.counts).toMatchObject({ children: { read: 3, written: 3, rejected: 0 } });
    const cols = await readHistoryColumns(database.db);
    expect(cols.sites).toEqual(["CA-06019"]);
    expect((await listAreas(database.db))[0]).toMatchObject({ code: "CA-06019", stateCode: "CA", source: "import" });
    const [k1, k2, k4] = Array.from({ length: cols.childCount }, (_, c) => historyAt(cols, c));
    // Child 1: two placements seen, NUMPLEP rose by one between the files, so the first ended when the second began;
    // the one before 2019-12-01 (NUMPLEP 2 then) is known by its dates only.
    expect(k1).toMatchObject({ birthDay: dayOf("2012-04-15"), sex: 2, race: 5 });
    expect(k1.episodes).toHaveLength(1);
    expect(k1.episodes[0]).toMatchObject({
      removalDay: dayOf("2019-10-01"),
      exitDay: dayOf("2020-09-01"),
      exitReason: 5,
    });
    expect(k1.episodes[0].placements.map((p) => [p.startDay, p.endDay, p.setting])).toEqual([
      [dayOf("2019-10-01"), dayOf("2019-12-01"), UNKNOWN_SETTING],
      [dayOf("2019-12-01"), dayOf("2020-05-01"), 3],
      [dayOf("2020-05-01"), dayOf("2020-09-01"), 4],
    ]);
    expect(cols.reportedPlacements?.[cols.episodeStart[0]]).toBe(3);
    // Child 2: the later file corrected the birth date; the earlier episode kept its reunification and the re-entry
    // follows.
    expect(k2).toMatchObject({ birthDay: dayOf("2015-01-02"), race: 7 });
    expect(k2.episodes.map((e) => [e.removalDay, e.exitDay, e.exitReason])).toEqual([
      [dayOf("2019-03-01"), dayOf("2020-02-15"), 1],
      [dayOf("2020-08-01"), NO_DAY, 0],
    ]);
    expect(k2.episodes[1].placements.map((p) => p.setting)).toEqual([8]);
    // Child 4: the previous episode's removal date is unknown (TOTALREM 3), so only the latest episode is written,
    // with its current placement; NUMPLEP 5 carries the four moves before it. Two races: two_or_more.
    expect(k4.race).toBe(6);
    expect(k4.episodes.map((e) => [e.removalDay, e.placements.map((p) => [p.startDay, p.setting])])).toEqual([
      [dayOf("2020-01-01"), [[dayOf("2020-06-01"), 5]]],
    ]);
    expect(cols.reportedPlacements?.[cols.episodeStart[2]]).toBe(5);
    // W1 over the import, 2019-10-01 .. 2020-09-30 (entries: child 1, child 2's re-entry, child 4). Child 4 lists one
    // placement but NUMPLEP 5 is 4 moves, all by 2020-06-01 when its current placement began, inside the period;
    // child 1's three places listed (NUMPLEP 3) are its 2 moves; child 2's trial home visit (NUMPLEP 1) none.
    // Days with a placement: 336 + 122 (from 2020-06-01) + 61. AFCARS has no change kind: no unplanned moves.
    const [w1] = computeMeasures(cols, [periodStarting(dayOf("2019-10-01"))]);
    const stability = w1.total.placement_stability;
    expect([stability.numerator, stability.denominator]).toEqual([6, 519]);
    expect([stability.by.age_group["11_16"].numerator, stability.by.age_group["11_16"].denominator]).toEqual([4, 122]);
    expect([stability.by.age_group["6_10"].numerator, stability.by.age_group["1_5"].numerator]).toEqual([2, 0]);
    expect(w1.total.unplanned_moves.numerator).toBe(0);
    // The same files again: unchanged.
    expect((await importAfcars(database.db, [a, b], { maxRejects: 1 })).status).toBe("unchanged");
  });

  it("refuses a record longer than the detail record and a file without foster care records", async () => {
    const long = path.join(dir, "long.dat");
    fs.writeFileSync(long, ["@", "S".padEnd(174), "X".repeat(198), "#"].join("\n"));
    const result = await importAfcars(database.db, [long]);
    expect(result.rejects).toEqual([
      {
        file: "long.dat",
        line: 3,
        column: null,
        reason: "the record is 198 characters; a foster care detail record has 197",
      },
    ]);
    const empty = path.join(dir, "empty.dat");
    fs.writeFileSync(empty, "\n");
    expect((await importAfcars(database.db, [empty])).rejects).toEqual([
      { file: "empty.dat", line: 0, column: null, reason: "empty.dat has no foster care records" },
    ]);
  });
});
