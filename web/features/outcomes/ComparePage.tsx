import { useSearchParams } from "react-router";
import { Breadcrumb } from "../../app/Breadcrumb";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { endOf } from "./AreaPeriodPicker";
import { CompareChart } from "./CompareChart";
import { cellText, countText, figureColumns, formatValue, periodText } from "./format";
import { useAreas, useCatalogue, useCompare } from "./queries";
import "./outcomes.css";

/** One measure across every area in the viewer's scope, for the same 12 months; other sites suppressed. */
export function ComparePage() {
  const { t, language, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const catalogue = useCatalogue();
  const areas = useAreas();
  const measureId = params.get("measure") ?? "permanency_12m_entries";
  const period = params.get("period") ?? undefined;
  const compare = useCompare(measureId, period);
  const info = catalogue.data?.measures.find((m) => m.id === measureId);
  const starts = [...new Set((areas.data?.areas ?? []).flatMap((a) => a.periodStarts))].sort().reverse();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  const name = t(`outcomes.measure.${measureId}.name`);
  const columns = figureColumns(t, info?.unit ?? "percent");
  const view = compare.data;
  return (
    <>
      <Breadcrumb to="/outcomes" labelKey="outcomes.backToDashboard" />
      <h1>{t("outcomes.compare.title")}</h1>
      <p className="usa-intro">{t("outcomes.compare.intro")}</p>
      <div className="qpi-pickers">
        <div className="usa-form-group margin-top-0">
          <label className="usa-label margin-top-0" htmlFor="compare-measure">
            {t("outcomes.compare.measure")}
          </label>
          <select
            className="usa-select"
            id="compare-measure"
            value={measureId}
            onChange={(e) => set("measure", e.target.value)}
          >
            {(catalogue.data?.measures ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {t(`outcomes.measure.${m.id}.name`)}
              </option>
            ))}
          </select>
        </div>
        {starts.length > 0 && (
          <div className="usa-form-group margin-top-0">
            <label className="usa-label margin-top-0" htmlFor="compare-period">
              {t("outcomes.period")}
            </label>
            <select
              className="usa-select"
              id="compare-period"
              value={period ?? view?.period.start ?? ""}
              onChange={(e) => set("period", e.target.value)}
            >
              {starts.map((start) => (
                <option key={start} value={start}>
                  {t("outcomes.periodRange", { start: formatDate(start), end: formatDate(endOf(start)) })}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <ErrorAlert error={compare.error ?? areas.error} />
      {view && info && (
        <>
          <p className="qpi-period">
            <strong>{periodText(t, formatDate, view.period)}</strong> · {t(`outcomes.good.${info.good}`)}
            {view.national !== null &&
              ` · ${t("outcomes.card.national", { value: formatValue(t, language, info.unit, view.national) })}`}
          </p>
          <p className="usa-hint">{t("outcomes.observedNote")}</p>
          <CompareChart
            view={view}
            unit={info.unit}
            title={t("outcomes.compare.chartTitle", { measure: name, period: periodText(t, formatDate, view.period) })}
            desc={t("outcomes.compare.chartDesc", { measure: name })}
          />
          <DataTable
            caption={t("outcomes.compare.chartTitle", {
              measure: name,
              period: periodText(t, formatDate, view.period),
            })}
            layout="compact"
            className="qpi-figures"
            scroll="region"
            rows={view.rows}
            rowKey={(row) => row.area}
            columns={[
              { header: t("outcomes.compare.site"), cell: (row) => row.name },
              { header: t("outcomes.compare.state"), cell: (row) => row.stateCode },
              {
                header: columns.value,
                cell: (row) => (
                  <>
                    {row.missingSource ? t("outcomes.notMeasured") : cellText(t, language, info.unit, row, true)}
                    {!row.followUpComplete && row.value !== null && ` (${t("outcomes.compare.provisional")})`}
                  </>
                ),
              },
              !!columns.numerator && {
                header: columns.numerator,
                cell: (row) => countText(t, language, row.numerator, row.suppressed.numerator),
              },
              !!columns.denominator && {
                header: columns.denominator,
                cell: (row) => countText(t, language, row.denominator, row.suppressed.denominator),
              },
              { header: t("outcomes.compare.dataAsOf"), cell: (row) => formatDate(row.dataAsOf) },
            ]}
          />
          <p className="usa-hint">{t("outcomes.suppressionNote")}</p>
        </>
      )}
    </>
  );
}
