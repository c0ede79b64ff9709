import type { HistoryColumns } from "../history/columns.js";
import { Int32List } from "../history/int32-list.js";
import { endOfCare } from "./child.js";
import { orderByKey } from "./order-by-key.js";
import { placementOn } from "./placements.js";
import type { MeasureRun } from "./run.js";
import { Slot } from "./tallies.js";

/**
 * siblings_all_together / siblings_some_together (QPI "less sibling
 * separation"; the point-in-time design of POC Washington and Berkeley CCWIP,
 * research/metrics.md §3):
 *
 *   Of the children in care on the period's last day who have at least one
 *   sibling (same sibling group) also in care that day, the share placed in
 *   the same home as all of those siblings / as at least one of them.
 *
 * "Same home" is the homeKey of the placement each child is in that day; a
 * child whose home is unknown, or who has no placement recorded that day, is
 * not together with anyone (but still counts in the denominator). Siblings in
 * care at another site count: the group is the family, not the county. Ages on
 * the last day.
 *
 * Siblings are the one measure that needs other children, so the pass only
 * notes (group, home, child) for each child in care on the last day and the
 * groups are evaluated after it, sorted by group.
 */
export class SiblingList {
  readonly groups = new Int32List(64);
  readonly homes = new Int32List(64);
  readonly children = new Int32List(64);
}

/** In the pass: note the current child if it has a sibling group and is in care on the last day. */
export function noteSiblingInCare(run: MeasureRun, k: number): void {
  const child = run.child;
  if (child.siblingGroup < 0) return;
  const cols = run.cols;
  const day = run.periods[k].end;
  for (let e = child.firstEpisode; e < child.endEpisode; e++) {
    const removal = cols.removalDay[e];
    if (removal > day) return;
    if (endOfCare(cols, e, child.eighteenth) <= day) continue;
    const p = placementOn(cols, e, day);
    const list = run.siblings[k];
    list.groups.push(child.siblingGroup);
    list.homes.push(p >= 0 ? cols.homeKey[p] : -1);
    list.children.push(child.index);
    return;
  }
}

/** After the pass: tally every noted child (or only `onlyChild`, for drill-down). */
export function countSiblingsTogether(run: MeasureRun, k: number, onlyChild = -1): void {
  const list = run.siblings[k];
  const n = list.groups.length;
  if (n === 0) return;
  const groups = list.groups.data;
  const homes = list.homes.data;
  const children = list.children.data;
  const order = orderByKey(groups, n);
  const day = run.periods[k].end;
  for (let lo = 0; lo < n; ) {
    const group = groups[order[lo]];
    let hi = lo + 1;
    while (hi < n && groups[order[hi]] === group) hi++;
    if (hi - lo >= 2) {
      for (let i = lo; i < hi; i++) {
        const member = order[i];
        if (onlyChild >= 0 && children[member] !== onlyChild) continue;
        const home = homes[member];
        let together = 0;
        if (home >= 0) for (let j = lo; j < hi; j++) if (j !== i && homes[order[j]] === home) together++;
        tallySibling(run, k, children[member], day, together, hi - lo - 1);
      }
    }
    lo = hi;
  }
}

function tallySibling(
  run: MeasureRun,
  k: number,
  c: number,
  day: number,
  together: number,
  siblingsInCare: number,
): void {
  const cols: HistoryColumns = run.cols;
  const child = run.child;
  child.load(cols, c);
  run.tallies.setChild(child.race, child.sex, child.site);
  const ageGroup = child.ageGroupOn(day);
  run.tallies.add(k, Slot.siblingsInCare, ageGroup, 1);
  if (together === siblingsInCare) run.tallies.add(k, Slot.siblingsWithAll, ageGroup, 1);
  if (together >= 1) run.tallies.add(k, Slot.siblingsWithSome, ageGroup, 1);
}
