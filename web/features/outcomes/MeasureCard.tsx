import { useId, useState } from "react";
import { Link } from "react-router";
import type { Language } from "../../i18n/i18n";
import { type Translate, useI18n } from "../../i18n/i18n";
import { countText, formatValue } from "./format";
import { StatValue } from "./StatValue";
import { TrendChart } from "./TrendChart";
import { TrendTable } from "./TrendTable";
import type { MeasureInfo, MeasureReportView } from "./types";

/** The counts behind a value, in the words of its unit. */
export function countsLine(t: Translate, language: Language, m: MeasureReportView): string | null {
  if (m.missingSource) return t(`outcomes.missing.${m.missingSource}`);
  if (m.denominator === 0 && !m.suppressed.denominator) return null;
  const numerator = countText(t, language, m.numerator, m.suppressed.numerator);
  const denominator = countText(t, language, m.denominator, m.suppressed.denominator);
  switch (m.unit) {
    case "percent":
      return t("outcomes.card.ofTotal", { numerator, denominator });
    case "per_1000_days":
    case "per_100000_days":
      return t("outcomes.card.daysOfCare", { numerator, denominator });
    case "days":
      return t("outcomes.card.medianOf", { denominator });
    default:
      return null;
  }
}

/**
 * Compared with the national figure in words that do not overclaim: which
 * side it is on and whether that is the better direction — observed, never
 * "significantly" or "performing", since nothing here is risk-adjusted.
 */
export function versusLine(t: Translate, m: MeasureReportView): string | null {
  if (m.versusNational === null || m.good === "none") return null;
  if (m.versusNational === "same") return t("outcomes.versus.same");
  const better = (m.versusNational === "higher") === (m.good === "higher");
  return t(`outcomes.versus.${m.versusNational}.${better ? "good" : "bad"}`);
}

export function MeasureCard({
  measure,
  info,
  launchDate,
  detailSearch,
}: {
  measure: MeasureReportView;
  info: MeasureInfo | undefined;
  launchDate: string | null;
  detailSearch: string;
}) {
  const { t, language } = useI18n();
  const [tableOpen, setTableOpen] = useState(false);
  const tableId = useId();
  const name = t(`outcomes.measure.${measure.measure}.name`);
  const counts = countsLine(t, language, measure);
  const versus = versusLine(t, measure);
  const headingId = `measure-${measure.measure}`;
  return (
    <li className="qpi-card qpi-measure" aria-labelledby={headingId}>
      <h3 id={headingId} className="qpi-measure__name">
        {name}
      </h3>
      <StatValue cell={measure} unit={measure.unit} notMeasured={measure.missingSource !== null} />
      {counts && <p className="qpi-measure__counts">{counts}</p>}
      <p className="qpi-measure__good">
        <span aria-hidden="true">{measure.good === "higher" ? "▲ " : measure.good === "lower" ? "▼ " : ""}</span>
        {t(`outcomes.good.${measure.good}`)}
      </p>
      <p className="qpi-measure__national">
        {measure.national !== null
          ? t("outcomes.card.national", { value: formatValue(t, language, measure.unit, measure.national) })
          : t("outcomes.card.noNational")}
      </p>
      {versus && (
        <p className="qpi-measure__versus">
          {versus} {t("outcomes.versus.caveat")}
        </p>
      )}
      {!measure.followUpComplete && <p className="usa-hint">{t("outcomes.followUpIncomplete")}</p>}
      {measure.missingSource === null && (
        <>
          <TrendChart
            points={measure.trend}
            unit={measure.unit}
            measureName={name}
            national={measure.national}
            launchDate={launchDate}
          />
          <button
            type="button"
            className="usa-button usa-button--unstyled qpi-no-print"
            aria-expanded={tableOpen}
            aria-controls={tableId}
            onClick={() => setTableOpen(!tableOpen)}
          >
            {tableOpen ? t("outcomes.trend.hideTable") : t("outcomes.trend.showTable")}
          </button>
          <div id={tableId} hidden={!tableOpen}>
            {tableOpen && <TrendTable points={measure.trend} unit={measure.unit} measureName={name} />}
          </div>
        </>
      )}
      <details className="qpi-definition">
        <summary>{t("outcomes.definition")}</summary>
        <p>{t(`outcomes.measure.${measure.measure}.definition`)}</p>
        {info?.national && <p className="usa-hint">{t("outcomes.source")}</p>}
      </details>
      <p className="qpi-no-print qpi-measure__more">
        <Link
          to={`/outcomes/measures/${measure.measure}?${detailSearch}`}
          aria-label={t("outcomes.openMeasureNamed", { measure: name })}
        >
          {t("outcomes.openMeasure")}
        </Link>
      </p>
    </li>
  );
}
