import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { TimelinessTable } from "./TimelinessTable";
import type { TimelinessView } from "./types";

/** Timeliness per practice per unit over the last 180 days, for QPI coordinators and supervisors. */
export function TimelinessPage() {
  const { t, formatDate } = useI18n();
  const data = useQuery({
    queryKey: ["timeliness"],
    queryFn: () => api<TimelinessView>("/api/practices/timeliness?days=180"),
  });
  const units = [...new Set((data.data?.rows ?? []).map((r) => r.unitName ?? t("timeliness.noUnit")))];
  return (
    <>
      <h1>{t("timeliness.title")}</h1>
      <ErrorAlert error={data.error} />
      {data.data && <p>{t("timeliness.since", { date: formatDate(data.data.since) })}</p>}
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
