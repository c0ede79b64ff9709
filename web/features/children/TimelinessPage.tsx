import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";

interface Row { unitId: string | null; unitName: string | null; practice: string; onTime: number; late: number; overdue: number; pending: number; notRequired: number; onTimeRate: number | null }

/** Timeliness per practice per unit over the last 180 days, for QPI coordinators and supervisors. */
export function TimelinessPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const data = useQuery({ queryKey: ["timeliness"], queryFn: () => api<{ since: string; rows: Row[] }>("/api/practices/timeliness?days=180") });
  const units = [...new Set((data.data?.rows ?? []).map((r) => r.unitName ?? t("timeliness.noUnit")))];
  return (
    <>
      <h1>{t("timeliness.title")}</h1>
      <ErrorAlert error={data.error} />
      {data.data && <p>{t("timeliness.since", { date: formatDate(data.data.since) })}</p>}
      {units.map((unit) => (
        <div className="qpi-table-wrap" key={unit}>
          <table className="usa-table usa-table--borderless usa-table--stacked width-full">
            <caption>{unit}</caption>
            <thead>
              <tr>
                <th scope="col">{t("worklist.practice")}</th>
                <th scope="col">{t("timeliness.onTime")}</th>
                <th scope="col">{t("timeliness.late")}</th>
                <th scope="col">{t("timeliness.overdue")}</th>
                <th scope="col">{t("timeliness.pending")}</th>
                <th scope="col">{t("timeliness.notRequired")}</th>
                <th scope="col">{t("timeliness.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {data.data!.rows.filter((r) => (r.unitName ?? t("timeliness.noUnit")) === unit).map((r) => (
                <tr key={r.practice}>
                  <th scope="row" data-label={t("worklist.practice")}>{t(`practice.name.${r.practice}`)}</th>
                  <td data-label={t("timeliness.onTime")}>{formatNumber(r.onTime)}</td>
                  <td data-label={t("timeliness.late")}>{formatNumber(r.late)}</td>
                  <td data-label={t("timeliness.overdue")}>{formatNumber(r.overdue)}</td>
                  <td data-label={t("timeliness.pending")}>{formatNumber(r.pending)}</td>
                  <td data-label={t("timeliness.notRequired")}>{formatNumber(r.notRequired)}</td>
                  <td data-label={t("timeliness.rate")}>{r.onTimeRate === null ? "—" : `${formatNumber(Math.round(r.onTimeRate * 100))} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
