import { useI18n } from "../../i18n/i18n";
import { TimelinessTable } from "../children/TimelinessTable";
import type { ReportView } from "./types";

/**
 * On-time rates of the QPI practices in the period, from the children module (its own scope: supervisors and
 * coordinators).
 */
export function PracticesSection({ practices }: { practices: ReportView["practices"] }) {
  const { t, formatDate } = useI18n();
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
          <TimelinessTable
            rows={practices.rows}
            caption={t("outcomes.practices.title")}
            captionVisible={false}
            layout="compact"
            className="qpi-figures"
            scroll="region"
          />
        </>
      )}
    </section>
  );
}
