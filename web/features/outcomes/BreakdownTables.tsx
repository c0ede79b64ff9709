import { useI18n } from "../../i18n/i18n";
import { cellText, countText, figureColumns } from "./format";
import { ScrollRegion } from "./ScrollRegion";
import type { MeasureInfo, MeasureReportView } from "./types";

const dimensions = ["age_group", "race", "sex"] as const;

/** The measure by age group, race and ethnicity, and sex — each group suppressed on its own where it must be. */
export function BreakdownTables({ measure, info }: { measure: MeasureReportView; info: MeasureInfo | undefined }) {
  const { t, language } = useI18n();
  if (dimensions.every((d) => measure.by[d].length === 0)) return <p>{t("outcomes.breakdown.none")}</p>;
  const name = t(`outcomes.measure.${measure.measure}.name`);
  const columns = figureColumns(t, measure.unit);
  return (
    <div className="qpi-breakdowns">
      {info && info.ageBasis !== "none" && (
        <p className="usa-hint">{t(`outcomes.breakdown.ageBasis.${info.ageBasis}`)}</p>
      )}
      {dimensions.map((dimension) => (
        <ScrollRegion
          key={dimension}
          label={t("outcomes.breakdown.caption", {
            measure: name,
            dimension: t(`outcomes.breakdown.${dimension}`).toLowerCase(),
          })}
        >
          <table className="usa-table usa-table--borderless usa-table--compact qpi-figures">
            <caption>
              {t("outcomes.breakdown.caption", {
                measure: name,
                dimension: t(`outcomes.breakdown.${dimension}`).toLowerCase(),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("outcomes.breakdown.group")}</th>
                <th scope="col">{columns.value}</th>
                {columns.numerator && <th scope="col">{columns.numerator}</th>}
                {columns.denominator && <th scope="col">{columns.denominator}</th>}
              </tr>
            </thead>
            <tbody>
              {measure.by[dimension].map((row) => (
                <tr key={row.group}>
                  <th scope="row">{t(`outcomes.group.${dimension}.${row.group}`)}</th>
                  <td>{cellText(t, language, measure.unit, row, true)}</td>
                  {columns.numerator && <td>{countText(t, language, row.numerator, row.suppressed.numerator)}</td>}
                  {columns.denominator && (
                    <td>{countText(t, language, row.denominator, row.suppressed.denominator)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ))}
    </div>
  );
}
