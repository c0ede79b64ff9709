/**
 * A deliberately plain second implementation of every outcome measure, to
 * check the engine against. It reads the per-child histories (model.ts) one
 * child at a time, counts days one by one, and uses days.ts date functions;
 * it shares nothing with server/modules/outcomes/measures except the contract
 * types. Written from the CFSR Round 4 data dictionary (DD) and the readings
 * the team chose (the engine's options.ts); the rules, in short:
 *
 * - 18th birthday = addYears(birth, 18). Care ends at the exit or then. A day
 *   d is in care when removal ≤ d < end of care. No birth date: left out of
 *   the CFSR indicators, no age limit in the QPI measures.
 * - Lived placements: open, or ending after they start. Zero-length ones are ignored.
 * - "Within 12 months of D": before addMonths(D, 12), or on it with the option.
 * - AFCARS episodes may say how many places they had (reportedPlacements,
 *   NUMPLEP) and list fewer; W1 then knows NUMPLEP − 1 moves, the unlisted
 *   ones undated, and counts those only when all the days they could fall on
 *   are in the period (reference-measures.ts). Setting 0 is an unknown place.
 */
import {
  exitReasonNames,
  homeClosureNames,
  raceNames,
  sexNames,
} from "../../../server/modules/outcomes/history/codes.js";
import type { MeasureId } from "../../../server/modules/outcomes/measures/catalogue.js";
import type {
  MeasureOptions,
  MeasureResult,
  Period,
  PeriodResults,
  Tally,
} from "../../../server/modules/outcomes/measures/types.js";
import type { Entry, World } from "./reference-frame.js";
import { childEntries, homeEntries, siblingEntries } from "./reference-measures.js";

export type { World } from "./reference-frame.js";

type Kind = "ratio" | "count" | "median";
const MEASURES: { id: MeasureId; kind: Kind; scale: number; homes?: boolean }[] = [
  { id: "maltreatment_in_care", kind: "ratio", scale: 100_000 },
  { id: "recurrence", kind: "ratio", scale: 100 },
  { id: "permanency_12m_entries", kind: "ratio", scale: 100 },
  { id: "permanency_12m_12_23", kind: "ratio", scale: 100 },
  { id: "permanency_12m_24_plus", kind: "ratio", scale: 100 },
  { id: "reentry_12m", kind: "ratio", scale: 100 },
  { id: "placement_stability", kind: "ratio", scale: 1000 },
  { id: "unplanned_moves", kind: "ratio", scale: 1000 },
  { id: "congregate_point_in_time", kind: "ratio", scale: 100 },
  { id: "congregate_days", kind: "ratio", scale: 100 },
  { id: "first_placement_congregate", kind: "ratio", scale: 100 },
  { id: "siblings_all_together", kind: "ratio", scale: 100 },
  { id: "siblings_some_together", kind: "ratio", scale: 100 },
  { id: "reunification_12m", kind: "ratio", scale: 100 },
  { id: "median_length_of_stay", kind: "median", scale: 1 },
  { id: "entries", kind: "count", scale: 1 },
  { id: "exits", kind: "count", scale: 1 },
  { id: "in_care_end", kind: "count", scale: 1 },
  { id: "homes_approved", kind: "count", scale: 1, homes: true },
  { id: "homes_closed", kind: "count", scale: 1, homes: true },
  { id: "home_retention_1y", kind: "ratio", scale: 100, homes: true },
  { id: "time_to_approval", kind: "median", scale: 1, homes: true },
];
const AGE_KEYS = ["under_1", "1_5", "6_10", "11_16", "17", "unknown"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function tallyOf(entries: Entry[], kind: Kind, scale: number): Tally {
  const denominator = entries.reduce((sum, e) => sum + e.denominator, 0);
  if (kind === "count") return { numerator: null, denominator, value: denominator };
  if (kind === "median")
    return { numerator: null, denominator, value: denominator > 0 ? median(entries.map((e) => e.value!)) : null };
  const numerator = entries.reduce((sum, e) => sum + e.numerator, 0);
  return { numerator, denominator, value: denominator > 0 ? (numerator * scale) / denominator : null };
}

export function referenceMeasures(world: World, periods: Period[], options: MeasureOptions): PeriodResults[] {
  return periods.map((period) => {
    const entries = [
      ...world.histories.flatMap((child) => childEntries(child, period, options)),
      ...siblingEntries(world, period),
      ...homeEntries(world, period, options),
    ];
    const total = {} as Record<MeasureId, MeasureResult>;
    const bySite = world.sites.map(() => ({}) as Record<MeasureId, Tally>);
    for (const m of MEASURES) {
      const mine = entries.filter((e) => e.measure === m.id);
      const result: MeasureResult = {
        measure: m.id,
        ...tallyOf(mine, m.kind, m.scale),
        by: { age_group: {}, race: {}, sex: {} },
      };
      if (!m.homes) {
        for (const key of AGE_KEYS)
          result.by.age_group[key] = tallyOf(
            mine.filter((e) => e.age === key),
            m.kind,
            m.scale,
          );
        for (const key of raceNames)
          result.by.race[key] = tallyOf(
            mine.filter((e) => e.race === key),
            m.kind,
            m.scale,
          );
        for (const key of sexNames)
          result.by.sex[key] = tallyOf(
            mine.filter((e) => e.sex === key),
            m.kind,
            m.scale,
          );
      }
      if (m.id === "exits") {
        result.byReason = {};
        for (const key of ["not_recorded", ...exitReasonNames, "aged_out"])
          result.byReason[key] = tallyOf(
            mine.filter((e) => e.reason === key),
            "count",
            1,
          );
      }
      if (m.id === "homes_closed") {
        result.byReason = {};
        for (const key of ["not_recorded", ...homeClosureNames])
          result.byReason[key] = tallyOf(
            mine.filter((e) => e.reason === key),
            "count",
            1,
          );
      }
      total[m.id] = result;
      world.sites.forEach(
        (_, s) =>
          (bySite[s][m.id] = tallyOf(
            mine.filter((e) => e.site === s),
            m.kind,
            m.scale,
          )),
      );
    }
    return { period, total, bySite };
  });
}
