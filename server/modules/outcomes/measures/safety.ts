import { NO_DAY } from "../history/days.js";
import { addMonthsFast, OPEN } from "./calendar.js";
import { endOfCare } from "./child.js";
import type { MeasureRun } from "./run.js";
import { Slot } from "./tallies.js";

const NONE = -2_147_483_648;

/**
 * S1, maltreatment in foster care: victimizations per 100,000 days in care
 * (DD p. 1–3; metrics.md §1.3.5). Observed performance only — CB's risk
 * adjustment (state, age) needs national child-level data (metrics.md §1.5).
 *
 * Days: each episode of a child under 18 in care on some day of the period,
 * counted from max(removal, start) to the end of care or the period's end
 * (options.periodEndDay says whether the last day counts). Excluded: a
 * complete episode shorter than 8 days (exit − removal < 8; "complete" per
 * options.shortEpisodeSeenAt) — neither its days nor its reports count.
 *
 * Victimizations: substantiated or indicated reports whose report date is in
 * the period and on a day in care in such an episode, except
 *   - reports in the first 7 days of removal (report day < removal + 7: the
 *     removal day is day 1, so removal + 7 is the 8th day; POC's
 *     latremdtplus7),
 *   - reports whose incident date, when given, is outside the episode
 *     (before removal — or before removal + 7 with
 *     options.incidentInFirstWeekExcluded — or on/after the end of care),
 *   - reports within 1 day of a prior report (options.duplicateReportsAgainst).
 *
 * Age group: the child's age on its first counted day of the period — age at
 * entry for children entering, age on the first day for those already in care
 * (DD risk adjustment column) — one group per child.
 */
export function countMaltreatmentInCare(run: MeasureRun, k: number): void {
  const cols = run.cols;
  const child = run.child;
  if (!child.birthKnown) return;
  const period = run.periods[k];
  const options = run.options;
  let ageGroup = -1;
  let lastCounted = NONE;
  for (let e = child.firstEpisode; e < child.endEpisode; e++) {
    const removal = cols.removalDay[e];
    if (removal > period.end || removal >= child.eighteenth) return;
    const end = endOfCare(cols, e, child.eighteenth);
    const from = removal > period.start ? removal : period.start;
    if (end <= from) continue;
    const complete = options.shortEpisodeSeenAt === "period_end" ? end <= period.end : end !== OPEN;
    if (complete && end - removal < 8) continue;
    if (ageGroup < 0) ageGroup = child.ageGroupOn(from);
    const days = daysInPeriod(run, k, removal, end, from);
    if (days > 0) run.tallies.add(k, Slot.maltreatmentDays, ageGroup, days);

    const firstWeekEnd = removal + 7;
    const incidentFrom = options.incidentInFirstWeekExcluded ? firstWeekEnd : removal;
    const lastDay = end - 1 < period.end ? end - 1 : period.end;
    let previous = NONE;
    for (let r = child.firstReport; r < child.endReport; r++) {
      if (cols.substantiated[r] !== 1) continue;
      const day = cols.reportDay[r];
      const prior = previous;
      previous = day;
      if (day < from || day > lastDay || day < firstWeekEnd) continue;
      const incident = cols.incidentDay[r];
      if (incident !== NO_DAY && (incident < incidentFrom || incident >= end)) continue;
      const reference = options.duplicateReportsAgainst === "any_prior" ? prior : lastCounted;
      if (reference !== NONE && day - reference <= 1) continue;
      lastCounted = day;
      run.tallies.add(k, Slot.maltreatmentVictimizations, ageGroup, 1);
    }
  }
}

/**
 * The end (exclusive) of the days the period counts for an episode ending
 * care on `end`: the last day of the period is a day in care or not per
 * options.periodEndDay ("cb_syntax": only for a child in care the whole
 * period, as POC's port of the CB syntax adds 1 to 364 days).
 */
export function periodWindowEnd(run: MeasureRun, k: number, removal: number, end: number): number {
  const period = run.periods[k];
  const rule = run.options.periodEndDay;
  if (rule === "counted" || (rule === "cb_syntax" && removal < period.start && end > period.end)) {
    return end < period.after ? end : period.after;
  }
  return end < period.end ? end : period.end;
}

function daysInPeriod(run: MeasureRun, k: number, removal: number, end: number, from: number): number {
  const to = periodWindowEnd(run, k, removal, end);
  return to > from ? to - from : 0;
}

/**
 * S2, recurrence of maltreatment (DD p. 3–4; metrics.md §1.3.6): of the
 * children with a substantiated or indicated report in the period, the
 * percent with another within 12 months of the first of them. In care or not.
 *
 * Reports count from the birth date (unborn children excluded) up to the day
 * before the 18th birthday; the initial report is the child's first in the
 * period. A subsequent report recurs when it comes more than 14 days after
 * the initial one (options.recurrenceWindowInclusive), before the 12-month
 * anniversary (options.recurrenceAnniversaryCounts), and does not share a
 * known incident date with the initial report (the same incident). Age at the
 * initial report.
 */
export function countRecurrence(run: MeasureRun, k: number): void {
  const cols = run.cols;
  const child = run.child;
  if (!child.birthKnown || child.firstReport === child.endReport) return;
  const period = run.periods[k];
  const birth = cols.birthDay[child.index];
  let initial = -1;
  for (let r = child.firstReport; r < child.endReport; r++) {
    const day = cols.reportDay[r];
    if (day > period.end) break;
    if (cols.substantiated[r] === 1 && day >= period.start && day >= birth && day < child.eighteenth) {
      initial = r;
      break;
    }
  }
  if (initial < 0) return;
  const options = run.options;
  const initialDay = cols.reportDay[initial];
  const initialIncident = cols.incidentDay[initial];
  const anniversary = addMonthsFast(initialDay, 12);
  const lastDay = options.recurrenceAnniversaryCounts ? anniversary : anniversary - 1;
  const minGap = options.recurrenceWindowInclusive ? 15 : 14;
  let recurred = false;
  for (let r = initial + 1; r < child.endReport; r++) {
    const day = cols.reportDay[r];
    if (day > lastDay) break;
    if (cols.substantiated[r] !== 1 || day >= child.eighteenth || day - initialDay < minGap) continue;
    const incident = cols.incidentDay[r];
    if (incident !== NO_DAY && initialIncident !== NO_DAY && incident === initialIncident) continue;
    recurred = true;
    break;
  }
  const ageGroup = child.ageGroupOn(initialDay);
  run.tallies.add(k, Slot.recurrenceVictims, ageGroup, 1);
  if (recurred) run.tallies.add(k, Slot.recurrenceRecurred, ageGroup, 1);
}
