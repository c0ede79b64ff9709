import { NO_DAY } from "../history/days.js";
import { Int32List } from "../history/int32-list.js";

const INFINITE = 2_147_483_647;
const endOf = (day: number) => (day === NO_DAY ? INFINITE : day);

/**
 * The episodes and placements of a batch accepted so far, as per-child linked
 * lists (children by batch index): what a later row is checked against.
 */
export class ChildSpells {
  private readonly episodeHead = new Int32List();
  private readonly placementHead = new Int32List();
  readonly epRemoval = new Int32List();
  readonly epExit = new Int32List();
  private readonly epNext = new Int32List();
  readonly epLine = new Int32List();
  readonly plStart = new Int32List();
  private readonly plEnd = new Int32List();
  private readonly plNext = new Int32List();
  readonly plLine = new Int32List();

  /** The next child of the batch (its index is the count before). */
  addChild(): void {
    this.episodeHead.push(-1);
    this.placementHead.push(-1);
  }

  /**
   * An accepted episode of child c that [removal, exit] overlaps, or -1.
   * Episodes are closed ranges: a child who left care on a day cannot re-enter that same day in another episode.
   */
  episodeOverlapping(c: number, removal: number, exit: number): number {
    for (let e = this.episodeHead.data[c]; e >= 0; e = this.epNext.data[e])
      if (removal <= endOf(this.epExit.data[e]) && this.epRemoval.data[e] <= endOf(exit)) return e;
    return -1;
  }

  addEpisode(c: number, removal: number, exit: number, line: number): void {
    const e = this.epRemoval.push(removal);
    this.epExit.push(exit);
    this.epNext.push(this.episodeHead.data[c]);
    this.epLine.push(line);
    this.episodeHead.data[c] = e;
  }

  /** Child c's accepted episode with this removal day, or -1. */
  episodeRemovedOn(c: number, removal: number): number {
    let episode = -1;
    for (let e = this.episodeHead.data[c]; e >= 0; e = this.epNext.data[e])
      if (this.epRemoval.data[e] === removal) episode = e;
    return episode;
  }

  /**
   * An accepted placement of child c that [start, end) overlaps, or -1. Placements are [start, end) as in the
   * platform's EXCLUDE constraint: a move ends one placement the day the next starts, and a placement that ended the
   * day it began (an empty range) overlaps nothing.
   */
  placementOverlapping(c: number, start: number, end: number): number {
    for (let p = start === end ? -1 : this.placementHead.data[c]; p >= 0; p = this.plNext.data[p]) {
      const ps = this.plStart.data[p];
      const pe = this.plEnd.data[p];
      if (ps !== pe && start < endOf(pe) && ps < endOf(end)) return p;
    }
    return -1;
  }

  addPlacement(c: number, start: number, end: number, line: number): void {
    const p = this.plStart.push(start);
    this.plEnd.push(end);
    this.plNext.push(this.placementHead.data[c]);
    this.plLine.push(line);
    this.placementHead.data[c] = p;
  }
}
