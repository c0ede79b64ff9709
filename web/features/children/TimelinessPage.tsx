import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { usePracticeName } from "./practice-name";
import { TimelinessTable } from "./TimelinessTable";
import type { TimelinessView, WorklistCountsView } from "./types";

/**
 * For QPI coordinators and supervisors: what is overdue now in the worklist's reach (each figure opens its tasks
 * on the worklist, counted by the same query), then timeliness per practice per unit over the last 180 days.
 */
export function TimelinessPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const practiceName = usePracticeName();
  const reachesTasks = useSession().data?.abilities.includes("practice:read") ?? false;
  const data = useQuery({
    queryKey: ["timeliness"],
    queryFn: () => api<TimelinessView>("/api/practices/timeliness?days=180"),
  });
  const overdue = useQuery({
    queryKey: ["worklist", "counts", "overdue"],
    queryFn: () => api<WorklistCountsView>("/api/worklist/counts?window=overdue"),
    enabled: reachesTasks,
  });
  const units = [...new Set((data.data?.rows ?? []).map((r) => r.unitName ?? t("timeliness.noUnit")))];
  const drill = (filter: Record<string, string>, count: number, label: string) => (
    <Link to={`/worklist?${new URLSearchParams({ window: "overdue", ...filter })}`} aria-label={label}>
      {formatNumber(count)}
    </Link>
  );
  return (
    <>
      <h1>{t("timeliness.title")}</h1>
      <ErrorAlert error={data.error ?? overdue.error} />
      {overdue.data && (
        <section aria-labelledby="overdue-now">
          <h2 id="overdue-now">{t("timeliness.overdueNow")}</h2>
          <p>{t("timeliness.overdueNowWindow")}</p>
          <p className="qpi-stat">
            {drill({}, overdue.data.total, t("timeliness.openOverdue", { count: overdue.data.total }))}
          </p>
          {overdue.data.total > 0 && (
            <div className="grid-row grid-gap">
              <div className="tablet:grid-col-6">
                <DataTable
                  caption={t("timeliness.byCaseworker")}
                  rows={overdue.data.byCaseworker}
                  rowKey={(r) => r.caseworkerId ?? "none"}
                  columns={[
                    { header: t("worklist.caseworker"), cell: (r) => r.name ?? t("timeliness.noUnit") },
                    {
                      header: t("timeliness.overdue"),
                      cell: (r) =>
                        drill(
                          { caseworker: r.caseworkerId ?? "none" },
                          r.count,
                          t("timeliness.openOverdueOf", { count: r.count, of: r.name ?? t("timeliness.noUnit") }),
                        ),
                    },
                  ]}
                />
              </div>
              <div className="tablet:grid-col-6">
                <DataTable
                  caption={t("timeliness.byPractice")}
                  rows={overdue.data.byPractice}
                  rowKey={(r) => r.practice}
                  columns={[
                    { header: t("worklist.practice"), cell: (r) => practiceName(r.practice) },
                    {
                      header: t("timeliness.overdue"),
                      cell: (r) =>
                        drill(
                          { practice: r.practice },
                          r.count,
                          t("timeliness.openOverdueOf", { count: r.count, of: practiceName(r.practice) }),
                        ),
                    },
                  ]}
                />
              </div>
            </div>
          )}
        </section>
      )}
      {data.data && (
        <>
          <h2>{t("timeliness.byUnit")}</h2>
          <p>{t("timeliness.since", { date: formatDate(data.data.since) })}</p>
        </>
      )}
      {units.map((unit) => (
        <TimelinessTable
          key={unit}
          rows={data.data!.rows.filter((r) => (r.unitName ?? t("timeliness.noUnit")) === unit)}
          caption={unit}
        />
      ))}
    </>
  );
}
