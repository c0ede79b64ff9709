import type { MeasureId } from "./catalogue.js";

/**
 * A 12-month period: `start` (a day, days.ts) to `end` = start + 12 months − 1.
 * CB writes them as AFCARS half-years ("21A21B" = 2020-10-01 .. 2021-09-30);
 * any start day is allowed here.
 */
export interface Period {
  start: number;
  end: number;
}

/** CB's age groups for the CFSR breakdowns. */
export const ageGroups = ["under_1", "1_5", "6_10", "11_16", "17"] as const;
export type AgeGroup = (typeof ageGroups)[number];
export const dimensions = ["age_group", "race", "sex"] as const;
export type Dimension = (typeof dimensions)[number];

/**
 * Choices where the data dictionary is silent or ambiguous. Each has a
 * default chosen and argued in the engine's code; the alternatives exist so a
 * site can reproduce another reading and see the difference.
 */
export interface MeasureOptions {
  /** P1/P2/P3, Q1: does a permanency exit exactly 12 months after entry (or after day 1) count? */
  permanencyAnniversaryCounts: boolean;
  /** P4, Q2: with several qualifying exits in the period, count the child once (first exit) or each exit. */
  reentryExits: "first" | "each";
  /** S2, Q3: is a subsequent report exactly 14 days after the initial one excluded (inclusive window)? */
  recurrenceWindowInclusive: boolean;
  /** Emulate AFCARS's six-month snapshots: an exit followed by a re-entry inside the same half-year is invisible (DD "re-enter in the same reporting period" exclusion). */
  afcarsSnapshotEmulation: boolean;
}

export interface Tally {
  /** null for measures without a numerator (medians). */
  numerator: number | null;
  denominator: number;
  /** percent, rate or days per the measure's unit; null when the denominator is 0. */
  value: number | null;
}

export interface MeasureResult extends Tally {
  measure: MeasureId;
  /** Per dimension value (e.g. by.age_group["1_5"]). */
  by: Record<Dimension, Record<string, Tally>>;
}

export interface PeriodResults {
  period: Period;
  /** The whole dataset given to the engine. */
  total: Record<MeasureId, MeasureResult>;
  /** Per site index of the dataset (HistoryColumns.sites), totals only. */
  bySite: Record<MeasureId, Tally>[];
}
