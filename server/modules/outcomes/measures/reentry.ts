import { isReentryCohortExit } from "../history/codes.js";
import { NO_DAY } from "../history/days.js";
import { addMonthsFast } from "./calendar.js";
import { exitHiddenBySnapshot } from "./placements.js";
import type { MeasureRun } from "./run.js";
import { Slot } from "./tallies.js";

/**
 * P4, re-entry to foster care in 12 months (DD p. 6; metrics.md §1.3.3), the
 * Round 4 exit cohort. Observed performance.
 *
 * Cohort: exits in the period to reunification, a relative or guardianship
 * (codes.ts isReentryCohortExit — adoption is left out, 79 FR 22608), recorded
 * before the 18th birthday; children without a birth date are left out. A
 * child counts once, with its first such exit (options.reentryExits = "first",
 * Q2), or once per exit ("each"). With options.afcarsSnapshotEmulation an exit
 * hidden by a same-half-year re-entry is not in the cohort. Exits without a
 * discharge reason are never in it (DD: "discharge … did not have a discharge
 * reason"); the DD's "removal before the prior discharge" cannot happen here
 * (episodes never overlap).
 *
 * Numerator: the next episode begins before the exit's 12-month anniversary
 * (on it too with options.reentryAnniversaryCounts) and before the 18th
 * birthday — entering at 18 is not foster care for the CFSR. Only the first
 * re-entry is looked at (DD Notes). No 8-day rule (Round 4 lists none for
 * P4). Age at exit.
 */
export function countReentry(run: MeasureRun, k: number): void {
  const cols = run.cols;
  const child = run.child;
  if (!child.birthKnown) return;
  const period = run.periods[k];
  const options = run.options;
  for (let e = child.firstEpisode; e < child.endEpisode; e++) {
    if (cols.removalDay[e] > period.end) return;
    const exit = cols.exitDay[e];
    if (exit === NO_DAY || exit < period.start || exit > period.end || exit >= child.eighteenth) continue;
    if (!isReentryCohortExit(cols.exitReason[e])) continue;
    if (options.afcarsSnapshotEmulation && exitHiddenBySnapshot(cols, e, child.endEpisode)) continue;
    const ageGroup = child.ageGroupOn(exit);
    run.tallies.add(k, Slot.reentryExits, ageGroup, 1);
    if (e + 1 < child.endEpisode) {
      const reentry = cols.removalDay[e + 1];
      const anniversary = addMonthsFast(exit, 12);
      const within = reentry < anniversary || (reentry === anniversary && options.reentryAnniversaryCounts);
      if (within && reentry < child.eighteenth) run.tallies.add(k, Slot.reentryReentered, ageGroup, 1);
    }
    if (options.reentryExits === "first") return;
  }
}
