import type { HistoryColumns } from "../history/columns.js";
import { wholeMonths } from "../history/days.js";
import { addMonthsFast } from "./calendar.js";
import { CurrentChild } from "./child.js";
import { MedianList } from "./medians.js";
import { SiblingList } from "./siblings.js";
import { Tallies } from "./tallies.js";
import type { MeasureOptions, Period } from "./types.js";

/** A period with the days every measure compares against, computed once. */
export class PeriodFrame {
  readonly start: number;
  readonly end: number;
  /** end + 1: the first day after the period. */
  readonly after: number;
  /** start + 12 months: "within 12 months of the first day" means before it (Q1). */
  readonly anniversary: number;
  /** P2/P3: the latest removal day with ≥ 12 (≥ 24) months in care on the first day. */
  readonly latestRemovalFor12Months: number;
  readonly latestRemovalFor24Months: number;
  /** home_retention_1y: homes approved from here to start − 1. */
  readonly retentionCohortStart: number;

  constructor(period: Period, monthsInCare: MeasureOptions["monthsInCare"]) {
    this.start = period.start;
    this.end = period.end;
    this.after = period.end + 1;
    this.anniversary = addMonthsFast(period.start, 12);
    this.retentionCohortStart = addMonthsFast(period.start, -12);
    if (monthsInCare === "average") {
      // days ÷ 30.4375 ≥ 12 ⇔ days ≥ 365.25 ⇔ days ≥ 366; ≥ 24 ⇔ days ≥ 731.
      this.latestRemovalFor12Months = period.start - 366;
      this.latestRemovalFor24Months = period.start - 731;
    } else {
      this.latestRemovalFor12Months = latestRemovalWithMonths(period.start, 12);
      this.latestRemovalFor24Months = latestRemovalWithMonths(period.start, 24);
    }
  }
}

const thresholds = new Map<number, number>();

/**
 * wholeMonths(removal, day) falls as removal moves later, so "≥ n months" is "removal ≤ some day": find it (once per
 * day).
 */
function latestRemovalWithMonths(day: number, months: number): number {
  const key = day * 64 + months;
  const known = thresholds.get(key);
  if (known !== undefined) return known;
  if (thresholds.size > 10_000) thresholds.clear();
  let removal = addMonthsFast(day, -months) - 3;
  while (wholeMonths(removal + 1, day) >= months) removal++;
  while (wholeMonths(removal, day) < months) removal--;
  thresholds.set(key, removal);
  return removal;
}

/** Everything one computeMeasures call accumulates into. */
export class MeasureRun {
  readonly periods: PeriodFrame[];
  readonly tallies: Tallies;
  readonly lengthsOfStay: MedianList[];
  readonly daysToApproval: MedianList[];
  readonly siblings: SiblingList[];
  /** Per period, exits by reason: 0 none recorded, 1..8 exit reason code, 9 aged out (18th birthday). */
  readonly exitReasons: Float64Array;
  /** Per period, closures by reason: 0 not recorded, 1..7 closure reason. */
  readonly closureReasons: Float64Array;
  readonly child = new CurrentChild();

  constructor(
    readonly cols: HistoryColumns,
    periods: readonly Period[],
    readonly options: MeasureOptions,
  ) {
    this.periods = periods.map((p) => new PeriodFrame(p, options.monthsInCare));
    this.tallies = new Tallies(periods.length, cols.sites.length);
    this.lengthsOfStay = periods.map(() => new MedianList());
    this.daysToApproval = periods.map(() => new MedianList());
    this.siblings = periods.map(() => new SiblingList());
    this.exitReasons = new Float64Array(periods.length * 10);
    this.closureReasons = new Float64Array(periods.length * 8);
  }
}
