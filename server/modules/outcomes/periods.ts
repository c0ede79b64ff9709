import { addMonths, dayOf, isoOf } from "./history/days.js";
import type { MeasureId } from "./measures/catalogue.js";
import { periodStarting } from "./measures/engine.js";
import type { Period } from "./measures/types.js";

/**
 * Which 12-month periods the dashboards offer, and which one they open on.
 *
 * Periods start on an AFCARS half-year (1 October "A", 1 April "B";
 * research/metrics.md §1.1), as CB's data profiles do, so a site's figures
 * line up with its federal profile and the trend steps by six months.
 */

/**
 * Months after a period's end before its numerator is final: P1 and
 * reunification follow each entry for 12 months, P4 each exit, S2 each first
 * report (DD; measures/permanency.ts, reentry.ts, safety.ts). Every other
 * measure is complete on the period's last day (home retention looks at homes
 * approved in the 12 months *before* the period: measures/homes.ts).
 */
export const followUpMonths: Partial<Record<MeasureId, number>> = {
  permanency_12m_entries: 12,
  reunification_12m: 12,
  reentry_12m: 12,
  recurrence: 12,
};
const LONGEST_FOLLOW_UP = 12;

export function followUpOf(measure: MeasureId): number {
  return followUpMonths[measure] ?? 0;
}

/** Whether the data (as of `asOf`) reach past the period's end by the measure's follow-up. */
export function followUpComplete(measure: MeasureId, period: Period, asOf: number | null): boolean {
  if (asOf === null) return false;
  return addMonths(period.end + 1, followUpOf(measure)) - 1 <= asOf;
}

/** The latest AFCARS half-year start on or before `day`. */
export function halfYearStartOnOrBefore(day: number): number {
  const iso = isoOf(day);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  if (month >= 10) return dayOf(`${year}-10-01`);
  if (month >= 4) return dayOf(`${year}-04-01`);
  return dayOf(`${year - 1}-10-01`);
}

/** The first AFCARS half-year start on or after `day`. */
export function halfYearStartOnOrAfter(day: number): number {
  const before = halfYearStartOnOrBefore(day);
  return before === day ? day : addMonths(before, 6);
}

/**
 * The default: the latest half-year-aligned 12 months whose longest
 * follow-up (12 months) has also passed by the data's as-of day, so every
 * figure on the page is final rather than provisional. Later periods can be
 * chosen; their follow-up measures say "provisional".
 */
export function defaultPeriodStart(asOf: number): number {
  // end + 12 months ≤ asOf ⇔ start + 24 months − 1 ≤ asOf
  let start = halfYearStartOnOrBefore(addMonths(asOf + 1, -12 - LONGEST_FOLLOW_UP));
  while (addMonths(addMonths(start, 6), 12 + LONGEST_FOLLOW_UP) - 1 <= asOf) start = addMonths(start, 6);
  return start;
}

/** The latest half-year start whose 12 months have ended by `asOf`. */
export function latestCompletePeriodStart(asOf: number): number {
  let start = halfYearStartOnOrBefore(addMonths(asOf + 1, -12));
  while (addMonths(addMonths(start, 6), 12) - 1 <= asOf) start = addMonths(start, 6);
  return start;
}

/** Every half-year start from the first on or after `dataFrom` to the latest complete one, newest first. */
export function offeredPeriodStarts(dataFrom: number, asOf: number): number[] {
  const starts: number[] = [];
  for (let s = latestCompletePeriodStart(asOf); s >= halfYearStartOnOrAfter(dataFrom); s = addMonths(s, -6))
    starts.push(s);
  return starts;
}

/** Twelve-month periods starting every six months, `from` to `to` (both starts), oldest first. */
export function halfYearSteps(from: number, to: number): Period[] {
  const periods: Period[] = [];
  for (let s = from; s <= to; s = addMonths(s, 6)) periods.push(periodStarting(s));
  return periods;
}

/** The dashboard's trend: `count` periods in half-year steps, ending with the one starting on `last`. */
export function trendEndingWith(last: number, count = 8): Period[] {
  return halfYearSteps(addMonths(last, -6 * (count - 1)), last);
}

/** CB's name of a half-year-aligned 12-month period: 2020-10-01 → "21A21B", 2020-04-01 → "20B21A". */
export function afcarsLabel(period: Period): string | null {
  const iso = isoOf(period.start);
  const year = Number(iso.slice(0, 4));
  const rest = iso.slice(5);
  const yy = (y: number) => String(y % 100).padStart(2, "0");
  if (rest === "10-01") return `${yy(year + 1)}A${yy(year + 1)}B`;
  if (rest === "04-01") return `${yy(year)}B${yy(year + 1)}A`;
  return null;
}

/** Where a period falls against the site's QPI launch. */
export function launchRelation(period: Period, launch: number | null): "before" | "after" | "spans" | null {
  if (launch === null) return null;
  if (period.end < launch) return "before";
  if (period.start >= launch) return "after";
  return "spans";
}

/** The 12 months that end the day before the launch. */
export function periodBeforeLaunch(launch: number): Period {
  return { start: addMonths(launch, -12), end: launch - 1 };
}
