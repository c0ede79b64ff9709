import { isCongregate } from "../history/codes.js";
import { endOfCare } from "./child.js";
import { firstLivedPlacement, isLived, placementEnd } from "./placements.js";
import type { MeasureRun } from "./run.js";
import { Slot } from "./tallies.js";

/**
 * The QPI "less group care" measures (CB 2015, "A National Look at the Use
 * of Congregate Care": group homes and institutions, codes.ts isCongregate;
 * designs (a)–(c) of research/metrics.md §3). Care is the CFSR frame
 * (child.ts endOfCare: under 18); children without a birth date count, in
 * age group "unknown". Days and placements are lived ones (placements.ts).
 *
 *   congregate_point_in_time    Of the children in care on the period's last
 *                               day with a placement recorded that day, the
 *                               percent placed in a group home or
 *                               institution. Age that day.
 *   congregate_days             Of the days in care in the period with a
 *                               placement recorded (the last day included),
 *                               the percent spent in a group home or
 *                               institution. Age on the child's first day in
 *                               care in the period.
 *   first_placement_congregate  Of the removals in the period with a
 *                               placement recorded, the percent whose first
 *                               placement was a group home or institution
 *                               (each entry). Age at removal.
 */
export function countCongregateCare(run: MeasureRun, k: number): void {
  const cols = run.cols;
  const child = run.child;
  const period = run.periods[k];
  const tallies = run.tallies;
  let daysAgeGroup = -1;
  for (let e = child.firstEpisode; e < child.endEpisode; e++) {
    const removal = cols.removalDay[e];
    if (removal > period.end || removal >= child.eighteenth) return;
    if (removal >= period.start) {
      const first = firstLivedPlacement(cols, e);
      if (first >= 0) {
        const ageGroup = child.ageGroupOn(removal);
        tallies.add(k, Slot.firstPlacementKnown, ageGroup, 1);
        if (isCongregate(cols.setting[first])) tallies.add(k, Slot.firstPlacementCongregate, ageGroup, 1);
      }
    }

    const end = endOfCare(cols, e, child.eighteenth);
    const from = removal > period.start ? removal : period.start;
    if (end <= from) continue;
    if (daysAgeGroup < 0) daysAgeGroup = child.ageGroupOn(from);
    const to = end < period.after ? end : period.after;
    let placed = 0;
    let congregate = 0;
    let lastDayPlacement = -1;
    for (let p = cols.placementStart[e]; p < cols.placementStart[e + 1]; p++) {
      const start = cols.startDay[p];
      if (start >= to) break;
      if (!isLived(cols, p)) continue;
      const lo = start > from ? start : from;
      const pEnd = placementEnd(cols, p);
      const hi = pEnd < to ? pEnd : to;
      if (hi <= lo) continue;
      placed += hi - lo;
      if (isCongregate(cols.setting[p])) congregate += hi - lo;
      if (pEnd > period.end) lastDayPlacement = p; // lived, starts by the last day, ends after it
    }
    if (placed > 0) tallies.add(k, Slot.congregateDaysPlaced, daysAgeGroup, placed);
    if (congregate > 0) tallies.add(k, Slot.congregateDaysInCongregate, daysAgeGroup, congregate);

    // In care on the last day (end > period.end) with a placement that day.
    if (end > period.end && lastDayPlacement >= 0) {
      const ageGroup = child.ageGroupOn(period.end);
      tallies.add(k, Slot.congregateEndPlaced, ageGroup, 1);
      if (isCongregate(cols.setting[lastDayPlacement])) tallies.add(k, Slot.congregateEndInCongregate, ageGroup, 1);
    }
  }
}
