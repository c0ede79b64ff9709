import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { useI18n } from "../../i18n/i18n";
import type { TaskListView, TimelinessView } from "./types";

/** Home: how many practice deadlines are overdue or near, with the way to the worklist. */
export function WorklistCard() {
  const { t } = useI18n();
  const worklist = useQuery({
    queryKey: ["worklist"],
    queryFn: () => api<TaskListView>("/api/worklist?window=week"),
  });
  const tasks = worklist.data?.tasks ?? [];
  const overdue = tasks.filter((task) => task.overdue).length;
  return (
    <section className="qpi-card" aria-labelledby="worklist-card">
      <h2 id="worklist-card">{t("home.worklistTitle")}</h2>
      {worklist.isPending && <p>{t("common.loading")}</p>}
      {worklist.data && (
        <>
          <p className={`qpi-stat ${overdue > 0 ? "text-secondary-dark" : ""}`}>{overdue}</p>
          <p>{t("worklist.summary", { overdue, soon: tasks.length - overdue })}</p>
          <Link className="usa-button usa-button--outline" to="/worklist">
            {t("home.openWorklist")}
          </Link>
        </>
      )}
    </section>
  );
}

/** Home for coordinators and supervisors: the share of practice deadlines met in the last 90 days. */
export function TimelinessCard() {
  const { t, formatNumber } = useI18n();
  const data = useQuery({
    queryKey: ["timeliness", 90],
    queryFn: () => api<TimelinessView>("/api/practices/timeliness?days=90"),
  });
  const rows = data.data?.rows ?? [];
  const met = rows.reduce((sum, r) => sum + r.onTime, 0);
  const due = rows.reduce((sum, r) => sum + r.onTime + r.late + r.overdue, 0);
  return (
    <section className="qpi-card" aria-labelledby="timeliness-card">
      <h2 id="timeliness-card">{t("nav.timeliness")}</h2>
      {data.isPending && <p>{t("common.loading")}</p>}
      {data.data && (
        <>
          <p className="qpi-stat">{due > 0 ? `${formatNumber(Math.round((100 * met) / due))} %` : "—"}</p>
          <p>{t("home.timelinessBody", { met, due })}</p>
          <Link className="usa-button usa-button--outline" to="/practices/timeliness">
            {t("home.openTimeliness")}
          </Link>
        </>
      )}
    </section>
  );
}
