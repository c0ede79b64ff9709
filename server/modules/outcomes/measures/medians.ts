import { Int32List } from "../history/int32-list.js";
import { orderByKey } from "./order-by-key.js";
import { AGE_BASE, RACE_BASE, SEX_BASE, SITE_BASE } from "./tallies.js";

/**
 * Values (days) whose median the engine reports per cell — total, age group,
 * race, sex, site — laid out like a Tallies row. The median of an even count
 * is the mean of the two middle values.
 */
export class MedianList {
  readonly values = new Int32List(64);
  /** Packed cells: age group (0..5, 7 = no dimensions) | race << 3 | sex << 6 | site << 8. */
  readonly cellCodes = new Int32List(64);

  push(value: number, ageGroup: number, race: number, sex: number, site: number): void {
    this.values.push(value);
    this.cellCodes.push(ageGroup | (race << 3) | (sex << 6) | (site << 8));
  }

  /** Homes: a value with a site and nothing else. */
  pushForSite(value: number, site: number): void {
    this.push(value, 7, 0, 0, site);
  }

  /** Per cell (Tallies layout, `stride` cells): counts and medians; median NaN when the count is 0. */
  medians(stride: number): { counts: Float64Array; medians: Float64Array } {
    const n = this.values.length;
    const values = this.values.data;
    const codes = this.cellCodes.data;
    const cells = new Int32Array(5);
    const counts = new Float64Array(stride);
    for (let i = 0; i < n; i++) {
      const k = cellsOf(codes[i], stride, cells);
      for (let j = 0; j < k; j++) counts[cells[j]]++;
    }
    const seen = new Float64Array(stride);
    const low = new Float64Array(stride).fill(NaN);
    const medians = new Float64Array(stride).fill(NaN);
    const order = orderByKey(values, n);
    for (let o = 0; o < n; o++) {
      const value = values[order[o]];
      const k = cellsOf(codes[order[o]], stride, cells);
      for (let j = 0; j < k; j++) {
        const cell = cells[j];
        const position = seen[cell]++;
        if (position === Math.floor((counts[cell] - 1) / 2)) low[cell] = value;
        if (position === Math.floor(counts[cell] / 2)) medians[cell] = (low[cell] + value) / 2;
      }
    }
    return { counts, medians };
  }
}

/**
 * Writes the cells a packed code belongs to into `out` — total, then age, race, sex (not for homes) and site — and
 * returns how many.
 */
function cellsOf(code: number, stride: number, out: Int32Array): number {
  let k = 0;
  out[k++] = 0;
  const age = code & 7;
  if (age !== 7) {
    out[k++] = AGE_BASE + age;
    out[k++] = RACE_BASE + ((code >>> 3) & 7);
    out[k++] = SEX_BASE + ((code >>> 6) & 3);
  }
  const site = SITE_BASE + (code >>> 8);
  if (site < stride) out[k++] = site;
  return k;
}
