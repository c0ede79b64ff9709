import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { RetentionView } from "./types";

/** Retention at the site over the last 12 months, from the household records. */
export function RetentionSection({ siteId }: { siteId: string }) {
  const { t, formatDate, formatNumber } = useI18n();
  const data = useQuery({
    queryKey: ["household-retention", siteId],
    queryFn: () => api<RetentionView>(`/api/households/retention?siteId=${siteId}`),
    enabled: Boolean(siteId),
  });
  const r = data.data;
  return (
    <section aria-labelledby="homes-retention" className="margin-top-4">
      <h2 id="homes-retention">{t("homes.retention.title")}</h2>
      <ErrorAlert error={data.error} />
      {r && (
        <>
          <p>{t("homes.retention.period", { from: formatDate(r.from), to: formatDate(r.to) })}</p>
          <ul className="usa-list">
            <li>{t("homes.retention.approved", { count: r.approved })}</li>
            <li>{t("homes.retention.active", { count: r.activeAtEnd })}</li>
            <li>
              {r.oneYearRetention.cohort
                ? t("homes.retention.oneYear", {
                    retained: r.oneYearRetention.retained,
                    cohort: r.oneYearRetention.cohort,
                    percent: formatNumber(Math.round((100 * r.oneYearRetention.retained) / r.oneYearRetention.cohort)),
                  })
                : t("homes.retention.oneYearNone")}
            </li>
            <li>
              {r.medianDaysToApproval === null
                ? t("homes.retention.noApprovals")
                : t("homes.retention.median", { days: formatNumber(Math.round(r.medianDaysToApproval)) })}
            </li>
          </ul>
          {r.closedByReason.length > 0 && (
            <DataTable
              caption={t("homes.retention.closed", { count: r.closed })}
              layout="plain"
              rows={r.closedByReason}
              rowKey={(row) => row.reason}
              columns={[
                { header: t("homes.closeReason"), cell: (row) => t(`homes.closure.${row.reason}`) },
                { header: t("homes.retention.count"), cell: (row) => formatNumber(row.count) },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
