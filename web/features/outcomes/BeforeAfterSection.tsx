import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { cellText, periodText } from "./format";
import { useBeforeAfter, useCatalogue } from "./queries";
import type { Area } from "./types";

/** The 12 months before the site's QPI launch against the latest complete 12 months, measure by measure. */
export function BeforeAfterSection({ area }: { area: Area }) {
  const { t, language, formatDate } = useI18n();
  const data = useBeforeAfter(area.code);
  const catalogue = useCatalogue();
  const unitOf = new Map((catalogue.data?.measures ?? []).map((m) => [m.id, m.unit]));
  const view = data.data;
  return (
    <section aria-labelledby="before-after" className="qpi-family">
      <h2 id="before-after" tabIndex={-1}>
        {t("outcomes.beforeAfter.title")}
      </h2>
      <ErrorAlert error={data.error} />
      {view && !view.launchDate && <p>{t("outcomes.beforeAfter.noLaunch")}</p>}
      {view?.launchDate && (
        <>
          <p>{t("outcomes.beforeAfter.intro", { launch: formatDate(view.launchDate) })}</p>
          {view.before?.coverage === "none" && <p className="usa-hint">{t("outcomes.beforeAfter.noDataBefore")}</p>}
          {view.before?.coverage === "partial" && <p className="usa-hint">{t("outcomes.beforeAfter.partial")}</p>}
          {view.before && view.after && view.before.coverage !== "none" && (
            <DataTable
              caption={t("outcomes.beforeAfter.caption", { site: area.name })}
              layout="compact"
              className="qpi-figures"
              scroll="region"
              rows={view.measures}
              rowKey={(m) => m.measure}
              columns={[
                { header: t("outcomes.compare.measure"), cell: (m) => t(`outcomes.measure.${m.measure}.name`) },
                {
                  header: t("outcomes.beforeAfter.before", { period: periodText(t, formatDate, view.before.period) }),
                  cell: (m) => (m.before ? cellText(t, language, unitOf.get(m.measure) ?? "count", m.before) : "—"),
                },
                {
                  header: t("outcomes.beforeAfter.after", { period: periodText(t, formatDate, view.after.period) }),
                  cell: (m) => (m.after ? cellText(t, language, unitOf.get(m.measure) ?? "count", m.after) : "—"),
                },
                {
                  header: t("outcomes.beforeAfter.direction"),
                  cell: (m) =>
                    t(`outcomes.good.${catalogue.data?.measures.find((c) => c.id === m.measure)?.good ?? "none"}`),
                },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
