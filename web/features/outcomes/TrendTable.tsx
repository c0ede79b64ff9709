import { useI18n } from "../../i18n/i18n";
import { cellText, countText, figureColumns, periodMonths } from "./format";
import { ScrollRegion } from "./ScrollRegion";
import type { MeasureUnit, TrendPointView } from "./types";

/** The trend's figures as a table: what the chart shows, for reading, screen readers and copying. */
export function TrendTable({
  points,
  unit,
  measureName,
  id,
}: {
  points: TrendPointView[];
  unit: MeasureUnit;
  measureName: string;
  id?: string;
}) {
  const { t, language } = useI18n();
  const columns = figureColumns(t, unit);
  return (
    <ScrollRegion id={id} label={t("outcomes.trend.tableCaption", { measure: measureName })}>
      <table className="usa-table usa-table--borderless usa-table--compact qpi-figures">
        <caption>{t("outcomes.trend.tableCaption", { measure: measureName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("outcomes.trend.period")}</th>
            <th scope="col">{columns.value}</th>
            {columns.numerator && <th scope="col">{columns.numerator}</th>}
            {columns.denominator && <th scope="col">{columns.denominator}</th>}
            <th scope="col">{t("outcomes.trend.launch")}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.period.start}>
              <th scope="row">{periodMonths(t, language, p.period)}</th>
              <td>
                {cellText(t, language, unit, p, true)}
                {!p.followUpComplete && p.value !== null && ` (${t("outcomes.compare.provisional")})`}
              </td>
              {columns.numerator && <td>{countText(t, language, p.numerator, p.suppressed.numerator)}</td>}
              {columns.denominator && <td>{countText(t, language, p.denominator, p.suppressed.denominator)}</td>}
              <td>{p.launch ? t(`outcomes.launch.${p.launch}`) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
