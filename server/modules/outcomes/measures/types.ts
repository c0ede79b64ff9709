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
/**
 * Keys of by.age_group: CB's groups plus "unknown" (no birth date: only QPI measures count such children; the CFSR
 * indicators leave them out).
 */
export const ageGroupKeys = [...ageGroups, "unknown"] as const;
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
  /**
   * Emulate AFCARS's six-month snapshots: an exit followed by a re-entry inside the same half-year is invisible (DD
   * "re-enter in the same reporting period" exclusion).
   */
  afcarsSnapshotEmulation: boolean;
  // Added by the measures engine (options.ts argues each default).
  /** P4: does a re-entry exactly 12 months after the exit count as "within 12 months"? */
  reentryAnniversaryCounts: boolean;
  /** S2: does a subsequent report exactly 12 months after the initial one count? */
  recurrenceAnniversaryCounts: boolean;
  /**
   * S1/W1 days: is the period's last day a day in care ("counted"), not ("not_counted"), or only for children in care
   * the whole period (the CB syntax as ported by POC)?
   */
  periodEndDay: "counted" | "not_counted" | "cb_syntax";
  /**
   * S1/W1 8-day rule: is an episode "complete" only if it ended by the period's end (what CB's files for the period
   * show), or if it ended at any time in the data?
   */
  shortEpisodeSeenAt: "period_end" | "latest_data";
  /** P2/P3, Q5: months in care as completed calendar months, or days ÷ 30.4375 (average month). */
  monthsInCare: "calendar" | "average";
  /**
   * S1: a report within 1 day of the child's previous substantiated report ("any_prior") or of the previous counted
   * report ("counted_prior") is a duplicate.
   */
  duplicateReportsAgainst: "any_prior" | "counted_prior";
  /**
   * S1: an incident date in the first 7 days of removal also excludes the report (CB syntax as ported by POC), not only
   * one before removal.
   */
  incidentInFirstWeekExcluded: boolean;
  /** Homes measures: count relative (kin) homes as well as resource families recruited for children generally. */
  homesIncludeKin: boolean;
}

export interface Tally {
  /** null for measures without a numerator (medians). */
  numerator: number | null;
  denominator: number;
  /**
   * percent, rate or days per the measure's unit; null when the denominator is 0. Counts: the count itself (0
   * included).
   */
  value: number | null;
}

export interface MeasureResult extends Tally {
  measure: MeasureId;
  /** Per dimension value (e.g. by.age_group["1_5"]); empty records where the dimension does not apply (homes). */
  by: Record<Dimension, Record<string, Tally>>;
  /** Totals by reason, where a measure has one (exits: exit reason or "aged_out"; homes_closed: closure reason). */
  byReason?: Record<string, Tally>;
}

export interface PeriodResults {
  period: Period;
  /** The whole dataset given to the engine. */
  total: Record<MeasureId, MeasureResult>;
  /** Per site index of the dataset (HistoryColumns.sites), totals only. */
  bySite: Record<MeasureId, Tally>[];
}
