import type { HistoryColumns } from "../history/columns.js";
import { addMonths, NO_DAY } from "../history/days.js";
import { OPEN } from "./calendar.js";
import { countCaseload } from "./caseload.js";
import { type MeasureId, measureCatalogue, measureIds } from "./catalogue.js";
import { countCongregateCare } from "./congregate.js";
import { countHomes } from "./homes.js";
import { resolveOptions } from "./options.js";
import { orderByKey } from "./order-by-key.js";
import { countPermanencyForEntries, countPermanencyInCare } from "./permanency.js";
import { countReentry } from "./reentry.js";
import { periodResults, totalTally } from "./results.js";
import { MeasureRun } from "./run.js";
import { countMaltreatmentInCare, countRecurrence } from "./safety.js";
import { countSiblingsTogether, noteSiblingInCare } from "./siblings.js";
import { countPlacementStability } from "./stability.js";
import type { MeasureOptions, Period, PeriodResults } from "./types.js";

/**
 * The outcomes engine: every measure of catalogue.ts for every period, in
 * one linear pass over the children (siblings and homes are evaluated after
 * it). The measure files hold the definitions: safety.ts (S1, S2),
 * permanency.ts (P1, P2, P3, reunification_12m), reentry.ts (P4),
 * stability.ts (W1, unplanned_moves), congregate.ts, siblings.ts,
 * caseload.ts (entries, exits, in_care_end, median_length_of_stay), homes.ts;
 * options.ts argues the readings of the ambiguous points. CFSR figures are
 * observed performance: CB's risk-standardized performance needs a national
 * multilevel model over every state's children and cannot be reproduced here
 * (research/metrics.md §1.5).
 */
export function computeMeasures(
  columns: HistoryColumns,
  periods: Period[],
  options: Partial<MeasureOptions> = {},
): PeriodResults[] {
  const run = new MeasureRun(columns, periods, resolveOptions(options));
  countChildren(run, 0, columns.childCount);
  for (let k = 0; k < periods.length; k++) countSiblingsTogether(run, k);
  countHomes(run);
  return periods.map((_, k) => periodResults(run, k));
}

/** The 12-month period starting on `day`: end = start + 12 months − 1. */
export function periodStarting(day: number): Period {
  return { start: day, end: addMonths(day, 12) - 1 };
}

/**
 * The hot loop. Per child, a period is skipped unless the child's care
 * (first removal … last exit) or its reports touch it; the child's scalars
 * are read once, then each measure walks the child's index ranges.
 */
function countChildren(run: MeasureRun, from: number, to: number): void {
  const cols = run.cols;
  const frames = run.periods;
  const periodCount = frames.length;
  const { episodeStart, reportStart, removalDay, exitDay, reportDay } = cols;
  for (let c = from; c < to; c++) {
    const e0 = episodeStart[c];
    const e1 = episodeStart[c + 1];
    const r0 = reportStart[c];
    const r1 = reportStart[c + 1];
    if (e0 === e1 && r0 === r1) continue;
    let careFrom = OPEN;
    let careTo = NO_DAY;
    if (e0 < e1) {
      careFrom = removalDay[e0];
      const lastExit = exitDay[e1 - 1];
      careTo = lastExit === NO_DAY ? OPEN : lastExit;
    }
    const reportsFrom = r0 < r1 ? reportDay[r0] : OPEN;
    const reportsTo = r0 < r1 ? reportDay[r1 - 1] : NO_DAY;
    let loaded = false;
    for (let k = 0; k < periodCount; k++) {
      const period = frames[k];
      const inCare = careFrom <= period.end && careTo >= period.start;
      const reported = reportsFrom <= period.end && reportsTo >= period.start;
      if (!inCare && !reported) continue;
      if (!loaded) {
        run.child.load(cols, c);
        run.tallies.setChild(run.child.race, run.child.sex, run.child.site);
        loaded = true;
      }
      if (inCare) {
        countCaseload(run, k);
        countPermanencyForEntries(run, k);
        countPermanencyInCare(run, k);
        countReentry(run, k);
        countPlacementStability(run, k);
        countCongregateCare(run, k);
        countMaltreatmentInCare(run, k);
        noteSiblingInCare(run, k);
      }
      if (reported) countRecurrence(run, k);
    }
  }
}

/** What one child adds to a measure in a period: days for the rates, 1 for the shares and counts. */
export interface ChildContribution {
  denominator: number;
  numerator: number | null;
}
export type ChildCohorts = Partial<Record<MeasureId, ChildContribution>>;

/**
 * For drill-down lists: the measures whose denominator (or numerator) child
 * `childIndex` is in for `period`, with what it adds. The same code as
 * computeMeasures on a one-child range, so the list and the figure agree.
 * Homes measures have no children.
 */
export function childCohorts(
  columns: HistoryColumns,
  childIndex: number,
  period: Period,
  options: Partial<MeasureOptions> = {},
): ChildCohorts {
  const run = new MeasureRun(columns, [period], resolveOptions(options));
  countChildren(run, childIndex, childIndex + 1);
  const group = columns.siblingGroup[childIndex];
  if (group >= 0) {
    for (const sibling of siblingsOf(columns, group)) {
      if (sibling === childIndex) continue;
      run.child.load(columns, sibling);
      noteSiblingInCare(run, 0);
    }
    countSiblingsTogether(run, 0, childIndex);
  }
  const cohorts: ChildCohorts = {};
  for (const id of measureIds) {
    if (measureCatalogue[id].family === "homes") continue;
    const tally = totalTally(run, 0, id);
    if (tally.denominator > 0 || (tally.numerator ?? 0) > 0)
      cohorts[id] = { denominator: tally.denominator, numerator: tally.numerator };
  }
  return cohorts;
}

/** Children by sibling group, sorted once per dataset (drill-down asks for many children of one dataset). */
const siblingIndexes = new WeakMap<HistoryColumns, { groups: Int32Array; children: Int32Array }>();

function siblingsOf(columns: HistoryColumns, group: number): Int32Array {
  let index = siblingIndexes.get(columns);
  if (!index) {
    const members: number[] = [];
    for (let c = 0; c < columns.childCount; c++) if (columns.siblingGroup[c] >= 0) members.push(c);
    const keys = Int32Array.from(members, (c) => columns.siblingGroup[c]);
    const order = orderByKey(keys, keys.length);
    index = { groups: Int32Array.from(order, (i) => keys[i]), children: Int32Array.from(order, (i) => members[i]) };
    siblingIndexes.set(columns, index);
  }
  let lo = 0;
  let hi = index.groups.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.groups[mid] < group) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < index.groups.length && index.groups[end] === group) end++;
  return index.children.subarray(lo, end);
}
