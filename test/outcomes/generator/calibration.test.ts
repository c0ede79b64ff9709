import { beforeAll, describe, expect, it } from "vitest";
import { ExitReason, raceNames, Setting } from "../../../server/modules/outcomes/history/codes.js";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { addYears, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { type MeasureId, measureCatalogue } from "../../../server/modules/outcomes/measures/catalogue.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import type { PeriodResults } from "../../../server/modules/outcomes/measures/types.js";
import { calibrationPeriod } from "../../../server/synthetic/calibration-period.js";
import { type GeneratedHistories, generateHistories } from "../../../server/synthetic/histories.js";

// National-looking data give national-looking results: 50,000 synthetic
// children through the outcomes engine, on the generator's calibration period
// (FY2023 for the as-of day 2025-09-30). The ranges are wide enough for the
// sample (a 50k bundle has ~4,700 entries in the year) and each contains CB's
// national figure (measures/catalogue.ts).
const CHILDREN = 50_000;
let generated: GeneratedHistories;
let results: PeriodResults;

beforeAll(() => {
  generated = generateHistories({ children: CHILDREN, seed: 2025, asOf: "2025-09-30" });
  const columns = columnsFromHistories(generated.histories, generated.sites, generated.homes);
  [results] = computeMeasures(columns, [calibrationPeriod(generated.asOfDay)]);
});

const value = (id: MeasureId) => results.total[id].value!;

describe("generated histories through the outcomes engine", () => {
  const cfsr: [MeasureId, number, number][] = [
    ["maltreatment_in_care", 7, 11.5], // CB national 9.07 per 100,000 days
    ["recurrence", 7.5, 12], // 9.7 %
    ["permanency_12m_entries", 30, 40], // 35.2 %
    ["permanency_12m_12_23", 38, 50], // 43.8 %
    ["permanency_12m_24_plus", 31, 44], // 37.3 %
    ["reentry_12m", 4, 8], // 5.6 %
    ["placement_stability", 3.5, 5.5], // 4.48 per 1,000 days
  ];
  it.each(cfsr)("%s lands near CB's national performance (%d–%d)", (id, low, high) => {
    const national = measureCatalogue[id].national!.value;
    expect(national).toBeGreaterThanOrEqual(low);
    expect(national).toBeLessThanOrEqual(high);
    expect(value(id)).toBeGreaterThanOrEqual(low);
    expect(value(id)).toBeLessThanOrEqual(high);
  });

  it(`has 10–14 % of children in care in congregate care, and \
about as many entries starting there (CRS IF10226; AECF)`, () => {
    expect(value("congregate_point_in_time")).toBeGreaterThanOrEqual(10);
    expect(value("congregate_point_in_time")).toBeLessThanOrEqual(14);
    expect(value("first_placement_congregate")).toBeGreaterThan(9);
    expect(value("first_placement_congregate")).toBeLessThan(18);
  });

  it(`keeps siblings together about as POC Washington found: ~59 % with all, \
~17 % with some, ~24 % with none; two thirds have a sibling in care`, () => {
    const all = value("siblings_all_together");
    const atLeastOne = value("siblings_some_together");
    expect(all).toBeGreaterThan(52);
    expect(all).toBeLessThan(67);
    expect(atLeastOne - all).toBeGreaterThan(10);
    expect(atLeastOne - all).toBeLessThan(24);
    expect(100 - atLeastOne).toBeGreaterThan(16);
    expect(100 - atLeastOne).toBeLessThan(32);
    const withSibling = results.total.siblings_all_together.denominator / value("in_care_end");
    expect(withSibling).toBeGreaterThan(0.55);
    expect(withSibling).toBeLessThan(0.75);
  });

  it("has stays, homes and approvals of a plausible length", () => {
    expect(value("median_length_of_stay")).toBeGreaterThan(300); // AFCARS: median stay a little over a year
    expect(value("median_length_of_stay")).toBeLessThan(650);
    expect(value("time_to_approval")).toBeGreaterThan(90); // about four months
    expect(value("time_to_approval")).toBeLessThan(160);
    expect(value("home_retention_1y")).toBeGreaterThan(30); // median service just under a year (Chapin Hall)
    expect(value("home_retention_1y")).toBeLessThan(65);
  });

  it("has long stays behind P2 and P3 (multi-year histories)", () => {
    const entries = results.total.permanency_12m_entries.denominator;
    expect(results.total.permanency_12m_12_23.denominator).toBeGreaterThan(0.3 * entries);
    expect(results.total.permanency_12m_24_plus.denominator).toBeGreaterThan(0.3 * entries);
    const years = new Set(
      generated.histories.map((h) => new Date(h.episodes[0].removalDay * 86_400_000).getUTCFullYear()),
    );
    expect(years.size).toBeGreaterThanOrEqual(10);
  });
});

describe("who the generated children are", () => {
  const share = (n: number) => n / generated.histories.length;

  it("has AFCARS-like sex, race and age at entry (CB entry-rate numerators 24B25A)", () => {
    const h = generated.histories;
    expect(share(h.filter((c) => c.sex === 1).length)).toBeGreaterThan(0.49);
    expect(share(h.filter((c) => c.sex === 1).length)).toBeLessThan(0.54);
    const race = (name: string) => share(h.filter((c) => raceNames[c.race] === name).length);
    expect(race("white")).toBeGreaterThan(0.36); // 42 % of entries
    expect(race("white")).toBeLessThan(0.49);
    expect(race("black")).toBeGreaterThan(0.18); // 23 %
    expect(race("black")).toBeLessThan(0.28);
    expect(race("hispanic")).toBeGreaterThan(0.15); // 20 %
    expect(race("hispanic")).toBeLessThan(0.26);
    const known = h.filter((c) => c.birthDay !== NO_DAY);
    const ageAtEntry = known.map((c) => (c.episodes[0].removalDay - c.birthDay) / 365.25);
    const under1 = ageAtEntry.filter((a) => a < 1).length / known.length;
    const teens = ageAtEntry.filter((a) => a >= 11).length / known.length;
    expect(under1).toBeGreaterThan(0.13); // 19 %
    expect(under1).toBeLessThan(0.24);
    expect(teens).toBeGreaterThan(0.25); // 31.5 %
    expect(teens).toBeLessThan(0.37);
    expect(ageAtEntry.every((a) => a >= 0 && a < 18)).toBe(true);
  });

  it("leaves care for the reasons AFCARS shows: about half reunification, a quarter adoption", () => {
    const exits = generated.histories.flatMap((c) => c.episodes.filter((e) => e.exitDay !== NO_DAY));
    const reason = (code: number) => exits.filter((e) => e.exitReason === code).length / exits.length;
    expect(reason(ExitReason.reunification)).toBeGreaterThan(0.4);
    expect(reason(ExitReason.reunification)).toBeLessThan(0.55);
    expect(reason(ExitReason.adoption)).toBeGreaterThan(0.18);
    expect(reason(ExitReason.adoption)).toBeLessThan(0.3);
    expect(reason(ExitReason.guardianship)).toBeGreaterThan(0.07);
    expect(reason(ExitReason.guardianship)).toBeLessThan(0.16);
    expect(reason(ExitReason.relative)).toBeGreaterThan(0.03);
    expect(reason(ExitReason.relative)).toBeLessThan(0.1);
    expect(reason(ExitReason.emancipation)).toBeGreaterThan(0.04);
    expect(reason(ExitReason.emancipation)).toBeLessThan(0.11);
    expect(reason(ExitReason.runaway)).toBeGreaterThan(0);
    expect(reason(ExitReason.none)).toBeGreaterThan(0); // exits without a recorded reason
    expect(reason(ExitReason.none)).toBeLessThan(0.015);
  });

  it("ages children out at 18 or in extended care up to 21, and has trial home visits before reunifications", () => {
    let emancipations = 0;
    let thvBeforeReunification = 0;
    let reunifications = 0;
    for (const c of generated.histories) {
      if (c.birthDay === NO_DAY) continue;
      for (const e of c.episodes) {
        if (e.exitReason === ExitReason.emancipation) {
          emancipations++;
          expect(e.exitDay).toBeGreaterThanOrEqual(addYears(c.birthDay, 18));
          expect(e.exitDay).toBeLessThan(addYears(c.birthDay, 21));
        }
        if (e.exitReason === ExitReason.reunification) {
          reunifications++;
          if (e.placements.at(-1)?.setting === Setting.trialHomeVisit) thvBeforeReunification++;
        }
      }
    }
    expect(emancipations).toBeGreaterThan(0);
    expect(thvBeforeReunification / reunifications).toBeGreaterThan(0.2);
    expect(thvBeforeReunification / reunifications).toBeLessThan(0.6);
  });
});
