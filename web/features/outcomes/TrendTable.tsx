import { DataTable } from "../../app/DataTable";
import { useI18n } from "../../i18n/i18n";
import { cellText, countText, figureColumns, periodMonths } from "./format";
import type { MeasureUnit, TrendPointView } from "./types";

/** The trend's figures as a table: what the chart shows, for reading, screen readers and copying. */
export function TrendTable({
  points,
  unit,
  measureName,
}: {
  points: TrendPointView[];
  unit: MeasureUnit;
  measureName: string;
}) {
  const { t, language } = useI18n();
  const columns = figureColumns(t, unit);
  return (
    <DataTable
      caption={t("outcomes.trend.tableCaption", { measure: measureName })}
      layout="compact"
      className="qpi-figures"
      scroll="region"
      rows={points}
      rowKey={(p) => p.period.start}
      columns={[
        { header: t("outcomes.trend.period"), cell: (p) => periodMonths(t, language, p.period) },
        {
          header: columns.value,
          cell: (p) => (
            <>
              {cellText(t, language, unit, p, true)}
              {!p.followUpComplete && p.value !== null && ` (${t("outcomes.compare.provisional")})`}
            </>
          ),
        },
        !!columns.numerator && {
          header: columns.numerator,
          cell: (p) => countText(t, language, p.numerator, p.suppressed.numerator),
        },
        !!columns.denominator && {
          header: columns.denominator,
          cell: (p) => countText(t, language, p.denominator, p.suppressed.denominator),
        },
        { header: t("outcomes.trend.launch"), cell: (p) => (p.launch ? t(`outcomes.launch.${p.launch}`) : "—") },
      ]}
    />
  );
}
