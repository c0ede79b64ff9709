import { Link } from "react-router";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useI18n } from "../../i18n/i18n";
import { AreaPeriodPicker } from "./AreaPeriodPicker";
import { BeforeAfterSection } from "./BeforeAfterSection";
import { periodText } from "./format";
import { MeasureCard } from "./MeasureCard";
import { PracticesSection } from "./PracticesSection";
import { csvHref, searchOf, useAreaAndPeriod, useAreas, useCatalogue, useReport } from "./queries";
import type { MeasureInfo, ReportView } from "./types";
import "./outcomes.css";

const families = ["cfsr", "qpi", "context", "homes"] as const;

/** A site's dashboard: every measure as a card with its trend, the practices, before and after QPI. */
export function DashboardPage() {
  const { t } = useI18n();
  const areas = useAreas();
  const catalogue = useCatalogue();
  const { area, period, select } = useAreaAndPeriod(areas.data);
  const report = useReport(area?.code, period);
  if (areas.isPending) return <Loading label={t("common.loading")} />;
  return (
    <>
      <h1>{area ? t("outcomes.titleFor", { site: area.name }) : t("outcomes.title")}</h1>
      <p className="usa-intro">{t("outcomes.intro")}</p>
      <ErrorAlert error={areas.error ?? report.error} />
      {areas.data && !area && <p>{t("outcomes.noAreas")}</p>}
      {area && areas.data && (
        <AreaPeriodPicker areas={areas.data.areas} area={area} periodStart={period} onChange={select} />
      )}
      {report.data && area && (
        <ReportBody
          report={report.data}
          measures={catalogue.data?.measures ?? []}
          search={searchOf(area.code, period ?? report.data.period.start)}
        />
      )}
    </>
  );
}

function ReportBody({ report, measures, search }: { report: ReportView; measures: MeasureInfo[]; search: string }) {
  const { t, formatDate } = useI18n();
  const info = new Map(measures.map((m) => [m.id, m]));
  return (
    <>
      <p className="qpi-period">
        <strong>{periodText(t, formatDate, report.period)}</strong>.{" "}
        {report.dataAsOf && t("outcomes.dataAsOf", { date: formatDate(report.dataAsOf) })}{" "}
        {report.period.start === report.area.defaultPeriodStart && t("outcomes.defaultPeriodNote")}
      </p>
      <div className="usa-alert usa-alert--info usa-alert--slim usa-alert--no-icon qpi-notes">
        <div className="usa-alert__body">
          <p className="usa-alert__text">{t("outcomes.observedNote")}</p>
          <p className="usa-alert__text">
            {report.area.exact ? t("outcomes.exactNote") : t("outcomes.suppressionNote")}
          </p>
        </div>
      </div>
      <ul className="usa-button-group qpi-actions qpi-no-print">
        <li className="usa-button-group__item">
          <a className="usa-button usa-button--outline" href={csvHref(report.area.code, report.period.start)} download>
            {t("outcomes.exportCsv")}
          </a>
        </li>
        <li className="usa-button-group__item">
          <Link className="usa-button usa-button--outline" to={`/outcomes/print?${search}`}>
            {t("outcomes.printReport")}
          </Link>
        </li>
        <li className="usa-button-group__item">
          <Link className="usa-button usa-button--outline" to={`/outcomes/compare?period=${report.period.start}`}>
            {t("outcomes.compareSites")}
          </Link>
        </li>
        <li className="usa-button-group__item">
          <a className="usa-button usa-button--unstyled qpi-actions__anchor" href="#before-after">
            {t("outcomes.beforeAfterLink")}
          </a>
        </li>
      </ul>
      {families.map((family) => {
        const inFamily = report.measures.filter((m) => info.get(m.measure)?.family === family);
        if (inFamily.length === 0) return null;
        return (
          <section key={family} aria-labelledby={`family-${family}`} className="qpi-family">
            <h2 id={`family-${family}`}>{t(`outcomes.family.${family}`)}</h2>
            <p>{t(`outcomes.family.${family}Intro`)}</p>
            <ul className="qpi-cards qpi-measures">
              {inFamily.map((m) => (
                <MeasureCard
                  key={m.measure}
                  measure={m}
                  info={info.get(m.measure)}
                  launchDate={report.area.qpiLaunchDate}
                  detailSearch={search}
                />
              ))}
            </ul>
          </section>
        );
      })}
      <PracticesSection practices={report.practices} />
      <BeforeAfterSection area={report.area} />
    </>
  );
}
