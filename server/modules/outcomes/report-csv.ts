import type { z } from "zod";
import type { Cell, Report } from "./schema.js";
import { SUPPRESSED_MARK } from "./suppression.js";

const header = [
  "area",
  "period_start",
  "period_end",
  "measure",
  "unit",
  "dimension",
  "group",
  "numerator",
  "denominator",
  "value",
  "national",
  "follow_up_complete",
];

/** RFC 4180: quote a field holding a comma, quote or line break. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function part(cell: z.infer<typeof Cell>, key: "numerator" | "denominator" | "value"): string {
  if (cell.suppressed[key]) return SUPPRESSED_MARK;
  const value = cell[key];
  return value === null ? "" : String(Math.round(value * 10_000) / 10_000);
}

/**
 * The report as CSV, exactly as the viewer sees it: suppressed cells are
 * written "suppressed" (never the number), so an export handed on outside the
 * site discloses no more than the page. Each measure's trend periods first
 * (dimension "total"), then the report period's breakdowns.
 */
export function reportCsv(report: z.infer<typeof Report>): string {
  const lines = [header.join(",")];
  const row = (
    measure: (typeof report.measures)[number],
    period: { start: string; end: string },
    dimension: string,
    group: string,
    cell: z.infer<typeof Cell>,
    complete: boolean,
  ) =>
    lines.push(
      [
        report.area.code,
        period.start,
        period.end,
        measure.measure,
        measure.unit,
        dimension,
        group,
        part(cell, "numerator"),
        part(cell, "denominator"),
        part(cell, "value"),
        measure.national === null ? "" : String(measure.national),
        String(complete),
      ]
        .map(field)
        .join(","),
    );
  for (const measure of report.measures) {
    for (const point of measure.trend) row(measure, point.period, "total", "", point, point.followUpComplete);
    for (const dimension of ["age_group", "race", "sex"] as const) {
      for (const group of measure.by[dimension])
        row(measure, report.period, dimension, group.group, group, measure.followUpComplete);
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
