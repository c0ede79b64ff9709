import { DataTable } from "../../app/DataTable";
import { useI18n } from "../../i18n/i18n";
import { cellText, countText, figureColumns } from "./format";
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
        <DataTable
          key={dimension}
          caption={t("outcomes.breakdown.caption", {
            measure: name,
            dimension: t(`outcomes.breakdown.${dimension}`).toLowerCase(),
          })}
          layout="compact"
          className="qpi-figures"
          scroll="region"
          rows={measure.by[dimension]}
          rowKey={(row) => row.group}
          columns={[
            { header: t("outcomes.breakdown.group"), cell: (row) => t(`outcomes.group.${dimension}.${row.group}`) },
            { header: columns.value, cell: (row) => cellText(t, language, measure.unit, row, true) },
            !!columns.numerator && {
              header: columns.numerator,
              cell: (row) => countText(t, language, row.numerator, row.suppressed.numerator),
            },
            !!columns.denominator && {
              header: columns.denominator,
              cell: (row) => countText(t, language, row.denominator, row.suppressed.denominator),
            },
          ]}
        />
      ))}
    </div>
  );
}
