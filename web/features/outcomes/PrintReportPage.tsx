import { Breadcrumb } from "../../app/Breadcrumb";
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
          <table className="usa-table usa-table--borderless usa-table--compact qpi-print-table">
            <caption>{t("outcomes.print.keyMeasures")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("outcomes.compare.measure")}</th>
                <th scope="col">{t("outcomes.trend.value")}</th>
                <th scope="col">{t("outcomes.trend.national")}</th>
                <th scope="col">{t("outcomes.beforeAfter.direction")}</th>
                <th scope="col">
                  {t("outcomes.print.trend")}
                  {trendRange && <span className="qpi-print-versus">{trendRange}</span>}
                </th>
              </tr>
            </thead>
            <tbody>
              {keyMeasures.map((id) => {
                const m = data.measures.find((x) => x.measure === id);
                if (!m) return null;
                const name = t(`outcomes.measure.${id}.name`);
                return (
                  <tr key={id}>
                    <th scope="row">
                      {name}
                      {versusLine(t, m) && <span className="qpi-print-versus">{versusLine(t, m)}</span>}
                    </th>
                    <td className="qpi-print-value">{cellText(t, language, m.unit, m)}</td>
                    <td className="qpi-nowrap">
                      {m.national !== null ? formatValue(t, language, m.unit, m.national) : "—"}
                    </td>
                    <td>{t(`outcomes.good.${m.good}`)}</td>
                    <td>
                      <Sparkline points={m.trend} unit={m.unit} measureName={name} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
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
