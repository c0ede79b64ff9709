/**
 * The one accumulator every measure adds into: per period, per slot (a
 * numerator or a denominator), a row of cells — total, the six age cells, the
 * eight race cells, the three sex cells, then one cell per site. An add puts
 * the value into the total and into the child's age, race, sex and site cells,
 * so every breakdown is exact and no per-child object is ever made.
 */

export const Slot = {
  maltreatmentVictimizations: 0,
  maltreatmentDays: 1,
  recurrenceRecurred: 2,
  recurrenceVictims: 3,
  permanencyEntriesExited: 4,
  permanencyEntries: 5,
  permanency1223Exited: 6,
  permanency1223: 7,
  permanency24Exited: 8,
  permanency24: 9,
  reentryReentered: 10,
  reentryExits: 11,
  stabilityMoves: 12,
  stabilityDays: 13,
  unplannedMoves: 14,
  congregateEndInCongregate: 15,
  congregateEndPlaced: 16,
  congregateDaysInCongregate: 17,
  congregateDaysPlaced: 18,
  firstPlacementCongregate: 19,
  firstPlacementKnown: 20,
  siblingsWithAll: 21,
  siblingsWithSome: 22,
  siblingsInCare: 23,
  reunifiedIn12m: 24,
  entries: 25,
  exits: 26,
  inCareEnd: 27,
  homesApproved: 28,
  homesClosed: 29,
  homesRetained: 30,
  homesRetentionCohort: 31,
} as const;
export const SLOT_COUNT = 32;

/** Age-group cell: 0..4 are CB's groups (types.ts ageGroups), 5 is "unknown". */
export const UNKNOWN_AGE = 5;
export const AGE_CELLS = 6;
export const RACE_CELLS = 8;
export const SEX_CELLS = 3;
export const AGE_BASE = 1;
export const RACE_BASE = AGE_BASE + AGE_CELLS;
export const SEX_BASE = RACE_BASE + RACE_CELLS;
export const SITE_BASE = SEX_BASE + SEX_CELLS;

/** CB's age groups (<1, 1–5, 6–10, 11–16, 17); 18 and over (only an aging-out exit) joins 17. */
export function ageGroupOfAge(age: number): number {
  if (age < 1) return 0;
  if (age <= 5) return 1;
  if (age <= 10) return 2;
  if (age <= 16) return 3;
  return 4;
}

export class Tallies {
  readonly cells: Float64Array;
  readonly stride: number;
  /** The current child's race, sex and site cells (set once per child). */
  private raceCell = RACE_BASE;
  private sexCell = SEX_BASE;
  private siteCell = SITE_BASE;

  constructor(
    readonly periodCount: number,
    readonly siteCount: number,
  ) {
    this.stride = SITE_BASE + siteCount;
    this.cells = new Float64Array(periodCount * SLOT_COUNT * this.stride);
  }

  setChild(race: number, sex: number, site: number): void {
    this.raceCell = RACE_BASE + (race >= 0 && race < RACE_CELLS ? race : 0);
    this.sexCell = SEX_BASE + (sex >= 0 && sex < SEX_CELLS ? sex : 0);
    this.siteCell = site < this.siteCount ? SITE_BASE + site : -1;
  }

  add(period: number, slot: number, ageGroup: number, value: number): void {
    const base = (period * SLOT_COUNT + slot) * this.stride;
    const cells = this.cells;
    cells[base] += value;
    cells[base + AGE_BASE + ageGroup] += value;
    cells[base + this.raceCell] += value;
    cells[base + this.sexCell] += value;
    if (this.siteCell >= 0) cells[base + this.siteCell] += value;
  }

  /** Homes have a site but no age, race or sex. */
  addForSite(period: number, slot: number, site: number, value: number): void {
    const base = (period * SLOT_COUNT + slot) * this.stride;
    this.cells[base] += value;
    if (site >= 0 && site < this.siteCount) this.cells[base + SITE_BASE + site] += value;
  }

  cell(period: number, slot: number, cell: number): number {
    return this.cells[(period * SLOT_COUNT + slot) * this.stride + cell];
  }
}
