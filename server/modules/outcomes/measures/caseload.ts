import { NO_DAY } from "../history/days.js";
import { endOfCare } from "./child.js";
import type { MeasureRun } from "./run.js";
import { Slot } from "./tallies.js";

/**
 * The context counts and the length of stay, in the same frame as the CFSR
 * indicators so the numbers add up: a child is in care from the removal day
 * up to (not including) the exit day or the 18th birthday, whichever comes
 * first; an episode that begins at 18 or later is not foster care for these
 * measures. Children without a birth date are counted (age group "unknown").
 * For every period: in care on the day before + entries − exits = in care on
 * the last day.
 *
 *   entries               removals in the period (each episode; a child who
 *                         enters twice counts twice). Age at removal.
 *   exits                 episodes whose care ended in the period — a recorded
 *                         exit, or the 18th birthday ("aged_out" in byReason).
 *                         Age at exit (an 18th birthday counts in "17").
 *   in_care_end           children in care on the period's last day. Age that day.
 *   median_length_of_stay days from removal to the end of care, over the
 *                         period's exits; the median, and the mean of the two
 *                         middle values for an even count. Age at exit.
 */
export function countCaseload(run: MeasureRun, k: number): void {
  const cols = run.cols;
  const child = run.child;
  const period = run.periods[k];
  const tallies = run.tallies;
  for (let e = child.firstEpisode; e < child.endEpisode; e++) {
    const removal = cols.removalDay[e];
    if (removal > period.end || removal >= child.eighteenth) return;
    const end = endOfCare(cols, e, child.eighteenth);
    if (end < period.start) continue;
    if (removal >= period.start) tallies.add(k, Slot.entries, child.ageGroupOn(removal), 1);
    if (end <= period.end) {
      const ageGroup = child.ageGroupOn(end);
      tallies.add(k, Slot.exits, ageGroup, 1);
      const recorded = cols.exitDay[e];
      const code = cols.exitReason[e];
      const reason = recorded === NO_DAY || recorded >= child.eighteenth ? 9 : code <= 8 ? code : 0;
      run.exitReasons[k * 10 + reason]++;
      run.lengthsOfStay[k].push(end - removal, ageGroup, child.race, child.sex, child.site);
    } else {
      tallies.add(k, Slot.inCareEnd, child.ageGroupOn(period.end), 1);
    }
  }
}
