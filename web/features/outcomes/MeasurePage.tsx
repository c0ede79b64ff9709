import { useParams } from "react-router";
import { Breadcrumb } from "../../app/Breadcrumb";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AreaPeriodPicker } from "./AreaPeriodPicker";
import { BreakdownTables } from "./BreakdownTables";
import { DrillDownSection } from "./DrillDownSection";
import { formatValue, periodText } from "./format";
import { countsLine, versusLine } from "./MeasureCard";
import { searchOf, useAreaAndPeriod, useAreas, useCatalogue, useReport } from "./queries";
import { StatValue } from "./StatValue";
import { TrendChart } from "./TrendChart";
import { TrendTable } from "./TrendTable";
import "./outcomes.css";

/**
 * One measure in depth: value, definition, the trend with its table beside it, breakdowns, and the children behind it.
 */
export function MeasurePage() {
  const { measureId } = useParams();
  const { t, language, formatDate } = useI18n();
  const session = useSession();
  const areas = useAreas();
  const catalogue = useCatalogue();
  const { area, period, select } = useAreaAndPeriod(areas.data);
  const report = useReport(area?.code, period);
  const measure = report.data?.measures.find((m) => m.measure === measureId);
  const info = catalogue.data?.measures.find((m) => m.id === measureId);
  if (areas.isPending || (report.isPending && area)) return <Loading label={t("common.loading")} />;
  const name = t(`outcomes.measure.${measureId}.name`);
  const mayOpenChildren = session.data?.abilities.includes("child:read") ?? false;
  return (
    <>
      <Breadcrumb to={`/outcomes?${searchOf(area?.code, period)}`} labelKey="outcomes.backToDashboard" />
      <h1>{name}</h1>
      <ErrorAlert error={areas.error ?? report.error} />
      {area && areas.data && (
        <AreaPeriodPicker areas={areas.data.areas} area={area} periodStart={period} onChange={select} />
      )}
      {report.data && measure && (
        <>
          <p className="qpi-period">
            {area?.name} · <strong>{periodText(t, formatDate, report.data.period)}</strong>.{" "}
            {report.data.dataAsOf && t("outcomes.dataAsOf", { date: formatDate(report.data.dataAsOf) })}
          </p>
          <div className="qpi-measure-summary">
            <StatValue cell={measure} unit={measure.unit} large notMeasured={measure.missingSource !== null} />
            <p>
              {countsLine(t, language, measure)} · {t(`outcomes.good.${measure.good}`)} ·{" "}
              {measure.national !== null
                ? t("outcomes.card.national", { value: formatValue(t, language, measure.unit, measure.national) })
                : t("outcomes.card.noNational")}
            </p>
            {versusLine(t, measure) && (
              <p>
                {versusLine(t, measure)} {t("outcomes.versus.caveat")}
              </p>
            )}
            {!measure.followUpComplete && <p className="usa-hint">{t("outcomes.followUpIncomplete")}</p>}
            {!report.data.area.exact && <p className="usa-hint">{t("outcomes.suppressionNote")}</p>}
          </div>
          <h2>{t("outcomes.definition")}</h2>
          <p className="qpi-definition-text">{t(`outcomes.measure.${measure.measure}.definition`)}</p>
          {info?.national && <p className="usa-hint">{t("outcomes.source")}</p>}
          <h2>{t("outcomes.print.trend")}</h2>
          <div className="qpi-chart-with-table">
            {/* The large drawing's labels would shrink to nothing on a phone: there the card-size one is drawn
                instead (CSS). */}
            <div className="qpi-only-wide">
              <TrendChart
                points={measure.trend}
                unit={measure.unit}
                measureName={name}
                national={measure.national}
                launchDate={report.data.area.qpiLaunchDate}
                size="large"
              />
            </div>
            <div className="qpi-only-narrow">
              <TrendChart
                points={measure.trend}
                unit={measure.unit}
                measureName={name}
                national={measure.national}
                launchDate={report.data.area.qpiLaunchDate}
              />
            </div>
            <TrendTable points={measure.trend} unit={measure.unit} measureName={name} />
          </div>
          <h2>{t("outcomes.breakdown.title")}</h2>
          <BreakdownTables measure={measure} info={info} />
          <h2>{t("outcomes.drill.title")}</h2>
          {mayOpenChildren ? (
            <DrillDownSection
              area={report.data.area.code}
              measure={measure.measure}
              periodStart={report.data.period.start}
              hasNumerator={measure.numerator !== null || measure.suppressed.numerator}
            />
          ) : (
            <p>{t("outcomes.drill.notAllowed")}</p>
          )}
        </>
      )}
    </>
  );
}
