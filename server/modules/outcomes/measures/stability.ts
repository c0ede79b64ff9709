import { ChangeKind, Setting } from "../history/codes.js";
import type { HistoryColumns } from "../history/columns.js";
import { NO_DAY } from "../history/days.js";
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
 * A placement of unknown setting (codes.ts UNKNOWN_SETTING, AFCARS imports)
 * is a place: not a trial home visit, not a runaway spell.
 *
 * Episodes that report their number of places (legacy AFCARS NUMPLEP,
 * HistoryColumns.reportedPlacements) but list fewer: see undatedMoves.
 *
 * unplanned_moves: those moves whose change kind is emergency or unplanned
 * (planned, initial and unknown ones are not). Same days, per 1,000. AFCARS
 * has no change kind: imported placements carry ChangeKind.unknown and the
 * moves only NUMPLEP tells of have none, so no AFCARS move is an unplanned move.
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
    let places = 0;
    let previousHome = -1;
    const lastMoveDay = end - 1 < period.end ? end - 1 : period.end;
    for (let p = cols.placementStart[e]; p < cols.placementStart[e + 1]; p++) {
      if (!isLived(cols, p)) continue;
      const setting = cols.setting[p];
      // UNKNOWN_SETTING (0, AFCARS imports) is a place like any other: not a visit, not a run.
      if (setting === Setting.trialHomeVisit || setting === Setting.runaway) continue;
      const home = cols.homeKey[p];
      const samePlace = places > 0 && home >= 0 && home === previousHome;
      previousHome = home;
      if (samePlace) continue;
      if (places > 0 && cols.startDay[p] <= lastMoveDay) {
        moves++;
        const kind = cols.changeKind[p];
        if (kind === ChangeKind.emergency || kind === ChangeKind.unplanned) unplanned++;
      }
      places++;
    }
    moves += undatedMoves(cols, e, places, lastMoveDay);
    if (days > 0) run.tallies.add(k, Slot.stabilityDays, ageGroup, days);
    if (moves > 0) run.tallies.add(k, Slot.stabilityMoves, ageGroup, moves);
    if (unplanned > 0) run.tallies.add(k, Slot.unplannedMoves, ageGroup, unplanned);
  }
}

/**
 * The moves an episode has beyond those its placements show, when they fall
 * in the period's window for W1 moves (removal … lastMoveDay); else 0.
 *
 * A legacy AFCARS file shows only the current placement, and NUMPLEP, the
 * number of places lived in the removal episode including the current one
 * (TB#1 element 24). The POC port of the CB syntax counts NUMPLEP − 1 moves
 * (placement_mobility.sql; metrics.md §1.3.4). When the places listed
 * (the initial one and the moves counted above, in the whole episode) are
 * fewer than NUMPLEP, the difference — NUMPLEP − places, or NUMPLEP − 1
 * when none is listed — is moves without dates.
 *
 * Dating them: NUMPLEP counts the current placement of the record it comes
 * from, which the importer lists as the episode's last placement, so those
 * moves happened after the removal and on or before that placement's start
 * (with no placement listed: before the exit, so not while it is open).
 * They count, all of them, only when that whole span lies in the window —
 * then every dated move does too, and the episode adds exactly NUMPLEP − 1.
 * Otherwise none of them count, only the dated ones inside the window. Not
 * pro rata: a move is a whole event and a numerator a count of events; and a
 * move is never counted in a period it may not have happened in. The cost is
 * an undercount when the last placement began after the period's end or
 * after the 18th birthday (POC instead drops just the one move into a current
 * setting begun after the birthday, assuming every other came before it).
 * When the files imported end with the period, as CB's two files of the
 * period do, the last placement began by its end and the count is POC's.
 */
export function undatedMoves(cols: HistoryColumns, e: number, places: number, lastMoveDay: number): number {
  const reported = cols.reportedPlacements === undefined ? 0 : cols.reportedPlacements[e];
  const undated = reported - (places > 0 ? places : 1);
  if (undated <= 0) return 0;
  const first = cols.placementStart[e];
  const last = cols.placementStart[e + 1] - 1;
  const exit = cols.exitDay[e];
  const latest = last >= first ? cols.startDay[last] : exit === NO_DAY ? OPEN : exit - 1;
  return latest <= lastMoveDay ? undated : 0;
}
