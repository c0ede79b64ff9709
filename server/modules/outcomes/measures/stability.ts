import { ChangeKind, Setting } from "../history/codes.js";
import { OPEN } from "./calendar.js";
import { endOfCare } from "./child.js";
import { isLived, placedDays } from "./placements.js";
import type { MeasureRun } from "./run.js";
import { periodWindowEnd } from "./safety.js";
import { Slot } from "./tallies.js";

/**
 * W1, placement stability: moves per 1,000 days in care (DD p. 7;
 * metrics.md §1.3.4, §1.3.7), and the QPI measure unplanned_moves on the same
 * days. Observed performance.
 *
 * Cohort: every removal in the period (a child entering twice counts both,
 * "cumulative across episodes") of a child under 18 that day; children
 * without a birth date are left out. Excluded: a complete episode shorter
 * than 8 days ("complete" per options.shortEpisodeSeenAt).
 *
 * Days: days with placement information — covered by a lived placement —
 * from removal to the end of care (the 18th birthday drops the rest) or the
 * period's end (options.periodEndDay). Trial home visit and runaway days are
 * days with placement information.
 *
 * Moves: what would raise AFCARS's count of places lived (TB#1 element 24,
 * NUMPLEP; the Oregon federal-measure definition, metrics.md §1.3.7). Among
 * the episode's lived placements other than trial home visits and runaway
 * spells, the first is the initial placement (not a move, DD); each later one
 * is a move unless it is the same known home as the one before it (a return
 * from a visit or a run, or a licence re-designation in the same home, is not
 * a new place). A move counts when it happens in the period and before the
 * end of care. Zero-length placements are skipped (placements.ts isLived).
 *
 * unplanned_moves: those moves whose change kind is emergency or unplanned
 * (planned, initial and unknown ones are not). Same days, per 1,000.
 *
 * Age group: age at the child's first counted entry of the period.
 */
export function countPlacementStability(run: MeasureRun, k: number): void {
  const cols = run.cols;
  const child = run.child;
  if (!child.birthKnown) return;
  const period = run.periods[k];
  let ageGroup = -1;
  for (let e = child.firstEpisode; e < child.endEpisode; e++) {
    const removal = cols.removalDay[e];
    if (removal > period.end || removal >= child.eighteenth) return;
    if (removal < period.start) continue;
    const end = endOfCare(cols, e, child.eighteenth);
    const complete = run.options.shortEpisodeSeenAt === "period_end" ? end <= period.end : end !== OPEN;
    if (complete && end - removal < 8) continue;
    if (ageGroup < 0) ageGroup = child.ageGroupOn(removal);

    const days = placedDays(cols, e, removal, periodWindowEnd(run, k, removal, end));
    let moves = 0;
    let unplanned = 0;
    let placedBefore = false;
    let previousHome = -1;
    const lastMoveDay = end - 1 < period.end ? end - 1 : period.end;
    for (let p = cols.placementStart[e]; p < cols.placementStart[e + 1]; p++) {
      if (!isLived(cols, p)) continue;
      const setting = cols.setting[p];
      if (setting === Setting.trialHomeVisit || setting === Setting.runaway) continue;
      const home = cols.homeKey[p];
      if (placedBefore && !(home >= 0 && home === previousHome) && cols.startDay[p] <= lastMoveDay) {
        moves++;
        const kind = cols.changeKind[p];
        if (kind === ChangeKind.emergency || kind === ChangeKind.unplanned) unplanned++;
      }
      placedBefore = true;
      previousHome = home;
    }
    if (days > 0) run.tallies.add(k, Slot.stabilityDays, ageGroup, days);
    if (moves > 0) run.tallies.add(k, Slot.stabilityMoves, ageGroup, moves);
    if (unplanned > 0) run.tallies.add(k, Slot.unplannedMoves, ageGroup, unplanned);
  }
}
