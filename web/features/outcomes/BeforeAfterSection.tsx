import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { cellText, periodText } from "./format";
import { useBeforeAfter, useCatalogue } from "./queries";
import { ScrollRegion } from "./ScrollRegion";
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
            <ScrollRegion label={t("outcomes.beforeAfter.caption", { site: area.name })}>
              <table className="usa-table usa-table--borderless usa-table--compact qpi-figures">
                <caption>{t("outcomes.beforeAfter.caption", { site: area.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("outcomes.compare.measure")}</th>
                    <th scope="col">
                      {t("outcomes.beforeAfter.before", { period: periodText(t, formatDate, view.before.period) })}
                    </th>
                    <th scope="col">
                      {t("outcomes.beforeAfter.after", { period: periodText(t, formatDate, view.after.period) })}
                    </th>
                    <th scope="col">{t("outcomes.beforeAfter.direction")}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.measures.map((m) => {
                    const unit = unitOf.get(m.measure) ?? "count";
                    return (
                      <tr key={m.measure}>
                        <th scope="row">{t(`outcomes.measure.${m.measure}.name`)}</th>
                        <td>{m.before ? cellText(t, language, unit, m.before) : "—"}</td>
                        <td>{m.after ? cellText(t, language, unit, m.after) : "—"}</td>
                        <td>
                          {t(
                            `outcomes.good.${catalogue.data?.measures.find((c) => c.id === m.measure)?.good ?? "none"}`,
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      )}
    </section>
  );
}
