import { addMonthsFast, OPEN } from "./calendar.js";
import { endOfCare, exitsToPermanency, lacksDischargeReason } from "./child.js";
import { exitAfterTrialHomeVisitAdjustment, exitHiddenBySnapshot } from "./placements.js";
import type { MeasureRun } from "./run.js";
import { Slot } from "./tallies.js";

/**
 * P1, permanency in 12 months for children entering care (DD p. 4–5;
 * metrics.md §1.3.1), and the QPI measure reunification_12m on the same
 * cohort. Observed performance (no risk adjustment).
 *
 * Cohort: each child's first removal in the period, if the child was under
 * 18 that day (children without a birth date are left out: DD data-quality
 * rule). The child is then excluded — not tried again with a later entry — when
 *   - the stay is shorter than 8 days (end of care − removal < 8, the 18th
 *     birthday being a discharge; an open episode is not short),
 *   - the exit has no discharge reason (child.ts lacksDischargeReason),
 *   - with options.afcarsSnapshotEmulation, the exit is hidden by a re-entry
 *     in the same AFCARS half-year.
 * Numerator: a permanency exit before the 18th birthday whose length of stay,
 * after the trial home visit adjustment (placements.ts), ends before the
 * 12-month anniversary of the removal (on it too with
 * options.permanencyAnniversaryCounts). reunification_12m: the same, with
 * reunification as the exit reason (code 1; "living with other relatives" is
 * not reunification). Age at entry.
 */
export function countPermanencyForEntries(run: MeasureRun, k: number): void {
  const cols = run.cols;
  const child = run.child;
  if (!child.birthKnown) return;
  const period = run.periods[k];
  for (let e = child.firstEpisode; e < child.endEpisode; e++) {
    const removal = cols.removalDay[e];
    if (removal > period.end) return;
    if (removal < period.start) continue;
    if (removal >= child.eighteenth) return;
    const end = endOfCare(cols, e, child.eighteenth);
    if (end !== OPEN && end - removal < 8) return;
    if (lacksDischargeReason(cols, e, child.eighteenth)) return;
    if (run.options.afcarsSnapshotEmulation && exitHiddenBySnapshot(cols, e, child.endEpisode)) return;
    const ageGroup = child.ageGroupOn(removal);
    run.tallies.add(k, Slot.permanencyEntries, ageGroup, 1);
    if (!exitsToPermanency(cols, e, child.eighteenth)) return;
    const exit = exitAfterTrialHomeVisitAdjustment(cols, e);
    const anniversary = addMonthsFast(removal, 12);
    if (exit > anniversary || (exit === anniversary && !run.options.permanencyAnniversaryCounts)) return;
    run.tallies.add(k, Slot.permanencyEntriesExited, ageGroup, 1);
    if (cols.exitReason[e] === 1) run.tallies.add(k, Slot.reunifiedIn12m, ageGroup, 1);
    return;
  }
}

/**
 * P2 / P3, permanency in 12 months for children in care 12–23 months / 24
 * months or more (DD p. 5–6; metrics.md §1.3.2). Observed performance.
 *
 * Cohort: children under 18 in care on the first day of the period whose
 * episode began 12–23 (24+) months before it — completed calendar months
 * (days.ts wholeMonths) or days ÷ 30.4375 per options.monthsInCare (Q5: the
 * months are those of the current episode; a trial home visit is part of it,
 * as AFCARS keeps the child in care during it). Excluded: an exit without a
 * discharge reason; with options.afcarsSnapshotEmulation, an exit hidden by
 * a same-half-year re-entry. Numerator: a permanency exit before the 18th
 * birthday and before the anniversary of the first day (on it too with
 * options.permanencyAnniversaryCounts). No trial home visit adjustment (DD fn
 * 3 is P1's alone). Age on the first day.
 */
export function countPermanencyInCare(run: MeasureRun, k: number): void {
  const cols = run.cols;
  const child = run.child;
  if (!child.birthKnown) return;
  const period = run.periods[k];
  for (let e = child.firstEpisode; e < child.endEpisode; e++) {
    const removal = cols.removalDay[e];
    if (removal > period.start) return;
    if (endOfCare(cols, e, child.eighteenth) <= period.start) continue;
    if (removal > period.latestRemovalFor12Months) return;
    if (lacksDischargeReason(cols, e, child.eighteenth)) return;
    if (run.options.afcarsSnapshotEmulation && exitHiddenBySnapshot(cols, e, child.endEpisode)) return;
    const twoYears = removal <= period.latestRemovalFor24Months;
    const ageGroup = child.ageGroupOn(period.start);
    run.tallies.add(k, twoYears ? Slot.permanency24 : Slot.permanency1223, ageGroup, 1);
    if (!exitsToPermanency(cols, e, child.eighteenth)) return;
    const exit = cols.exitDay[e];
    if (exit > period.anniversary || (exit === period.anniversary && !run.options.permanencyAnniversaryCounts)) return;
    run.tallies.add(k, twoYears ? Slot.permanency24Exited : Slot.permanency1223Exited, ageGroup, 1);
    return;
  }
}
