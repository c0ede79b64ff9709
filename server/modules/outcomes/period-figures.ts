import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { dayOf, isoOf } from "./history/days.js";
import { type MeasureId, type MeasureUnit, measureCatalogue, measureIds } from "./measures/catalogue.js";
import { computeMeasures, periodStarting } from "./measures/engine.js";
import { listAreas } from "./read/areas.js";
import { readHistoryColumns } from "./read/read-columns.js";
import { hiddenParts } from "./suppression.js";

export interface PeriodFigure {
  measure: MeasureId;
  unit: MeasureUnit;
  numerator: number | null;
  denominator: number;
  value: number | null;
  /** A count from 1 to 10 that is hidden wherever the figure is shown outside the site's own staff. */
  suppressed: boolean;
}

export interface PeriodFigures {
  period: { start: string; end: string };
  /** The area's code, or "N areas". */
  scope: string;
  children: number;
  measures: PeriodFigure[];
}

/** Is `text` a calendar day YYYY-MM-DD? */
export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isoOf(dayOf(text)) === text;
}

/**
 * Every measure for the 12-month period starting `periodStart`, over one area
 * (by code) or every area: for operators (`qpi outcomes`), no access check.
 * Null when no area has the code.
 */
export async function figuresForPeriod(
  db: Kysely<Database>,
  periodStart: string,
  areaCode?: string,
): Promise<PeriodFigures | null> {
  const areas = await listAreas(db);
  const area = areaCode ? areas.find((a) => a.code === areaCode) : undefined;
  if (areaCode && !area) return null;
  const columns = await readHistoryColumns(db, area ? { areaIds: [area.id] } : {});
  const period = periodStarting(dayOf(periodStart));
  const [results] = computeMeasures(columns, [period]);
  const measures = measureIds.map((id): PeriodFigure => {
    const t = results.total[id];
    const hidden = hiddenParts(t, measureCatalogue[id].unit);
    return {
      measure: id,
      unit: measureCatalogue[id].unit,
      numerator: t.numerator,
      denominator: t.denominator,
      value: t.value,
      suppressed: hidden.numerator || hidden.denominator || hidden.value,
    };
  });
  return {
    period: { start: isoOf(period.start), end: isoOf(period.end) },
    scope: area ? area.code : `${areas.length} areas`,
    children: columns.childCount,
    measures,
  };
}
