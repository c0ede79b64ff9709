import { describe, expect, it } from "vitest";
import { dayOf, isoOf } from "./history/days.js";
import { periodStarting } from "./measures/engine.js";
import {
  afcarsLabel,
  defaultPeriodStart,
  followUpComplete,
  halfYearSteps,
  launchRelation,
  offeredPeriodStarts,
  periodBeforeLaunch,
  trendEndingWith,
} from "./periods.js";

const day = dayOf;
const iso = (d: number) => isoOf(d);

describe("dashboard periods", () => {
  it("open on the latest half-year-aligned 12 months whose 12-month follow-up has passed", () => {
    // Data as of 1 Dec 2026: Oct 2024 – Sep 2025 is followed up to 30 Sep 2026.
    expect(iso(defaultPeriodStart(day("2026-12-01")))).toBe("2024-10-01");
    // On 30 Sep 2026 that follow-up has just ended; on 29 Sep it has not.
    expect(iso(defaultPeriodStart(day("2026-09-30")))).toBe("2024-10-01");
    expect(iso(defaultPeriodStart(day("2026-09-29")))).toBe("2024-04-01");
    expect(iso(defaultPeriodStart(day("2026-03-31")))).toBe("2024-04-01");
  });

  it("offer every half-year start the data cover, newest first, up to the latest complete 12 months", () => {
    const starts = offeredPeriodStarts(day("2023-05-17"), day("2026-12-01")).map(iso);
    expect(starts).toEqual(["2025-10-01", "2025-04-01", "2024-10-01", "2024-04-01", "2023-10-01"]);
  });

  it("step trends by six months and name aligned periods as CB does", () => {
    const trend = trendEndingWith(day("2024-10-01"), 8);
    expect(trend.map((p) => iso(p.start))).toEqual([
      "2021-04-01",
      "2021-10-01",
      "2022-04-01",
      "2022-10-01",
      "2023-04-01",
      "2023-10-01",
      "2024-04-01",
      "2024-10-01",
    ]);
    expect(iso(trend[7].end)).toBe("2025-09-30");
    expect(trend.map(afcarsLabel)).toEqual([
      "21B22A",
      "22A22B",
      "22B23A",
      "23A23B",
      "23B24A",
      "24A24B",
      "24B25A",
      "25A25B",
    ]);
    expect(afcarsLabel(periodStarting(day("2024-07-15")))).toBeNull();
    expect(halfYearSteps(day("2024-10-01"), day("2024-10-01"))).toHaveLength(1);
  });

  it("place periods before, across or after the QPI launch", () => {
    const launch = day("2019-10-24");
    expect(launchRelation(periodStarting(day("2018-10-01")), launch)).toBe("before");
    expect(launchRelation(periodStarting(day("2019-04-01")), launch)).toBe("spans");
    expect(launchRelation(periodStarting(day("2019-10-24")), launch)).toBe("after");
    expect(launchRelation(periodStarting(day("2019-10-24")), null)).toBeNull();
    const before = periodBeforeLaunch(launch);
    expect([iso(before.start), iso(before.end)]).toEqual(["2018-10-24", "2019-10-23"]);
  });

  it("call a follow-up measure final only when its 12 months after the period have passed", () => {
    const period = periodStarting(day("2024-10-01"));
    expect(followUpComplete("permanency_12m_entries", period, day("2026-09-29"))).toBe(false);
    expect(followUpComplete("permanency_12m_entries", period, day("2026-09-30"))).toBe(true);
    expect(followUpComplete("in_care_end", period, day("2025-09-30"))).toBe(true);
    expect(followUpComplete("in_care_end", period, null)).toBe(false);
  });
});
