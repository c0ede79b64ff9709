import { useI18n } from "../../i18n/i18n";
import { ScrollRegion } from "./ScrollRegion";
import { formatNumber } from "./format";
import type { ReportView } from "./types";

/** On-time rates of the QPI practices in the period, from the children module (its own scope: supervisors and coordinators). */
export function PracticesSection({ practices }: { practices: ReportView["practices"] }) {
  const { t, language, formatDate } = useI18n();
  return (
    <section aria-labelledby="practices-title" className="qpi-family">
      <h2 id="practices-title">{t("outcomes.practices.title")}</h2>
      {practices === null ? (
        <p>{t("outcomes.practices.hidden")}</p>
      ) : practices.rows.length === 0 ? (
        <p>{t("outcomes.practices.none")}</p>
      ) : (
        <>
          <p>{t("outcomes.practices.intro", { from: formatDate(practices.from), to: formatDate(practices.to) })}</p>
          <ScrollRegion label={t("outcomes.practices.title")}>
            <table className="usa-table usa-table--borderless usa-table--compact qpi-figures">
              <caption className="usa-sr-only">{t("outcomes.practices.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("worklist.practice")}</th>
                  <th scope="col">{t("timeliness.onTime")}</th>
                  <th scope="col">{t("timeliness.late")}</th>
                  <th scope="col">{t("timeliness.overdue")}</th>
                  <th scope="col">{t("timeliness.pending")}</th>
                  <th scope="col">{t("timeliness.notRequired")}</th>
                  <th scope="col">{t("outcomes.practices.onTimeRate")}</th>
                </tr>
              </thead>
              <tbody>
                {practices.rows.map((r) => (
                  <tr key={r.practice}>
                    <th scope="row">{t(`practice.name.${r.practice}`)}</th>
                    <td>{formatNumber(language, r.onTime)}</td>
                    <td>{formatNumber(language, r.late)}</td>
                    <td>{formatNumber(language, r.overdue)}</td>
                    <td>{formatNumber(language, r.pending)}</td>
                    <td>{formatNumber(language, r.notRequired)}</td>
                    <td>{r.onTimeRate === null ? "—" : t("outcomes.unit.percent", { value: formatNumber(language, r.onTimeRate * 100, 0) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
