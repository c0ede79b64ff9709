import { Setting } from "../history/codes.js";
import type { HistoryColumns } from "../history/columns.js";
import { NO_DAY } from "../history/days.js";
import { afcarsHalfYear, OPEN } from "./calendar.js";

/**
 * A placement the child lived in: open, or ending after it started. A
 * zero-length placement (start = end: a same-day pass-through or a
 * correction) holds no day in care, so no rule sees it — it is neither the
 * initial placement, nor a move, nor a home the child was in.
 */
export function isLived(cols: HistoryColumns, p: number): boolean {
  const end = cols.endDay[p];
  return end === NO_DAY || end > cols.startDay[p];
}

export function placementEnd(cols: HistoryColumns, p: number): number {
  const end = cols.endDay[p];
  return end === NO_DAY ? OPEN : end;
}

/** The episode's first lived placement, or -1. */
export function firstLivedPlacement(cols: HistoryColumns, e: number): number {
  for (let p = cols.placementStart[e]; p < cols.placementStart[e + 1]; p++) if (isLived(cols, p)) return p;
  return -1;
}

/** The lived placement the child is in on `day` (start ≤ day < end), or -1. */
export function placementOn(cols: HistoryColumns, e: number, day: number): number {
  for (let p = cols.placementStart[e]; p < cols.placementStart[e + 1]; p++) {
    if (cols.startDay[p] > day) return -1;
    if (day < placementEnd(cols, p) && isLived(cols, p)) return p;
  }
  return -1;
}

/** Days of the episode's lived placements inside [from, to): days with placement information. */
export function placedDays(cols: HistoryColumns, e: number, from: number, to: number): number {
  let days = 0;
  for (let p = cols.placementStart[e]; p < cols.placementStart[e + 1]; p++) {
    const start = cols.startDay[p];
    if (start >= to) break;
    const lo = start > from ? start : from;
    const end = placementEnd(cols, p);
    const hi = end < to ? end : to;
    if (hi > lo) days += hi - lo;
  }
  return days;
}

/**
 * P1's trial home visit adjustment (DD fn 3; metrics.md §1.1): a child
 * discharged to reunification whose last placement setting was a trial home
 * visit has the THV time beyond 30 days taken off the length of stay. The
 * THV time runs from the start of the trailing run of THV placements (a move
 * between two THV homes is one visit) to the exit. Returns the adjusted exit.
 */
export function exitAfterTrialHomeVisitAdjustment(cols: HistoryColumns, e: number): number {
  const exit = cols.exitDay[e];
  if (cols.exitReason[e] !== 1) return exit;
  let visitStart = NO_DAY;
  for (let p = cols.placementStart[e + 1] - 1; p >= cols.placementStart[e]; p--) {
    if (!isLived(cols, p)) continue;
    if (cols.setting[p] !== Setting.trialHomeVisit) break;
    visitStart = cols.startDay[p];
  }
  if (visitStart === NO_DAY || exit - visitStart <= 30) return exit;
  return visitStart + 30;
}

/**
 * afcarsSnapshotEmulation: AFCARS files hold one record per child per
 * half-year (the latest episode), so an exit followed by a new removal in the
 * same half-year never reaches CB and the DD excludes such children ("re-enter
 * foster care in the same reporting period due to AFCARS reporting structure",
 * P1–P4). True when episode e's exit is hidden that way.
 */
export function exitHiddenBySnapshot(cols: HistoryColumns, e: number, endEpisode: number): boolean {
  const exit = cols.exitDay[e];
  if (exit === NO_DAY || e + 1 >= endEpisode) return false;
  return afcarsHalfYear(cols.removalDay[e + 1]) === afcarsHalfYear(exit);
}
