import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { type TimelinessRow, TimelinessTable } from "./TimelinessTable";

interface Row extends TimelinessRow {
  unitId: string | null;
  unitName: string | null;
}

/** Timeliness per practice per unit over the last 180 days, for QPI coordinators and supervisors. */
export function TimelinessPage() {
  const { t, formatDate } = useI18n();
  const data = useQuery({
    queryKey: ["timeliness"],
    queryFn: () => api<{ since: string; rows: Row[] }>("/api/practices/timeliness?days=180"),
  });
  const units = [...new Set((data.data?.rows ?? []).map((r) => r.unitName ?? t("timeliness.noUnit")))];
  return (
    <>
      <h1>{t("timeliness.title")}</h1>
      <ErrorAlert error={data.error} />
      {data.data && <p>{t("timeliness.since", { date: formatDate(data.data.since) })}</p>}
      {units.map((unit) => (
        <div className="qpi-table-wrap" key={unit}>
          <TimelinessTable
            rows={data.data!.rows.filter((r) => (r.unitName ?? t("timeliness.noUnit")) === unit)}
            caption={unit}
          />
        </div>
      ))}
    </>
  );
}
