import { describe, expect, it } from "vitest";
import type { ExitReasonName } from "../../../server/modules/outcomes/history/codes.js";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { dayOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { childCohorts, periodStarting } from "../../../server/modules/outcomes/measures/engine.js";
import { type ChildSpec, counts, history, measure, type PlacementSpec } from "./histories.js";

// Worked examples: the Federal Register's and CB's own, then one hand-made
// case for each indicator's main rules. Period 21A21B = 2020-10-01 .. 2021-09-30
// unless said otherwise. Every example also runs the reference implementation.
const P = "2020-10-01";

describe("79 FR 22613 footnotes a–e (the 2014 notice's worked examples)", () => {
  it("S1: 10 + 40 + 100 = 150 days; 3 + 1 = 4 victimizations → 2,666.7 per 100,000 days", () => {
    const r = measure(
      [
        {
          episodes: [
            { removal: "2020-11-01", exit: "2020-11-11" }, // 10 days
            { removal: "2021-01-01", exit: "2021-02-10" }, // 40 days
          ],
          reports: [{ report: "2021-01-10" }, { report: "2021-01-20" }, { report: "2021-02-01" }],
        },
        { episodes: [{ removal: "2021-03-01", exit: "2021-06-09" }], reports: [{ report: "2021-04-01" }] }, // 100 days
      ],
      P,
    );
    expect(counts(r, "maltreatment_in_care")).toEqual([4, 150]);
    expect(r.total.maltreatment_in_care.value).toBeCloseTo((4 / 150) * 100_000, 6);
  });

  it("W1: 10 + 100 = 110 days; 3 + 1 = 4 moves → 36.4 per 1,000 days", () => {
    const r = measure(
      [
        {
          episodes: [
            {
              removal: "2021-01-01",
              exit: "2021-01-11",
              placements: [
                { start: "2021-01-01", end: "2021-01-03", home: 1, kind: "initial" },
                { start: "2021-01-03", end: "2021-01-05", home: 2 },
                { start: "2021-01-05", end: "2021-01-08", home: 3 },
                { start: "2021-01-08", end: "2021-01-11", home: 4 },
              ],
            },
          ],
        },
        {
          episodes: [
            {
              removal: "2021-03-01",
              exit: "2021-06-09",
              placements: [
                { start: "2021-03-01", end: "2021-04-01", home: 5, kind: "initial" },
                { start: "2021-04-01", end: "2021-06-09", home: 6 },
              ],
            },
          ],
        },
      ],
      P,
    );
    expect(counts(r, "placement_stability")).toEqual([4, 110]);
    expect(r.total.placement_stability.value).toBeCloseTo(36.4, 1);
  });
});

describe("CB FAQ: trial home visit adjustment (metrics.md §1.1)", () => {
  // "A child was in foster care for a total of 400 days and discharged to
  // reunification …": here the last 100 days were a trial home visit, so 70
  // days are discounted and the stay counts as 330 days — within 12 months.
  const withVisit = (visitDays: number): ChildSpec => {
    const removal = new Date(Date.UTC(2020, 10, 1));
    const exit = new Date(removal.getTime() + 400 * 86_400_000);
    const visit = new Date(exit.getTime() - visitDays * 86_400_000);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    return {
      episodes: [
        {
          removal: iso(removal),
          exit: iso(exit),
          reason: "reunification",
          placements: [
            { start: iso(removal), end: iso(visit), home: 1 },
            { start: iso(visit), end: iso(exit), setting: "trial_home_visit", home: 2 },
          ],
        },
      ],
    };
  };

  it("400 days with a 100-day trial home visit: permanency in 12 months", () => {
    expect(counts(measure([withVisit(100)], P), "permanency_12m_entries")).toEqual([1, 1]);
    expect(counts(measure([withVisit(100)], P), "reunification_12m")).toEqual([1, 1]);
  });

  it("400 days with a 30-day trial home visit: nothing is discounted, no permanency in 12 months", () => {
    expect(counts(measure([withVisit(30)], P), "permanency_12m_entries")).toEqual([0, 1]);
  });

  it("two trial home visits in a row are one visit, counted from the first", () => {
    const child = withVisit(100);
    const [foster, visit] = child.episodes![0].placements!;
    const split = "2021-11-20"; // the visit moves to another home 20 days before the exit
    child.episodes![0].placements = [foster, { ...visit, end: split }, { ...visit, start: split, home: 3 }];
    expect(counts(measure([child], P), "permanency_12m_entries")).toEqual([1, 1]);
  });

  it("no adjustment when the exit is not to reunification", () => {
    const child = withVisit(100);
    child.episodes![0].reason = "relative";
    expect(counts(measure([child], P), "permanency_12m_entries")).toEqual([0, 1]);
  });
});

describe("S1 maltreatment in care: exclusions", () => {
  const stay = (exit: string, report: string, extra: Partial<ChildSpec> = {}): ChildSpec => ({
    episodes: [{ removal: "2021-01-01", exit }],
    reports: [{ report }],
    ...extra,
  });

  it("a complete stay of 7 days counts neither its days nor its reports; 8 days counts", () => {
    expect(counts(measure([stay("2021-01-08", "2021-01-07")], P), "maltreatment_in_care")).toEqual([0, 0]);
    expect(counts(measure([stay("2021-01-09", "2021-01-08")], P), "maltreatment_in_care")).toEqual([1, 8]);
  });

  it("reports in the first 7 days of removal do not count (day 8 does)", () => {
    expect(counts(measure([stay("2021-03-01", "2021-01-07")], P), "maltreatment_in_care")[0]).toBe(0);
    expect(counts(measure([stay("2021-03-01", "2021-01-08")], P), "maltreatment_in_care")[0]).toBe(1);
  });

  it("an incident date outside the episode excludes the report", () => {
    const before: ChildSpec = {
      episodes: [{ removal: "2021-01-01", exit: "2021-03-01" }],
      reports: [{ report: "2021-02-01", incident: "2020-12-20" }],
    };
    expect(counts(measure([before], P), "maltreatment_in_care")[0]).toBe(0);
  });

  it("an incident on the exit day is outside the episode: the child was not in care that day", () => {
    const onExit: ChildSpec = {
      episodes: [{ removal: "2021-01-01", exit: "2021-03-01" }],
      reports: [{ report: "2021-02-20", incident: "2021-03-01" }],
    };
    expect(counts(measure([onExit], P), "maltreatment_in_care")[0]).toBe(0);
    const dayBefore: ChildSpec = {
      episodes: [{ removal: "2021-01-01", exit: "2021-03-01" }],
      reports: [{ report: "2021-02-20", incident: "2021-02-28" }],
    };
    expect(counts(measure([dayBefore], P), "maltreatment_in_care")[0]).toBe(1);
  });

  it("a report within 1 day of a prior report is the same victimization", () => {
    const reports = (a: string, b: string): ChildSpec => ({
      episodes: [{ removal: "2021-01-01", exit: "2021-03-01" }],
      reports: [{ report: a }, { report: b }],
    });
    expect(counts(measure([reports("2021-02-01", "2021-02-02")], P), "maltreatment_in_care")[0]).toBe(1);
    expect(counts(measure([reports("2021-02-01", "2021-02-03")], P), "maltreatment_in_care")[0]).toBe(2);
  });

  it("the report date must fall in the period", () => {
    const late: ChildSpec = {
      episodes: [{ removal: "2021-09-01" }],
      reports: [{ report: "2021-10-01", incident: "2021-09-20" }],
    };
    expect(counts(measure([late], P), "maltreatment_in_care")).toEqual([0, 30]);
  });

  it("days and reports stop at the 18th birthday", () => {
    const turning18: ChildSpec = {
      birth: "2003-03-01",
      episodes: [{ removal: "2020-12-01" }],
      reports: [{ report: "2021-03-05" }],
    };
    expect(counts(measure([turning18], P), "maltreatment_in_care")).toEqual([0, 90]); // 2020-12-01 .. 2021-02-28
  });

  it("a stay still open at the period's end is kept even if it began 3 days before", () => {
    const entering: ChildSpec = { episodes: [{ removal: "2021-09-28", exit: "2021-10-02" }] };
    expect(counts(measure([entering], P), "maltreatment_in_care")).toEqual([0, 3]);
    expect(counts(measure([entering], P, { shortEpisodeSeenAt: "latest_data" }), "maltreatment_in_care")).toEqual([
      0, 0,
    ]);
  });

  it("the period's last day is a day in care (366 days in a leap period, per the option)", () => {
    const allYear: ChildSpec = { episodes: [{ removal: "2019-05-01" }] };
    expect(counts(measure([allYear], "2019-10-01"), "maltreatment_in_care")).toEqual([0, 366]);
    expect(counts(measure([allYear], "2019-10-01", { periodEndDay: "not_counted" }), "maltreatment_in_care")).toEqual([
      0, 365,
    ]);
  });
});

describe("S2 recurrence", () => {
  const victim = (...reports: { report: string; incident?: string }[]): ChildSpec => ({ reports });

  it("a report 14 days after the first is the same maltreatment; 15 days is a recurrence", () => {
    expect(counts(measure([victim({ report: "2021-01-01" }, { report: "2021-01-15" })], P), "recurrence")).toEqual([
      0, 1,
    ]);
    expect(counts(measure([victim({ report: "2021-01-01" }, { report: "2021-01-16" })], P), "recurrence")).toEqual([
      1, 1,
    ]);
  });

  it("the same incident date is the same incident", () => {
    const same = victim(
      { report: "2021-01-01", incident: "2020-12-30" },
      { report: "2021-03-01", incident: "2020-12-30" },
    );
    expect(counts(measure([same], P), "recurrence")).toEqual([0, 1]);
  });

  it("within 12 months: the anniversary is outside unless the option says otherwise; no care needed", () => {
    const year = victim({ report: "2021-01-01" }, { report: "2022-01-01" });
    expect(counts(measure([year], P), "recurrence")).toEqual([0, 1]);
    expect(counts(measure([year], P, { recurrenceAnniversaryCounts: true }), "recurrence")).toEqual([1, 1]);
  });

  it("unborn children are left out", () => {
    expect(counts(measure([{ birth: "2021-02-01", reports: [{ report: "2021-01-10" }] }], P), "recurrence")).toEqual([
      0, 0,
    ]);
  });
});

describe("P1 permanency in 12 months for entries", () => {
  const entry = (
    exit: string | undefined,
    reason: ExitReasonName | null = "reunification",
    birth?: string,
  ): ChildSpec => ({
    birth,
    episodes: [{ removal: "2021-01-01", exit, reason }],
  });

  it("stays under 8 days are left out; exactly 8 days count", () => {
    expect(counts(measure([entry("2021-01-08")], P), "permanency_12m_entries")).toEqual([0, 0]);
    expect(counts(measure([entry("2021-01-09")], P), "permanency_12m_entries")).toEqual([1, 1]);
  });

  it("an exit without a discharge reason is left out", () => {
    expect(counts(measure([entry("2021-05-01", null)], P), "permanency_12m_entries")).toEqual([0, 0]);
  });

  it("the 18th birthday is a discharge, not permanency", () => {
    expect(counts(measure([entry("2021-08-01", "reunification", "2003-06-01")], P), "permanency_12m_entries")).toEqual([
      0, 1,
    ]);
  });

  it("an exit on the anniversary is outside 12 months, unless the option says otherwise", () => {
    expect(counts(measure([entry("2022-01-01")], P), "permanency_12m_entries")).toEqual([0, 1]);
    expect(
      counts(measure([entry("2022-01-01")], P, { permanencyAnniversaryCounts: true }), "permanency_12m_entries"),
    ).toEqual([1, 1]);
  });

  it("a child entering twice counts once, with the first entry", () => {
    const twice: ChildSpec = {
      episodes: [
        { removal: "2020-11-01", exit: "2020-11-05", reason: "reunification" },
        { removal: "2021-02-01", exit: "2021-03-01", reason: "reunification" },
      ],
    };
    expect(counts(measure([twice], P), "permanency_12m_entries")).toEqual([0, 0]); // the first stay is under 8 days
    expect(counts(measure([twice], P), "entries")).toEqual([null, 2]);
  });
});

describe("P2 / P3 permanency for children in care 12–23 / 24+ months", () => {
  const inCare = (removal: string, exit?: string, reason: "reunification" | "adoption" = "adoption"): ChildSpec => ({
    episodes: [{ removal, exit, reason }],
  });

  it("12 months exactly on day 1 is P2, a day less is neither, 24 months is P3", () => {
    expect(counts(measure([inCare("2019-10-01")], P), "permanency_12m_12_23")).toEqual([0, 1]);
    expect(counts(measure([inCare("2019-10-02")], P), "permanency_12m_12_23")).toEqual([0, 0]);
    expect(counts(measure([inCare("2018-10-01")], P), "permanency_12m_24_plus")).toEqual([0, 1]);
    expect(counts(measure([inCare("2018-10-02")], P), "permanency_12m_12_23")).toEqual([0, 1]);
  });

  it("an exit on the period's last day counts; on the anniversary of day 1 it does not", () => {
    expect(counts(measure([inCare("2019-01-01", "2021-09-30")], P), "permanency_12m_12_23")).toEqual([1, 1]);
    expect(counts(measure([inCare("2019-01-01", "2021-10-01")], P), "permanency_12m_12_23")).toEqual([0, 1]);
  });

  it("an exit without a reason is left out, unless it came after the 18th birthday (aging out)", () => {
    const noReason: ChildSpec = { episodes: [{ removal: "2019-01-01", exit: "2021-02-01", reason: null }] };
    expect(counts(measure([noReason], P), "permanency_12m_12_23")).toEqual([0, 0]);
    const agedOut: ChildSpec = {
      birth: "2003-01-15",
      episodes: [{ removal: "2019-01-01", exit: "2021-02-01", reason: null }],
    };
    expect(counts(measure([agedOut], P), "permanency_12m_12_23")).toEqual([0, 1]);
  });

  it("a child 18 on day 1 is left out", () => {
    expect(counts(measure([{ birth: "2002-10-01", ...inCare("2018-01-01") }], P), "permanency_12m_24_plus")).toEqual([
      0, 0,
    ]);
  });
});

describe("P4 re-entry in 12 months", () => {
  const exitAndBack = (
    exit: string,
    reentry: string | undefined,
    reason: "reunification" | "adoption" = "reunification",
  ): ChildSpec => ({
    episodes: [{ removal: "2020-06-01", exit, reason }, ...(reentry ? [{ removal: reentry }] : [])],
  });

  it("re-entry the day after exit counts; exactly 12 months later it does not, unless the option says so", () => {
    expect(counts(measure([exitAndBack("2021-03-01", "2021-03-02")], P), "reentry_12m")).toEqual([1, 1]);
    expect(counts(measure([exitAndBack("2021-03-01", "2022-03-01")], P), "reentry_12m")).toEqual([0, 1]);
    expect(
      counts(measure([exitAndBack("2021-03-01", "2022-03-01")], P, { reentryAnniversaryCounts: true }), "reentry_12m"),
    ).toEqual([1, 1]);
  });

  it("adoptions are not in the exit cohort", () => {
    expect(counts(measure([exitAndBack("2021-03-01", "2021-04-01", "adoption")], P), "reentry_12m")).toEqual([0, 0]);
  });

  it("AFCARS emulation: an exit and re-entry in the same half-year is invisible", () => {
    const sameHalf = exitAndBack("2020-11-02", "2021-01-15"); // both in 21A
    expect(counts(measure([sameHalf], P), "reentry_12m")).toEqual([1, 1]);
    expect(counts(measure([sameHalf], P, { afcarsSnapshotEmulation: true }), "reentry_12m")).toEqual([0, 0]);
    const nextHalf = exitAndBack("2021-03-30", "2021-04-02"); // 21A → 21B: visible
    expect(counts(measure([nextHalf], P, { afcarsSnapshotEmulation: true }), "reentry_12m")).toEqual([1, 1]);
  });

  it("two exits: the child counts once, or once per exit with the option", () => {
    const twice: ChildSpec = {
      episodes: [
        { removal: "2020-06-01", exit: "2020-11-01", reason: "reunification" },
        { removal: "2021-01-01", exit: "2021-05-01", reason: "relative" },
      ],
    };
    expect(counts(measure([twice], P), "reentry_12m")).toEqual([1, 1]);
    expect(counts(measure([twice], P, { reentryExits: "each" }), "reentry_12m")).toEqual([1, 2]);
  });
});

describe("W1 placement stability: what is a move", () => {
  const placed = (...placements: NonNullable<NonNullable<ChildSpec["episodes"]>[number]["placements"]>): ChildSpec => ({
    episodes: [{ removal: "2021-01-01", exit: "2021-05-01", placements }],
  });

  it("trial home visits and runaway spells are not moves; a return to the same home is not either", () => {
    const r = measure(
      [
        placed(
          { start: "2021-01-01", end: "2021-02-01", home: 1, kind: "initial" },
          { start: "2021-02-01", end: "2021-02-10", setting: "runaway" },
          { start: "2021-02-10", end: "2021-03-01", home: 1, kind: "unplanned" },
          { start: "2021-03-01", end: "2021-04-01", home: 2, kind: "emergency" },
          { start: "2021-04-01", end: "2021-05-01", setting: "trial_home_visit", home: 9 },
        ),
      ],
      P,
    );
    expect(counts(r, "placement_stability")).toEqual([1, 120]);
    expect(counts(r, "unplanned_moves")).toEqual([1, 120]);
  });

  it("zero-length placements are skipped; days without a placement are not counted", () => {
    const r = measure(
      [
        placed(
          { start: "2021-01-11", end: "2021-02-01", home: 1, kind: "initial" },
          { start: "2021-02-01", end: "2021-02-01", home: 5 },
          { start: "2021-02-01", end: "2021-05-01", home: 1 },
        ),
      ],
      P,
    );
    expect(counts(r, "placement_stability")).toEqual([0, 110]);
  });

  it("moves and days after the 18th birthday are dropped", () => {
    const r = measure(
      [
        {
          birth: "2003-03-01",
          episodes: [
            {
              removal: "2021-01-01",
              placements: [
                { start: "2021-01-01", end: "2021-03-01", home: 1, kind: "initial" },
                { start: "2021-03-01", home: 2, kind: "unplanned" },
              ],
            },
          ],
        },
      ],
      P,
    );
    expect(counts(r, "placement_stability")).toEqual([0, 59]);
  });
});

describe("W1 for legacy AFCARS imports: moves from NUMPLEP", () => {
  // The AFCARS import lists only the placements its files saw (no home, no change kind) and keeps
  // NUMPLEP, the places lived including the current one. Moves = NUMPLEP − 1 when the last listed
  // placement (the current one of the record NUMPLEP came from) began inside the W1 window;
  // otherwise only the dated moves count (stability.ts undatedMoves).
  const afcars = (
    placements: PlacementSpec[],
    numplep: number,
    exit?: string,
    removal = "2020-11-01",
    birth?: string,
  ): ChildSpec => ({
    birth,
    episodes: [{ removal, exit, numplep, placements: placements.map((p) => ({ kind: "unknown", ...p })) }],
  });

  it(`all in the period: NUMPLEP 5 is 4 moves (1 dated, 3 not); the \
unknown setting is a place, not congregate; none unplanned`, () => {
    const child = afcars(
      [
        { start: "2020-11-01", end: "2021-01-15", setting: "unknown" }, // 75 days
        {
          start: "2021-03-01",
          end: "2021-06-01",
          setting: "relative_family_home",
        }, // 92 days; 45 between without placement information
      ],
      5,
      "2021-06-01",
    );
    const r = measure([child], P);
    expect(counts(r, "placement_stability")).toEqual([4, 167]);
    expect(counts(r, "unplanned_moves")).toEqual([0, 167]);
    expect(counts(r, "first_placement_congregate")).toEqual([0, 1]);
    expect(counts(r, "congregate_days")).toEqual([0, 167]);
  });

  it("the current placement began after the period's end: its moves count in the period that holds it", () => {
    const child = afcars([{ start: "2021-11-01", setting: "group_home" }], 4, undefined, "2021-05-01");
    expect(counts(measure([child], P), "placement_stability")).toEqual([0, 0]);
    // 2021-04-01 .. 2022-03-31: NUMPLEP − 1 = 3 moves, over the 151 days from 2021-11-01 with a placement known.
    expect(counts(measure([child], "2021-04-01"), "placement_stability")).toEqual([3, 151]);
  });

  it(`the current placement began after the 18th birthday: its moves can't \
be dated before it, so only dated moves count (POC: NUMPLEP − 2)`, () => {
    const child = afcars(
      [
        { start: "2021-01-01", end: "2021-02-01", setting: "unknown" },
        { start: "2021-04-01", setting: "nonrelative_family_home" },
      ],
      3,
      undefined,
      "2021-01-01",
      "2003-03-01", // 18 on 2021-03-01
    );
    expect(counts(measure([child], P), "placement_stability")).toEqual([0, 31]);
  });

  it("NUMPLEP no more than the places listed: the listed placements' moves", () => {
    const child = afcars(
      [
        { start: "2021-01-01", end: "2021-02-01", setting: "unknown" },
        { start: "2021-02-01", end: "2021-05-01", setting: "nonrelative_family_home" },
      ],
      1,
      "2021-05-01",
      "2021-01-01",
    );
    expect(counts(measure([child], P), "placement_stability")).toEqual([1, 120]);
  });

  it("no placement listed: NUMPLEP − 1 moves if the episode ended in the window, no days", () => {
    const child = afcars([], 3, "2021-03-01", "2021-01-01");
    const r = measure([child], P);
    expect(counts(r, "placement_stability")).toEqual([2, 0]);
    expect(r.total.placement_stability.value).toBeNull();
    // 2020-02-15 .. 2021-02-14: the episode's last day (2021-02-28) is after the period, so the moves can't be placed
    // in it.
    expect(counts(measure([child], "2020-02-15"), "placement_stability")).toEqual([0, 0]);
  });
});

describe("QPI measures", () => {
  it("siblings: with all, with some, unknown homes apart", () => {
    const sibling = (home: number): ChildSpec => ({
      siblingGroup: 7,
      episodes: [{ removal: "2021-01-01", placements: [{ start: "2021-01-01", home }] }],
    });
    const r = measure([sibling(1), sibling(1), sibling(2), sibling(-1), { episodes: [{ removal: "2021-01-01" }] }], P);
    // four siblings in care: two together (with some), one alone, one unknown
    expect(counts(r, "siblings_some_together")).toEqual([2, 4]);
    expect(counts(r, "siblings_all_together")).toEqual([0, 4]);
    const pair = measure([sibling(1), sibling(1)], P);
    expect(counts(pair, "siblings_all_together")).toEqual([2, 2]);
  });

  it("congregate care on the last day, in days, and as the first placement", () => {
    const r = measure(
      [
        {
          episodes: [
            {
              removal: "2021-07-02",
              placements: [
                { start: "2021-07-02", end: "2021-08-01", setting: "group_home", home: 1 },
                { start: "2021-08-01", home: 2 },
              ],
            },
          ],
        },
        {
          episodes: [{ removal: "2021-01-01", placements: [{ start: "2021-01-01", setting: "institution", home: 3 }] }],
        },
      ],
      P,
    );
    expect(counts(r, "congregate_point_in_time")).toEqual([1, 2]);
    expect(counts(r, "first_placement_congregate")).toEqual([2, 2]);
    expect(counts(r, "congregate_days")).toEqual([30 + 273, 91 + 273]);
  });

  it("entries, exits and the caseload add up; the median length of stay", () => {
    const r = measure(
      [
        { episodes: [{ removal: "2020-06-01", exit: "2020-12-01" }] }, // in at the start, exits (183 days)
        { episodes: [{ removal: "2021-02-01", exit: "2021-03-03" }] }, // enters and exits (30 days)
        { episodes: [{ removal: "2021-05-01" }] }, // enters, in at the end
        { birth: "2003-08-01", episodes: [{ removal: "2019-01-01" }] }, // ages out on 2021-08-01 (943 days)
      ],
      P,
    );
    expect(counts(r, "entries")).toEqual([null, 2]);
    expect(counts(r, "exits")).toEqual([null, 3]);
    expect(counts(r, "in_care_end")).toEqual([null, 1]);
    expect(r.total.exits.byReason?.aged_out.denominator).toBe(1);
    expect(r.total.median_length_of_stay.value).toBe(183);
  });

  it("homes: approvals, closures by reason, retention and time to approval; kin homes only with the option", () => {
    const home = (
      key: number,
      inquiry: string | null,
      approved: string,
      closed: string | null,
      closureReason = 0,
      kin = false,
    ) => ({
      key,
      site: 1,
      inquiryDay: inquiry ? dayOf(inquiry) : NO_DAY,
      approvedDay: dayOf(approved),
      closedDay: closed ? dayOf(closed) : NO_DAY,
      closureReason,
      kin,
    });
    const homes = [
      home(1, "2020-09-01", "2021-01-01", null),
      home(2, "2020-10-01", "2021-03-01", "2021-06-01", 3),
      home(3, null, "2020-03-01", "2021-02-01", 4), // closed before its first anniversary
      home(4, null, "2020-06-01", null), // retained
      home(5, "2021-01-01", "2021-02-01", null, 0, true), // kin
    ];
    const r = measure([], P, {}, homes);
    expect(counts(r, "homes_approved")).toEqual([null, 2]);
    expect(counts(r, "homes_closed")).toEqual([null, 2]);
    expect(r.total.homes_closed.byReason?.family_request.denominator).toBe(1);
    expect(counts(r, "home_retention_1y")).toEqual([1, 2]);
    expect(r.total.time_to_approval.value).toBe((122 + 151) / 2);
    expect(r.bySite[1].homes_approved.denominator).toBe(2);
    expect(counts(measure([], P, { homesIncludeKin: true }, homes), "homes_approved")).toEqual([null, 3]);
  });
});

describe("drill-down (childCohorts)", () => {
  it("names the measures a child is in, with what it adds", () => {
    const children: ChildSpec[] = [
      {
        siblingGroup: 3,
        episodes: [
          {
            removal: "2021-01-01",
            placements: [
              { start: "2021-01-01", end: "2021-02-01", setting: "group_home", home: 1, kind: "initial" },
              { start: "2021-02-01", home: 2, kind: "emergency" },
            ],
          },
        ],
        reports: [{ report: "2021-03-01" }],
      },
      { siblingGroup: 3, episodes: [{ removal: "2021-01-01", placements: [{ start: "2021-01-01", home: 2 }] }] },
    ];
    const histories = children.map((c, i) => history(c, i));
    const columns = columnsFromHistories(histories, ["SITE-A"]);
    const cohorts = childCohorts(columns, 0, periodStarting(dayOf(P)));
    expect(cohorts.placement_stability).toEqual({ numerator: 1, denominator: 273 });
    expect(cohorts.unplanned_moves).toEqual({ numerator: 1, denominator: 273 });
    expect(cohorts.first_placement_congregate).toEqual({ numerator: 1, denominator: 1 });
    expect(cohorts.siblings_all_together).toEqual({ numerator: 1, denominator: 1 });
    expect(cohorts.maltreatment_in_care).toEqual({ numerator: 1, denominator: 273 });
    expect(cohorts.recurrence).toEqual({ numerator: 0, denominator: 1 });
    expect(cohorts.permanency_12m_entries).toEqual({ numerator: 0, denominator: 1 });
    expect(cohorts.in_care_end).toEqual({ numerator: null, denominator: 1 });
    expect(cohorts.exits).toBeUndefined();
    expect(cohorts.homes_approved).toBeUndefined();
  });
});
