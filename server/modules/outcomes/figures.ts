import type { z } from "zod";
import { raceNames, sexNames } from "./history/codes.js";
import { isoOf } from "./history/days.js";
import { type MeasureId, measureCatalogue } from "./measures/catalogue.js";
import {
  ageGroupKeys,
  type Dimension,
  dimensions,
  type MeasureResult,
  type Period,
  type Tally,
} from "./measures/types.js";
import { afcarsLabel, followUpComplete, launchRelation } from "./periods.js";
import type { BreakdownRow, MeasureReport, PeriodView, TrendPoint } from "./schema.js";
import { type ShownTally, showBreakdown, showTally } from "./suppression.js";

/** The engine's results as the API shows them, suppression applied for viewers outside the site. */

export function periodView(period: Period): PeriodView {
  return { start: isoOf(period.start), end: isoOf(period.end), label: afcarsLabel(period) };
}

export type MissingSource = "maltreatment_reports" | "homes" | null;

/** The measures that cannot be computed without a kind of record. */
export function sourceNeeded(measure: MeasureId): Exclude<MissingSource, null> | null {
  if (measure === "maltreatment_in_care" || measure === "recurrence") return "maltreatment_reports";
  return measureCatalogue[measure].family === "homes" ? "homes" : null;
}

/** Which source a measure lacks in an area's data (see area-results.ts SourcesBySite), or null. */
export function missingSource(
  measure: MeasureId,
  sources: { reports: boolean[]; homes: boolean[] },
  site: number,
): MissingSource {
  const needed = sourceNeeded(measure);
  if (needed === "maltreatment_reports" && !sources.reports[site]) return needed;
  if (needed === "homes" && !sources.homes[site]) return needed;
  return null;
}

/** A figure as shown; without its source records the value is "not measured" (null), never a 0. */
export function shownCell(measure: MeasureId, tally: Tally, exact: boolean, missing: MissingSource = null): ShownTally {
  return showTally(missing ? { ...tally, value: null } : tally, measureCatalogue[measure].unit, exact);
}

/** Observed against national, where the measure has a national figure and a value is shown. */
function versusNational(value: number | null, national: number | undefined): "higher" | "lower" | "same" | null {
  if (value === null || national === undefined) return null;
  // Compared at the precision the page prints (a tenth of a percent, a hundredth of a rate).
  const a = Math.round(value * 100);
  const b = Math.round(national * 100);
  return a > b ? "higher" : a < b ? "lower" : "same";
}

export interface TrendInput {
  period: Period;
  tally: Tally;
}

export function trendPoints(
  measure: MeasureId,
  points: TrendInput[],
  exact: boolean,
  launch: number | null,
  asOf: number | null,
  missing: MissingSource = null,
): z.infer<typeof TrendPoint>[] {
  return points.map(({ period, tally }) => ({
    ...shownCell(measure, tally, exact, missing),
    period: periodView(period),
    launch: launchRelation(period, launch),
    followUpComplete: followUpComplete(measure, period, asOf),
  }));
}

/** Each dimension's groups in their published order (an object would put "17" first: integer-like keys sort ahead). */
const unknownLast = (names: readonly string[]) => [...names.filter((n) => n !== "unknown"), "unknown"];
const groupOrder: Record<Dimension, readonly string[]> = {
  age_group: ageGroupKeys,
  race: unknownLast(raceNames),
  sex: unknownLast(sexNames),
};

/** A breakdown's groups in order, leaving out groups with no one in them. */
function breakdownRows(
  measure: MeasureId,
  dimension: Dimension,
  groups: Record<string, Tally>,
  exact: boolean,
  missing: MissingSource,
): z.infer<typeof BreakdownRow>[] {
  const keys = groupOrder[dimension].filter(
    (k) => groups[k] && (groups[k].denominator > 0 || (groups[k].numerator ?? 0) > 0),
  );
  const present = Object.fromEntries(keys.map((k) => [k, missing ? { ...groups[k], value: null } : groups[k]]));
  const shown = showBreakdown(present, measureCatalogue[measure].unit, exact);
  return keys.map((group) => ({ group, ...shown[group] }));
}

export function measureReport(
  result: MeasureResult,
  trend: TrendInput[],
  context: { period: Period; exact: boolean; launch: number | null; asOf: number | null; missing: MissingSource },
): z.infer<typeof MeasureReport> {
  const info = measureCatalogue[result.measure];
  const shown = shownCell(result.measure, result, context.exact, context.missing);
  const by = Object.fromEntries(
    dimensions.map((d) => [d, breakdownRows(result.measure, d, result.by[d], context.exact, context.missing)]),
  ) as z.infer<typeof MeasureReport>["by"];
  return {
    ...shown,
    measure: result.measure,
    unit: info.unit,
    good: info.good,
    national: info.national?.value ?? null,
    versusNational: shown.suppressed.value ? null : versusNational(shown.value, info.national?.value),
    followUpComplete: followUpComplete(result.measure, context.period, context.asOf),
    by,
    trend: trendPoints(result.measure, trend, context.exact, context.launch, context.asOf, context.missing),
    missingSource: context.missing,
  };
}
