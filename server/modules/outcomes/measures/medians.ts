import { IntList, orderByKey } from "./buffers.js";
import { AGE_BASE, RACE_BASE, SEX_BASE, SITE_BASE } from "./tallies.js";

/**
 * Values (days) whose median the engine reports per cell — total, age group,
 * race, sex, site — laid out like a Tallies row. The median of an even count
 * is the mean of the two middle values.
 */
export class MedianList {
  readonly values = new IntList();
  /** Packed cells: age group (0..5, 7 = no dimensions) | race << 3 | sex << 6 | site << 8. */
  readonly cellCodes = new IntList();

  push(value: number, ageGroup: number, race: number, sex: number, site: number): void {
    this.values.push(value);
    this.cellCodes.push(ageGroup | (race << 3) | (sex << 6) | (site << 8));
  }

  /** Homes: a value with a site and nothing else. */
  pushForSite(value: number, site: number): void {
    this.push(value, 7, 0, 0, site);
  }

  /** Per cell (Tallies layout, `stride` cells): [count, median] pairs; median NaN when the count is 0. */
  medians(stride: number): { counts: Float64Array; medians: Float64Array } {
    const n = this.values.length;
    const counts = new Float64Array(stride);
    const codes = this.cellCodes.data;
    const cellsOf = new Int32Array(5);
    const cellCount = (code: number): number => {
      cellsOf[0] = 0;
      const age = code & 7;
      if (age === 7) {
        cellsOf[1] = SITE_BASE + (code >>> 8);
        return 2;
      }
      cellsOf[1] = AGE_BASE + age;
      cellsOf[2] = RACE_BASE + ((code >>> 3) & 7);
      cellsOf[3] = SEX_BASE + ((code >>> 6) & 3);
      cellsOf[4] = SITE_BASE + (code >>> 8);
      return 5;
    };
    for (let i = 0; i < n; i++) {
      const k = cellCount(codes[i]);
      for (let j = 0; j < k; j++) if (cellsOf[j] < stride) counts[cellsOf[j]]++;
    }
    const seen = new Float64Array(stride);
    const low = new Float64Array(stride).fill(NaN);
    const medians = new Float64Array(stride).fill(NaN);
    const order = orderByKey(this.values.data, n);
    for (let o = 0; o < n; o++) {
      const i = order[o];
      const value = this.values.data[i];
      const k = cellCount(codes[i]);
      for (let j = 0; j < k; j++) {
        const cell = cellsOf[j];
        if (cell >= stride) continue;
        const position = seen[cell]++;
        const count = counts[cell];
        if (position === Math.floor((count - 1) / 2)) low[cell] = value;
        if (position === Math.floor(count / 2)) medians[cell] = (low[cell] + value) / 2;
      }
    }
    return { counts, medians };
  }
}
