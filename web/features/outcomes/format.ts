import type { Language, Translate } from "../../i18n/i18n";
import type { CellView, MeasureUnit, PeriodInfo } from "./types";

/**
 * Decimals per unit: percentages to a tenth, rates to a hundredth (as CB's profiles print them), days and counts whole.
 */
const decimals: Record<MeasureUnit, number> = { percent: 1, per_1000_days: 2, per_100000_days: 2, days: 0, count: 0 };

export function formatNumber(language: Language, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(language === "es" ? "es-US" : "en-US", {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A measure's value with its unit ("41.2 %", "4.12 per 1,000 days"). */
export function formatValue(t: Translate, language: Language, unit: MeasureUnit, value: number): string {
  return t(`outcomes.unit.${unit}`, { value: formatNumber(language, value, decimals[unit]) });
}

/** A bare number of the unit's precision, for tables and chart labels. */
export function formatBare(language: Language, unit: MeasureUnit, value: number): string {
  return formatNumber(language, value, decimals[unit]);
}

/** What a cell shows: the value, "suppressed", or "No data". */
export function cellText(t: Translate, language: Language, unit: MeasureUnit, cell: CellView, bare = false): string {
  if (cell.suppressed.value) return t("outcomes.suppressed");
  if (cell.value === null) return t("outcomes.noData");
  return bare ? formatBare(language, unit, cell.value) : formatValue(t, language, unit, cell.value);
}

export function countText(t: Translate, language: Language, count: number | null, hidden: boolean): string {
  if (hidden) return t("outcomes.suppressed");
  if (count === null) return "—";
  return formatNumber(language, count);
}

export function periodText(t: Translate, formatDate: (day: string) => string, period: PeriodInfo): string {
  const range = { start: formatDate(period.start), end: formatDate(period.end) };
  return period.label ? t("outcomes.periodLabel", { ...range, label: period.label }) : t("outcomes.periodRange", range);
}

/** Short period name for chart axes: CB's "21A21B" when aligned, else the start month. */
export function periodShort(language: Language, period: PeriodInfo): string {
  if (period.label) return period.label;
  return new Intl.DateTimeFormat(language === "es" ? "es-US" : "en-US", {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  }).format(new Date(`${period.start}T00:00:00Z`));
}

/** Tables print bare numbers under a heading that carries the unit ("Value (per 1,000 days in care)"). */
const valueIn = (t: Translate, unit: MeasureUnit) =>
  t("outcomes.trend.valueIn", { unit: t(`outcomes.unitName.${unit}`) });

/**
 * The columns a table of a unit's figures has beyond the value: a count is its own value, a median has no numerator, a
 * rate's denominator is days.
 */
export function figureColumns(
  t: Translate,
  unit: MeasureUnit,
): { value: string; numerator: string | null; denominator: string | null } {
  switch (unit) {
    case "count":
      return { value: t("outcomes.trend.count"), numerator: null, denominator: null };
    case "days":
      return { value: valueIn(t, unit), numerator: null, denominator: t("outcomes.trend.cohort") };
    case "percent":
      return {
        value: valueIn(t, unit),
        numerator: t("outcomes.trend.numerator"),
        denominator: t("outcomes.trend.denominator"),
      };
    default:
      return {
        value: valueIn(t, unit),
        numerator: t("outcomes.trend.numerator"),
        denominator: t("outcomes.trend.daysInCare"),
      };
  }
}

/** A period by its months ("Apr 2021 – Mar 2022 (21B22A)"): short enough for a table's row header on a phone. */
export function periodMonths(t: Translate, language: Language, period: PeriodInfo): string {
  const month = new Intl.DateTimeFormat(language === "es" ? "es-US" : "en-US", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  const range = {
    start: month.format(new Date(`${period.start}T00:00:00Z`)),
    end: month.format(new Date(`${period.end}T00:00:00Z`)),
  };
  return period.label ? t("outcomes.periodLabel", { ...range, label: period.label }) : t("outcomes.periodRange", range);
}
