import { exitReasonNames, homeClosureNames, raceNames, sexNames } from "../history/codes.js";
import { type MeasureId, type MeasureUnit, measureCatalogue, measureIds } from "./catalogue.js";
import type { MedianList } from "./medians.js";
import type { MeasureRun } from "./run.js";
import { AGE_BASE, RACE_BASE, SEX_BASE, SITE_BASE, Slot } from "./tallies.js";
import { ageGroupKeys, type MeasureResult, type PeriodResults, type Tally } from "./types.js";

/** How each measure reads the accumulators. */
type Reading =
  | { kind: "ratio"; numerator: number; denominator: number }
  | { kind: "count"; slot: number }
  | { kind: "median"; list: "lengthsOfStay" | "daysToApproval" };

const ratio = (numerator: number, denominator: number): Reading => ({ kind: "ratio", numerator, denominator });
const count = (slot: number): Reading => ({ kind: "count", slot });

const readings: Record<MeasureId, Reading> = {
  maltreatment_in_care: ratio(Slot.maltreatmentVictimizations, Slot.maltreatmentDays),
  recurrence: ratio(Slot.recurrenceRecurred, Slot.recurrenceVictims),
  permanency_12m_entries: ratio(Slot.permanencyEntriesExited, Slot.permanencyEntries),
  permanency_12m_12_23: ratio(Slot.permanency1223Exited, Slot.permanency1223),
  permanency_12m_24_plus: ratio(Slot.permanency24Exited, Slot.permanency24),
  reentry_12m: ratio(Slot.reentryReentered, Slot.reentryExits),
  placement_stability: ratio(Slot.stabilityMoves, Slot.stabilityDays),
  unplanned_moves: ratio(Slot.unplannedMoves, Slot.stabilityDays),
  congregate_point_in_time: ratio(Slot.congregateEndInCongregate, Slot.congregateEndPlaced),
  congregate_days: ratio(Slot.congregateDaysInCongregate, Slot.congregateDaysPlaced),
  first_placement_congregate: ratio(Slot.firstPlacementCongregate, Slot.firstPlacementKnown),
  siblings_all_together: ratio(Slot.siblingsWithAll, Slot.siblingsInCare),
  siblings_some_together: ratio(Slot.siblingsWithSome, Slot.siblingsInCare),
  reunification_12m: ratio(Slot.reunifiedIn12m, Slot.permanencyEntries),
  median_length_of_stay: { kind: "median", list: "lengthsOfStay" },
  entries: count(Slot.entries),
  exits: count(Slot.exits),
  in_care_end: count(Slot.inCareEnd),
  homes_approved: count(Slot.homesApproved),
  homes_closed: count(Slot.homesClosed),
  home_retention_1y: ratio(Slot.homesRetained, Slot.homesRetentionCohort),
  time_to_approval: { kind: "median", list: "daysToApproval" },
};

export const unitScale: Record<MeasureUnit, number> = {
  percent: 100,
  per_1000_days: 1000,
  per_100000_days: 100_000,
  days: 1,
  count: 1,
};

/** A ratio tally: value = numerator × scale ÷ denominator, null without a denominator. */
export function ratioTally(numerator: number, denominator: number, scale: number): Tally {
  return { numerator, denominator, value: denominator > 0 ? (numerator * scale) / denominator : null };
}

export function countTally(n: number): Tally {
  return { numerator: null, denominator: n, value: n };
}

export function medianTally(n: number, median: number): Tally {
  return { numerator: null, denominator: n, value: n > 0 ? median : null };
}

/** The results of period k, with totals, dimensions, reasons and sites. */
export function periodResults(run: MeasureRun, k: number): PeriodResults {
  const siteCount = run.cols.sites.length;
  const total = {} as Record<MeasureId, MeasureResult>;
  const bySite: Record<MeasureId, Tally>[] = Array.from({ length: siteCount }, () => ({}) as Record<MeasureId, Tally>);
  for (const id of measureIds) {
    const tallyOf = cellReader(run, k, id);
    const homes = measureCatalogue[id].family === "homes";
    const result: MeasureResult = { measure: id, ...tallyOf(0), by: { age_group: {}, race: {}, sex: {} } };
    if (!homes) {
      ageGroupKeys.forEach((key, i) => (result.by.age_group[key] = tallyOf(AGE_BASE + i)));
      raceNames.forEach((key, i) => (result.by.race[key] = tallyOf(RACE_BASE + i)));
      sexNames.forEach((key, i) => (result.by.sex[key] = tallyOf(SEX_BASE + i)));
    }
    if (id === "exits")
      result.byReason = reasonTallies(run.exitReasons, k * 10, ["not_recorded", ...exitReasonNames, "aged_out"]);
    if (id === "homes_closed")
      result.byReason = reasonTallies(run.closureReasons, k * 8, ["not_recorded", ...homeClosureNames]);
    total[id] = result;
    for (let s = 0; s < siteCount; s++) bySite[s][id] = tallyOf(SITE_BASE + s);
  }
  return { period: { start: run.periods[k].start, end: run.periods[k].end }, total, bySite };
}

/** One measure's total for period k (drill-down reads only these). */
export function totalTally(run: MeasureRun, k: number, id: MeasureId): Tally {
  return cellReader(run, k, id)(0);
}

function cellReader(run: MeasureRun, k: number, id: MeasureId): (cell: number) => Tally {
  const reading = readings[id];
  const tallies = run.tallies;
  switch (reading.kind) {
    case "ratio": {
      const scale = unitScale[measureCatalogue[id].unit];
      return (cell) =>
        ratioTally(tallies.cell(k, reading.numerator, cell), tallies.cell(k, reading.denominator, cell), scale);
    }
    case "count":
      return (cell) => countTally(tallies.cell(k, reading.slot, cell));
    case "median": {
      const list: MedianList = run[reading.list][k];
      const { counts, medians } = list.medians(tallies.stride);
      return (cell) => medianTally(counts[cell], medians[cell]);
    }
  }
}

function reasonTallies(counts: Float64Array, offset: number, names: readonly string[]): Record<string, Tally> {
  const byReason: Record<string, Tally> = {};
  names.forEach((name, i) => (byReason[name] = countTally(counts[offset + i])));
  return byReason;
}
