import { Breadcrumb } from "../../app/Breadcrumb";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useI18n } from "../../i18n/i18n";
import { cellText, formatValue, periodShort, periodText } from "./format";
import { versusLine } from "./MeasureCard";
import { searchOf, useAreaAndPeriod, useAreas, useReport } from "./queries";
import { Sparkline } from "./Sparkline";
import "./outcomes.css";

/** What fits one printed page: the federal indicators and QPI's headline measures, each with its trend. */
const keyMeasures = [
  "permanency_12m_entries",
  "permanency_12m_12_23",
  "permanency_12m_24_plus",
  "reentry_12m",
  "placement_stability",
  "maltreatment_in_care",
  "recurrence",
  "unplanned_moves",
  "first_placement_congregate",
  "congregate_days",
  "siblings_all_together",
  "reunification_12m",
  "entries",
  "in_care_end",
];

/** The one-page site report: no navigation when printed (outcomes.css), the key measures and their trends. */
export function PrintReportPage() {
  const { t, language, formatDate } = useI18n();
  const areas = useAreas();
  const { area, period } = useAreaAndPeriod(areas.data);
  const report = useReport(area?.code, period);
  if (areas.isPending || report.isPending) return <Loading label={t("common.loading")} />;
  const data = report.data;
  const points = data?.measures[0]?.trend ?? [];
  const trendRange =
    points.length > 1
      ? `${periodShort(language, points[0].period)} – ${periodShort(language, points[points.length - 1].period)}`
      : null;
  return (
    <article className="qpi-print-report">
      <div className="qpi-no-print">
        <Breadcrumb to={`/outcomes?${searchOf(area?.code, period)}`} labelKey="outcomes.backToDashboard" />
      </div>
      <ErrorAlert error={report.error ?? areas.error} />
      {data && (
        <>
          <h1>{t("outcomes.print.title", { site: data.area.name })}</h1>
          <p className="qpi-period">
            <strong>{periodText(t, formatDate, data.period)}</strong>.{" "}
            {data.dataAsOf && t("outcomes.dataAsOf", { date: formatDate(data.dataAsOf) })}
          </p>
          <p className="qpi-no-print">
            <button type="button" className="usa-button" onClick={() => window.print()}>
              {t("outcomes.print.print")}
            </button>
          </p>
          <DataTable
            caption={t("outcomes.print.keyMeasures")}
            // Stacked: on a phone each measure is a block of labelled lines (no sideways scrolling); on paper
            // and wider screens it is the one-page table.
            layout="stacked"
            className="qpi-print-table"
            scroll="none"
            rows={keyMeasures.flatMap((id) => data.measures.filter((x) => x.measure === id))}
            rowKey={(m) => m.measure}
            columns={[
              {
                header: t("outcomes.compare.measure"),
                cell: (m) => (
                  <>
                    {t(`outcomes.measure.${m.measure}.name`)}
                    {versusLine(t, m) && <span className="qpi-print-versus">{versusLine(t, m)}</span>}
                  </>
                ),
              },
              {
                header: t("outcomes.trend.value"),
                className: "qpi-print-value",
                cell: (m) => cellText(t, language, m.unit, m),
              },
              {
                header: t("outcomes.trend.national"),
                className: "qpi-nowrap",
                cell: (m) => (m.national !== null ? formatValue(t, language, m.unit, m.national) : "—"),
              },
              { header: t("outcomes.beforeAfter.direction"), cell: (m) => t(`outcomes.good.${m.good}`) },
              {
                header: t("outcomes.print.trend"),
                headerContent: (
                  <>
                    {t("outcomes.print.trend")}
                    {trendRange && <span className="qpi-print-versus">{trendRange}</span>}
                  </>
                ),
                cell: (m) => (
                  <Sparkline points={m.trend} unit={m.unit} measureName={t(`outcomes.measure.${m.measure}.name`)} />
                ),
              },
            ]}
          />
          <p className="qpi-print-footer">
            {t("outcomes.print.footer", {
              site: data.area.name,
              period: periodText(t, formatDate, data.period),
              date: formatDate(data.dataAsOf ?? data.period.end),
              suppression: data.area.exact ? t("outcomes.print.exact") : t("outcomes.print.suppressionApplied"),
            })}
          </p>
        </>
      )}
    </article>
  );
}
